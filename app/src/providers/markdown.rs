//! Profile descriptions are Markdown typed by providers and shown to everyone, so they are
//! turned into HTML here, on the server, with everything that could run script taken out:
//! raw HTML is shown as text, images are dropped (nothing on a page may load from elsewhere),
//! and links keep only http, https and mailto addresses.

use pulldown_cmark::{html, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Whether a link target is safe to put in `href`. Browsers ignore tabs, newlines and other
/// control characters inside a scheme ("java\tscript:"), so those are removed before looking.
pub fn safe_link(dest: &str) -> bool {
    let cleaned: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if cleaned.starts_with("http://")
        || cleaned.starts_with("https://")
        || cleaned.starts_with("mailto:")
    {
        return true;
    }
    // Relative addresses have no scheme: no ':' before the first '/', '?' or '#'.
    let head = cleaned.split(['/', '?', '#']).next().unwrap_or("");
    !head.contains(':') && !cleaned.starts_with("//")
}

/// Markdown → sanitised HTML.
pub fn to_safe_html(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH);
    let mut dropped_link = false;
    let events = parser.filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            if safe_link(&dest_url) {
                dropped_link = false;
                Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            } else {
                dropped_link = true;
                None
            }
        }
        Event::End(TagEnd::Link) if dropped_link => {
            dropped_link = false;
            None
        }
        // The page's own headings are h1/h2: descriptions start at h3.
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(demote(level)))),
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 | HeadingLevel::H3 => HeadingLevel::H3,
        HeadingLevel::H4 => HeadingLevel::H4,
        HeadingLevel::H5 => HeadingLevel::H5,
        HeadingLevel::H6 => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_survives() {
        let html = to_safe_html("# Wie wij zijn\n\nWij **koppelen** machines aan [ons ERP](https://example.nl).\n\n- MES\n- OEE");
        assert!(html.contains("<h3>Wie wij zijn</h3>"), "{html}");
        assert!(html.contains("<strong>koppelen</strong>"));
        assert!(html.contains("<a href=\"https://example.nl\">ons ERP</a>"));
        assert!(html.contains("<li>MES</li>"));
    }

    #[test]
    fn script_tags_become_text() {
        let html =
            to_safe_html("Hallo <script>alert('x')</script>\n\n<script>\nalert(1)\n</script>");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn event_handlers_never_become_attributes() {
        let html = to_safe_html("<img src=x onerror=alert(1)> <b onmouseover=\"alert(1)\">x</b>\n\n<div onclick=\"steal()\">y</div>");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(!html.contains("<div"), "{html}");
        // Markdown images are dropped too; their alt text stays.
        let html = to_safe_html("![logo](https://tracker.example/pixel.gif)");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("logo"));
    }

    #[test]
    fn javascript_links_are_removed_but_their_text_stays() {
        for md in [
            "[klik](javascript:alert(1))",
            "[klik](JavaScript:alert(1))",
            "[klik](java\tscript:alert(1))",
            "[klik](data:text/html;base64,PHNjcmlwdD4=)",
            "[klik](vbscript:msgbox)",
            "<javascript:alert(1)>",
            "[klik][r]\n\n[r]: javascript:alert(1)",
        ] {
            let html = to_safe_html(md);
            // What is left may mention the address as text, never as a link.
            assert!(!html.contains("<a"), "{md} → {html}");
            assert!(!html.contains("href"), "{md} → {html}");
        }
        assert!(to_safe_html("[klik](javascript:x)").contains("klik"));
    }

    #[test]
    fn quotes_in_links_cannot_break_out_of_the_attribute() {
        let html = to_safe_html("[x](https://example.nl/\"onmouseover=\"alert(1))");
        assert!(!html.contains("\"onmouseover"), "{html}");
    }

    #[test]
    fn safe_links() {
        assert!(safe_link("https://example.nl"));
        assert!(safe_link("mailto:info@example.nl"));
        assert!(safe_link("/directory"));
        assert!(safe_link("#contact"));
        assert!(!safe_link("//evil.example"));
        assert!(!safe_link(" javascript:alert(1)"));
    }
}
