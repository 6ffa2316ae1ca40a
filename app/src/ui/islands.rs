//! The script that brings a page's islands alive, in place of Leptos's `HydrationScripts`:
//! it fetches the WASM module only when the page has an island (see `islands.js`).

use leptos::prelude::*;

/// The loader script, called with the module's JavaScript and WASM addresses.
#[component]
pub fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    // Islands mode: the server's HTML carries no hydration markers outside islands (as
    // Leptos's own loader arranges).
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let (js, wasm) = build_files(&options);
    let nonce = leptos::nonce::use_nonce();
    // The addresses are JSON strings, so they are valid JavaScript literals.
    let call = format!(
        "{}({}, {});",
        super::lean_script(include_str!("islands.js")),
        serde_json::to_string(&js).unwrap_or_default(),
        serde_json::to_string(&wasm).unwrap_or_default(),
    );
    view! { <script type="module" nonce=nonce>{call}</script> }
}

/// The module's script and WASM addresses, with the release build's content hashes.
pub fn build_files(options: &LeptosOptions) -> (String, String) {
    let name = options.output_name.to_string();
    let pkg = options.site_pkg_dir.to_string();
    let hashes = hashes(options);
    let hashed = |kind: &str, plain: &str| match hashes.iter().find(|(k, _)| k == kind) {
        Some((_, hash)) => format!("/{pkg}/{name}.{hash}.{kind}"),
        None => format!("/{pkg}/{plain}.{kind}"),
    };
    // Without cargo-leptos (a plain `cargo build`) wasm-bindgen's own name is kept.
    let plain_wasm = if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
        name.clone()
    } else {
        format!("{name}_bg")
    };
    (hashed("js", &name), hashed("wasm", &plain_wasm))
}

/// The content hashes of the release build, when it wrote them.
#[cfg(feature = "ssr")]
fn hashes(options: &LeptosOptions) -> &'static [(String, String)] {
    if options.hash_files {
        build_hashes()
    } else {
        &[]
    }
}

#[cfg(not(feature = "ssr"))]
fn hashes(_: &LeptosOptions) -> &'static [(String, String)] {
    &[]
}

/// The `kind: hash` lines of `hash.txt`, which cargo-leptos writes beside the server binary
/// of a release build (none for test and debug binaries). Read once: the file belongs to the
/// running binary, and every page's loader script needs it.
#[cfg(feature = "ssr")]
pub fn build_hashes() -> &'static [(String, String)] {
    static HASHES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    HASHES.get_or_init(|| {
        std::env::current_exe()
            .ok()
            .and_then(|exe| std::fs::read_to_string(exe.parent()?.join("hash.txt")).ok())
            .map(|text| parse_hashes(&text))
            .unwrap_or_default()
    })
}

#[cfg(any(feature = "ssr", test))]
fn parse_hashes(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|line| {
            let (kind, hash) = line.split_once(':')?;
            Some((kind.trim().to_string(), hash.trim().to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_lines_name_each_build_file() {
        let parsed = parse_hashes("js: abc\nwasm:def\n\ncss: ghi\n");
        assert_eq!(
            parsed,
            vec![
                ("js".to_string(), "abc".to_string()),
                ("wasm".to_string(), "def".to_string()),
                ("css".to_string(), "ghi".to_string())
            ]
        );
    }

    #[test]
    fn without_a_hash_file_the_plain_names_are_used() {
        let options = LeptosOptions::builder()
            .output_name("sih")
            .site_pkg_dir("pkg")
            .hash_files(false)
            .build();
        let (js, wasm) = build_files(&options);
        assert_eq!(js, "/pkg/sih.js");
        assert!(
            wasm == "/pkg/sih.wasm" || wasm == "/pkg/sih_bg.wasm",
            "{wasm}"
        );
    }
}
