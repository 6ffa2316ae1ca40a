//! Typed codes: every enum that is stored in the database or shown to people is declared
//! with [`code_enum!`], which gives it, in one way, its list of values, its stored code, the
//! parsing of a code, its label (a text key) and, on the server, [`stored`](#stored): reading a
//! code from the database, where an unknown value is logged and refused, never silently
//! turned into a default.

/// Declares a code enum:
///
/// ```ignore
/// code_enum! {
///     /// How much a company wants to work on a transition.
///     pub enum Priority {
///         Low = "low" => PriorityLow,
///         Medium = "medium" => PriorityMedium,
///     }
/// }
/// ```
///
/// `=> Key` names the variant's label; leave it out of every variant for an enum without one.
macro_rules! code_enum {
    (@count) => { 0usize };
    (@count $head:ident $($tail:ident)*) => { 1usize + code_enum!(@count $($tail)*) };
    (@common $name:ident { $($variant:ident = $code:literal),+ }) => {
        impl $name {
            pub const ALL: [$name; code_enum!(@count $($variant)+)] = [$($name::$variant),+];

            /// The code stored in the database and used in forms and URLs.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The value of a code typed or posted by someone; `None` for anything else.
            pub fn parse(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// The value of a code read from the database. An unknown code means the data and
            /// the code disagree (a hand edit, a newer version's value): it is logged and the
            /// request fails, rather than showing something the data does not say.
            #[cfg(feature = "ssr")]
            pub fn stored(code: &str) -> Result<$name, crate::error::AppError> {
                $name::parse(code).ok_or_else(|| {
                    tracing::error!(
                        kind = stringify!($name),
                        value = code,
                        "unknown code stored in the database"
                    );
                    crate::error::AppError::Internal
                })
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $code:literal => $key:ident),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        code_enum!(@common $name { $($variant = $code),+ });

        impl $name {
            /// The value's name, to translate.
            pub fn label(self) -> crate::i18n::Key {
                match self { $($name::$variant => crate::i18n::Key::$key),+ }
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        code_enum!(@common $name { $($variant = $code),+ });
    };
}

pub(crate) use code_enum;

#[cfg(test)]
mod tests {
    code_enum! {
        /// A test enum.
        pub enum Shade {
            /// The light one.
            Light = "light" => Loading,
            Dark = "dark" => Loading,
        }
    }

    code_enum! {
        pub enum Plain {
            One = "one",
        }
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for shade in Shade::ALL {
            assert_eq!(Shade::parse(shade.code()), Some(shade));
        }
        assert_eq!(Shade::ALL.len(), 2);
        assert_eq!(Shade::parse("grey"), None);
        assert_eq!(Shade::Light.label(), crate::i18n::Key::Loading);
        assert_eq!(Plain::ALL.map(Plain::code), ["one"]);
        assert_eq!(Plain::parse("one"), Some(Plain::One));
        #[cfg(feature = "ssr")]
        {
            assert_eq!(Shade::stored("dark").ok(), Some(Shade::Dark));
            assert!(Shade::stored("grey").is_err());
            assert!(Plain::stored("two").is_err());
        }
    }
}
