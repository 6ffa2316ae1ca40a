//! The domains depend on each other in one direction only (docs/architecture.md, "Where things
//! live"), and no domain imports another's page files. Read from the source: every
//! `crate::<domain>::<module>` path in a domain's files must name a domain listed before it,
//! and never a `pages` or `*_pages` module of another domain (those are routed pages; what
//! other pages show comes from the domain's `sections.rs`).
//!
//! A plain text scan rather than a parser: the code base writes its paths in full
//! (`crate::assessment::model::Variant`), and a false alarm here is cheaper than a cycle that
//! creeps back in unseen.

use std::fs;
use std::path::{Path, PathBuf};

/// Lowest first; a domain may use only those before it. Domains on one line share a layer
/// and must not use each other.
const LAYERS: &[&[&str]] = &[
    &["accounts"],
    &["assessment"],
    &["providers"],
    &["matching"],
    &["practices", "events"],
    &["contact"],
    &["plan"],
    &["results"],
    &["analytics"],
    &["staff"],
    &["my_account"],
];

fn layer_of(domain: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&domain))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `crate::<a>::<b>` in `text`, with its line number.
fn crate_paths(text: &str) -> Vec<(usize, String, String)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let ident = |s: &str| -> String {
                s.chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect()
            };
            let first = ident(rest);
            let after = &rest[first.len()..];
            let second = after.strip_prefix("::").map(ident).unwrap_or_default();
            found.push((n + 1, first, second));
        }
    }
    found
}

#[test]
fn domains_depend_downwards_only_and_never_on_another_domains_pages() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    let mut seen_domains = 0;
    for layer in LAYERS {
        for domain in *layer {
            let dir = src.join(domain);
            assert!(dir.is_dir(), "{domain}: no folder app/src/{domain}");
            seen_domains += 1;
            let own = layer_of(domain).expect("listed");
            let mut files = Vec::new();
            rust_files(&dir, &mut files);
            for file in files {
                let text = fs::read_to_string(&file).expect("readable source");
                let shown = file
                    .strip_prefix(&src)
                    .unwrap_or(&file)
                    .display()
                    .to_string();
                for (line, target, module) in crate_paths(&text) {
                    if target.is_empty() {
                        problems.push(format!(
                            "{shown}:{line}: `crate::{{…}}`: write each path in full so this check sees it"
                        ));
                        continue;
                    }
                    if target == *domain {
                        continue;
                    }
                    let Some(theirs) = layer_of(&target) else {
                        continue; // a shared place: ui, web, i18n, db, time, …
                    };
                    if theirs >= own {
                        problems.push(format!(
                            "{shown}:{line}: {domain} uses {target}::{module}, which is not below it"
                        ));
                    }
                    if module == "pages" || module.ends_with("_pages") {
                        problems.push(format!(
                            "{shown}:{line}: {domain} uses {target}::{module}; other domains show its `sections`"
                        ));
                    }
                }
            }
        }
    }
    // Every domain folder is in the list, so a new one cannot slip past the rule.
    let folders = fs::read_dir(&src)
        .expect("app/src")
        .flatten()
        .filter(|e| e.path().join("api.rs").is_file())
        .count();
    assert_eq!(
        folders, seen_domains,
        "a domain folder (one with an api.rs) is missing from LAYERS"
    );
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_scan_finds_paths_and_their_module() {
    let found = crate_paths("use crate::events::sections::MySignUps; x(crate::time::now())");
    assert_eq!(
        found,
        vec![
            (1, "events".to_string(), "sections".to_string()),
            (1, "time".to_string(), "now".to_string()),
        ]
    );
}
