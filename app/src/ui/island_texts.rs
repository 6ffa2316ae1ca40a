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

/// `island_props! { /// doc  #[derive(Clone, Debug)] pub struct Name { field: Type, … } }`:
/// a struct an island gets in its props, which travels as a list in field order rather than
/// a JSON object, for the same reason as [`island_texts!`]: serde's reader of a tuple (up to
/// 16 fields) is a fraction of its reader of a struct, which matches every field's name. Only
/// for props: the server writes them and the same build's WASM reads them back, so the order
/// is never out of step.
macro_rules! island_props {
    ($(#[$meta:meta])* $vis:vis struct $name:ident {
        $($(#[$field_meta:meta])* $field_vis:vis $field:ident: $ty:ty),* $(,)?
    }) => {
        $(#[$meta])*
        $vis struct $name {
            $($(#[$field_meta])* $field_vis $field: $ty),*
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                ($(&self.$field,)*).serialize(serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let ($($field,)*) = <($($ty,)*)>::deserialize(deserializer)?;
                Ok($name { $($field),* })
            }
        }
    };
}
pub(crate) use island_props;

#[cfg(test)]
mod tests {
    island_texts! {
        /// Two texts.
        struct Pair {
            first: StepPrevious,
            second: StepNext,
        }
    }

    island_props! {
        /// Three fields of different types.
        #[derive(Debug, PartialEq)]
        struct Three {
            name: String,
            count: usize,
            pairs: Vec<(String, i32)>,
        }
    }

    #[test]
    fn props_travel_as_a_list_in_field_order_and_come_back_the_same() {
        let three = Three {
            name: "Strategie".to_string(),
            count: 2,
            pairs: vec![("a".to_string(), -1)],
        };
        let json = serde_json::to_string(&three).unwrap();
        assert_eq!(json, r#"["Strategie",2,[["a",-1]]]"#);
        assert_eq!(serde_json::from_str::<Three>(&json).unwrap(), three);
        // A list of the wrong shape is refused, not read into the wrong fields.
        assert!(serde_json::from_str::<Three>(r#"[2,"Strategie",[]]"#).is_err());
        assert!(serde_json::from_str::<Three>(r#"["Strategie",2]"#).is_err());
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
