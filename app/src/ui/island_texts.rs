//! The texts an island shows, translated on the server (the WASM carries no text tables).
//!
//! `island_texts!` declares a struct of such texts, one field per text key, with `new(lang)`.
//! On the wire (the island's props) it is a plain list of strings in field order rather than
//! a JSON object: serde reads every struct with code of its own in the WASM (~1 KB brotli
//! each), while every list of strings shares one reader. The runner's props hold nine such
//! structs.

/// `island_texts! { /// doc  pub struct Name { field: KeyVariant, … } }`
macro_rules! island_texts {
    ($(#[$meta:meta])* $vis:vis struct $name:ident { $($field:ident: $key:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(from = "Vec<String>", into = "Vec<String>")]
        $vis struct $name {
            $($field: String),*
        }

        impl $name {
            #[allow(dead_code)]
            pub fn new(lang: $crate::i18n::Lang) -> Self {
                $name {
                    $($field: lang.t($crate::i18n::Key::$key).to_string()),*
                }
            }
        }

        impl From<Vec<String>> for $name {
            fn from(texts: Vec<String>) -> Self {
                let mut texts = texts.into_iter();
                $name {
                    $($field: texts.next().unwrap_or_default()),*
                }
            }
        }

        impl From<$name> for Vec<String> {
            fn from(texts: $name) -> Self {
                vec![$(texts.$field),*]
            }
        }
    };
}
pub(crate) use island_texts;

#[cfg(test)]
mod tests {
    island_texts! {
        /// Two texts.
        struct Pair {
            first: StepPrevious,
            second: StepNext,
        }
    }

    #[test]
    fn the_texts_travel_as_a_list_and_come_back_the_same() {
        let pair = Pair::new(crate::i18n::Lang::En);
        let json = serde_json::to_string(&pair).unwrap();
        assert_eq!(json, r#"["Previous","Next"]"#);
        assert_eq!(serde_json::from_str::<Pair>(&json).unwrap(), pair);
        // A shorter list (an older page) leaves the rest empty rather than failing.
        let short: Pair = serde_json::from_str(r#"["Vorige"]"#).unwrap();
        assert_eq!(
            (short.first.as_str(), short.second.as_str()),
            ("Vorige", "")
        );
    }
}
