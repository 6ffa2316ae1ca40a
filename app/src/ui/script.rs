//! The plain scripts pages carry inline (the island loader, upload forms, filters, the print
//! and copy buttons, the overview beside the questionnaire): sent without their comment lines
//! and indentation, which are there for the reader of the source, not for the browser (about
//! a third of their bytes, on every page for the loader). Minifying them properly would need
//! a JavaScript parser in the build; dropping whole lines is enough and cannot change meaning
//! in scripts without strings across lines, which a unit test holds for every one of them.

use leptos::prelude::*;

/// `source` without blank lines, lines that are only a `//` comment, and indentation.
pub fn lean_script(source: &str) -> String {
    source
        .lines()
        .map(str::trim_start)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A plain script in the page, with the page's nonce: a module unless `classic` (a classic
/// script runs where it stands, before the page's modules).
#[component]
pub fn InlineScript(source: &'static str, #[prop(optional)] classic: bool) -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    let kind = (!classic).then_some("module");
    view! { <script type=kind nonce=nonce>{lean_script(source)}</script> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_lines_and_indentation_go_and_the_code_stays() {
        let source = "// What it does.\nconst a = 'https://x';  // why\n\n  if (a) {\n    // inner\n    go(a);\n  }\n";
        assert_eq!(
            lean_script(source),
            "const a = 'https://x';  // why\nif (a) {\ngo(a);\n}"
        );
    }

    /// What makes dropping lines safe: no string or template literal goes across lines, so
    /// every line that starts with `//` (after its indentation) is a comment.
    #[test]
    fn no_shipped_script_has_a_literal_across_lines() {
        let scripts = [
            ("islands.js", include_str!("islands.js")),
            ("copy.js", include_str!("copy.js")),
            ("print.js", include_str!("print.js")),
            ("fetch_form.js", include_str!("fetch_form.js")),
            ("live_filter.js", include_str!("live_filter.js")),
            (
                "overview_switch.js",
                include_str!("../assessment/overview_switch.js"),
            ),
            (
                "offline_copy.js",
                include_str!("../assessment/offline_copy.js"),
            ),
            ("autosave.js", include_str!("../plan/autosave.js")),
            ("check_in.js", include_str!("../events/check_in.js")),
        ];
        for (name, source) in scripts {
            for (n, line) in source.lines().enumerate() {
                let code = line.split(" //").next().unwrap_or(line);
                assert_eq!(code.matches('`').count() % 2, 0, "{name}:{}", n + 1);
                assert!(!code.trim_end().ends_with('\\'), "{name}:{}", n + 1);
            }
        }
    }
}
