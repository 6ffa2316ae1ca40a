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
    // A text that shows a number of things (`{count}`) needs its singular beside it as
    // `<key>_one`, so no page says "1 plaatsen"; `Lang::count` picks between the two.
    for key in nl.keys() {
        let counted = placeholders(&nl[key]).contains("count");
        if counted && !key.ends_with("_one") && !nl.contains_key(&format!("{key}_one")) {
            problems.push(format!(
                "`{key}` shows a {{count}} but has no singular `{key}_one`"
            ));
        }
    }
    if !problems.is_empty() {
        panic!("translation files disagree:\n  {}", problems.join("\n  "));
    }

    // Tables indexed by the key's discriminant instead of `match`es, and serde by hand instead
    // of `derive`: with ~750 keys the derived (de)serialiser and a `match` per lookup were some
    // 100 KB of WASM, copied once per deserialiser that touches an `AppError`. The wire format
    // is what `derive` produced (the variant name as a string).
    let keys: Vec<&String> = nl.keys().collect();
    let n = keys.len();
    let mut code = String::new();
    code.push_str(
        "/// Every text the interface shows; generated from `locales/*.txt` by `build.rs`.\n",
    );
    code.push_str("#[derive(Clone, Copy, PartialEq, Eq, Hash)]\n#[repr(u16)]\npub enum Key {\n");
    for key in &keys {
        let _ = writeln!(code, "    {},", variant(key));
    }
    code.push_str("}\n\n");
    let table = |code: &mut String, name: &str, ty: &str, item: &dyn Fn(&str) -> String| {
        let _ = writeln!(code, "static {name}: [{ty}; {n}] = [");
        for key in &keys {
            let _ = writeln!(code, "    {},", item(key));
        }
        code.push_str("];\n");
    };
    // In key order (sorted ids), so `KEYS[k as usize] == k` and ids can be binary-searched.
    table(&mut code, "KEYS", "Key", &|k| {
        format!("Key::{}", variant(k))
    });
    table(&mut code, "KEY_IDS", "&str", &|k| format!("{k:?}"));
    table(&mut code, "KEY_NAMES", "&str", &|k| {
        format!("{:?}", variant(k))
    });
    table(&mut code, "KEY_ONE", "Option<Key>", &|k| {
        let one = format!("{k}_one");
        if nl.contains_key(&one) {
            format!("Some(Key::{})", variant(&one))
        } else {
            "None".to_string()
        }
    });
    table(&mut code, "KEY_NL", "&str", &|k| format!("{:?}", nl[k]));
    table(&mut code, "KEY_EN", "&str", &|k| format!("{:?}", en[k]));
    code.push_str(
        r#"
impl Key {
    pub fn nl(self) -> &'static str {
        KEY_NL[self as usize]
    }
    pub fn en(self) -> &'static str {
        KEY_EN[self as usize]
    }
    /// The singular of a text that counts (`<key>_one`), when it has one.
    pub fn one(self) -> Option<Key> {
        KEY_ONE[self as usize]
    }
    /// The key as written in the locale files, e.g. `err_internal`.
    pub fn id(self) -> &'static str {
        KEY_IDS[self as usize]
    }
    pub fn from_id(id: &str) -> Option<Key> {
        KEY_IDS.binary_search(&id).ok().map(|i| KEYS[i])
    }
    /// The variant's name, e.g. `ErrInternal`: what serde writes.
    fn name(self) -> &'static str {
        KEY_NAMES[self as usize]
    }
    fn from_name(name: &str) -> Option<Key> {
        KEY_NAMES.iter().position(|n| *n == name).map(|i| KEYS[i])
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl serde::Serialize for Key {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit_variant("Key", *self as u32, self.name())
    }
}

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        struct Name;
        impl serde::de::Visitor<'_> for Name {
            type Value = Key;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("the name of a text key")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Key, E> {
                Key::from_name(name).ok_or_else(|| E::custom(format_args!("unknown text key `{name}`")))
            }
        }
        deserializer.deserialize_str(Name)
    }
}
"#,
    );

    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("i18n_keys.rs");
    fs::write(&out, code).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
