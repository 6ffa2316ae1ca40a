//! Generates the translation table from `locales/nl.txt` and `locales/en.txt`.
//!
//! The build fails when a key is missing in either language, appears twice, or when the two
//! languages use different `{placeholders}` for a key: a missing text is a compile error,
//! never an empty spot on a page.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::{env, fs, path::Path};

fn parse(path: &Path) -> BTreeMap<String, String> {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut map = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(" = ") else {
            panic!("{}:{}: expected `key = text`", path.display(), n + 1);
        };
        let key = key.trim();
        if !key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            panic!(
                "{}:{}: key `{key}` may only hold a-z, 0-9 and _",
                path.display(),
                n + 1
            );
        }
        // `\n` in a text stands for a line break (used in e-mails).
        let value = value.trim().replace("\\n", "\n");
        if map.insert(key.to_string(), value).is_some() {
            panic!("{}:{}: key `{key}` appears twice", path.display(), n + 1);
        }
    }
    map
}

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                out.insert(after[..end].to_string());
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    out
}

fn variant(key: &str) -> String {
    key.split('_')
        .map(|part| {
            let mut c = part.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn main() {
    // Read at run time, not with env!(): a build script compiled in one checkout may be reused
    // (shared target dir) for another, and must read that checkout's files.
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest_dir).join("locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    let nl = parse(&dir.join("nl.txt"));
    let en = parse(&dir.join("en.txt"));

    let mut problems = Vec::new();
    for key in nl.keys().filter(|k| !en.contains_key(*k)) {
        problems.push(format!("`{key}` is in nl.txt but missing in en.txt"));
    }
    for key in en.keys().filter(|k| !nl.contains_key(*k)) {
        problems.push(format!("`{key}` is in en.txt but missing in nl.txt"));
    }
    for (key, text) in &nl {
        if let Some(other) = en.get(key) {
            if placeholders(text) != placeholders(other) {
                problems.push(format!("`{key}` uses different placeholders in nl and en"));
            }
        }
    }
    if !problems.is_empty() {
        panic!("translation files disagree:\n  {}", problems.join("\n  "));
    }

    let mut code = String::new();
    code.push_str(
        "/// Every text the interface shows; generated from `locales/*.txt` by `build.rs`.\n",
    );
    code.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]\npub enum Key {\n");
    for key in nl.keys() {
        let _ = writeln!(code, "    {},", variant(key));
    }
    code.push_str("}\n\nimpl Key {\n");
    for (lang, map) in [("nl", &nl), ("en", &en)] {
        let _ = writeln!(
            code,
            "    pub const fn {lang}(self) -> &'static str {{\n        match self {{"
        );
        for (key, text) in map.iter() {
            let _ = writeln!(code, "            Key::{} => {:?},", variant(key), text);
        }
        code.push_str("        }\n    }\n");
    }
    code.push_str("    pub fn id(self) -> &'static str {\n        match self {\n");
    for key in nl.keys() {
        let _ = writeln!(code, "            Key::{} => {:?},", variant(key), key);
    }
    code.push_str(
        "        }\n    }\n    pub fn from_id(id: &str) -> Option<Key> {\n        match id {\n",
    );
    for key in nl.keys() {
        let _ = writeln!(
            code,
            "            {:?} => Some(Key::{}),",
            key,
            variant(key)
        );
    }
    code.push_str("            _ => None,\n        }\n    }\n}\n");

    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("i18n_keys.rs");
    fs::write(&out, code).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
