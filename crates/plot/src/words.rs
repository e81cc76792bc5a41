//! Words drawn inside pictures, in the page's language: each set of them is
//! a struct of strings with English defaults, set one by one by field name
//! (the page's `setText`).

/// Words drawn in a picture, set one by one by key.
pub trait Words: Default {
    /// Sets the text for `key` (the field name); returns false for an unknown key.
    fn set(&mut self, key: &str, value: &str) -> bool;
}

/// Declares a struct of words: its fields (each a `String`, with its doc and
/// its English default), `Default`, and [`Words`] with the field names as keys.
macro_rules! words {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            $(
                $(#[doc = $field_doc:literal])*
                $field:ident: $default:literal,
            )*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $(
                $(#[doc = $field_doc])*
                pub $field: String,
            )*
        }

        impl Default for $name {
            fn default() -> Self {
                Self {
                    $($field: $default.into(),)*
                }
            }
        }

        impl $crate::words::Words for $name {
            fn set(&mut self, key: &str, value: &str) -> bool {
                let slot = match key {
                    $(stringify!($field) => &mut self.$field,)*
                    _ => return false,
                };
                *slot = value.to_owned();
                true
            }
        }
    };
}

pub(crate) use words;
