//! The spec format as serde types. Each value is checked where it stands,
//! so an error carries its path (`optimizer.lr`) from `serde_path_to_error`
//! and says what was expected and what was found, in the words of
//! [`kind`]: `null`, `true`, `3`, `the string "x"`, `an array`, `an object`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use crate::nn::{Activation, Loss};

/// The whole spec; every field is optional here and required (or not) in
/// [`super::Spec::from_value`], which knows what depends on what.
#[derive(Debug, Deserialize)]
pub(super) struct Root {
    /// Any JSON value; only a string is kept.
    pub name: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    pub model: Option<Object<Model>>,
    #[serde(default, deserialize_with = "present")]
    pub loss: Option<Named<Loss>>,
    #[serde(default, deserialize_with = "present")]
    pub optimizer: Option<Object<Optimizer>>,
    #[serde(default, deserialize_with = "present")]
    pub epochs: Option<Count>,
    #[serde(default, deserialize_with = "present")]
    pub data: Option<Object<Data>>,
    #[serde(default, deserialize_with = "present")]
    pub init: Option<Object<Init>>,
    #[serde(default, deserialize_with = "present")]
    pub seed: Option<Count>,
    #[serde(default, deserialize_with = "present")]
    pub batches: Option<Object<Batches>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Model {
    #[serde(default, deserialize_with = "present")]
    pub layers: Option<List<Size, SizesWhat>>,
    #[serde(default, deserialize_with = "present")]
    pub hidden_activation: Option<Named<Activation>>,
    #[serde(default, deserialize_with = "present")]
    pub output_activation: Option<Named<Activation>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Optimizer {
    #[serde(default, deserialize_with = "present")]
    pub kind: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub lr: Option<NonNegative>,
    #[serde(default, deserialize_with = "present")]
    pub momentum: Option<NonNegative>,
    #[serde(default, deserialize_with = "present")]
    pub nesterov: Option<Flag>,
    #[serde(default, deserialize_with = "present")]
    pub betas: Option<List<Beta, BetasWhat>>,
    #[serde(default, deserialize_with = "present")]
    pub eps: Option<NonNegative>,
    #[serde(default, deserialize_with = "present")]
    pub weight_decay: Option<NonNegative>,
    #[serde(default, deserialize_with = "present")]
    pub alpha: Option<NonNegative>,
    #[serde(default, deserialize_with = "present")]
    pub centered: Option<Flag>,
    #[serde(default, deserialize_with = "present")]
    pub lr_decay: Option<NonNegative>,
    #[serde(default, deserialize_with = "present")]
    pub initial_accumulator_value: Option<NonNegative>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Batches {
    #[serde(default, deserialize_with = "present")]
    pub size: Option<Size>,
    #[serde(default, deserialize_with = "present")]
    pub order: Option<List<List<Count, IndicesWhat>, OrdersWhat>>,
}

/// Rows of numbers, one per sample (or per unit, for a weight).
pub(super) type Rows<W> = List<List<Number, NumbersWhat>, W>;

#[derive(Debug, Deserialize)]
pub(super) struct Data {
    #[serde(default, deserialize_with = "present")]
    pub x: Option<Rows<SamplesWhat>>,
    #[serde(default, deserialize_with = "present")]
    pub y: Option<Rows<SamplesWhat>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Init {
    #[serde(default, deserialize_with = "present")]
    pub layers: Option<List<Object<InitLayer>, LayersWhat>>,
}

#[derive(Debug, Deserialize)]
pub(super) struct InitLayer {
    #[serde(default, deserialize_with = "present")]
    pub weight: Option<Rows<UnitsWhat>>,
    #[serde(default, deserialize_with = "present")]
    pub bias: Option<List<Number, NumbersWhat>>,
}

/// A field that is there: `null` is refused by `T` like any other wrong
/// value, not taken for a missing field.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// What a JSON value is, for error messages.
pub(super) fn kind(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// A scalar read as a JSON value and checked by `check`, whose message
/// becomes the error at this value's path.
fn leaf<'de, D, T>(d: D, check: impl FnOnce(&Value) -> Result<T, String>) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Value::deserialize(d)?;
    check(&value).map_err(de::Error::custom)
}

/// A finite number.
#[derive(Clone, Copy, Debug)]
pub(super) struct Number(pub f64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        leaf(d, |v| match v.as_f64() {
            Some(x) if x.is_finite() => Ok(Self(x)),
            _ => Err(format!("expected a number, got {}", kind(v))),
        })
    }
}

/// A finite number ≥ 0.
#[derive(Clone, Copy, Debug)]
pub(super) struct NonNegative(pub f64);

impl<'de> Deserialize<'de> for NonNegative {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        leaf(d, |v| match v.as_f64() {
            Some(x) if x.is_finite() && x >= 0.0 => Ok(Self(x)),
            _ => Err(format!("must be a finite number ≥ 0 (got {})", kind(v))),
        })
    }
}

/// An Adam β, in [0, 1).
#[derive(Clone, Copy, Debug)]
pub(super) struct Beta(pub f64);

impl<'de> Deserialize<'de> for Beta {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let Number(b) = Number::deserialize(d)?;
        if (0.0..1.0).contains(&b) {
            Ok(Self(b))
        } else {
            Err(de::Error::custom(format!("must be in [0, 1) (got {b})")))
        }
    }
}

/// A non-negative integer (epochs, a seed, a sample's index).
#[derive(Clone, Copy, Debug)]
pub(super) struct Count(pub u64);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        leaf(d, |v| {
            v.as_u64()
                .map(Self)
                .ok_or_else(|| format!("must be a non-negative integer (got {v})"))
        })
    }
}

/// A layer size: a positive integer.
#[derive(Clone, Copy, Debug)]
pub(super) struct Size(pub usize);

impl<'de> Deserialize<'de> for Size {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        leaf(d, |v| {
            v.as_u64()
                .and_then(|s| usize::try_from(s).ok())
                .filter(|s| *s > 0)
                .map(Self)
                .ok_or_else(|| format!("must be a positive integer (got {})", kind(v)))
        })
    }
}

/// `true` or `false`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Flag(pub bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        leaf(d, |v| {
            v.as_bool()
                .map(Self)
                .ok_or_else(|| format!("expected true or false, got {}", kind(v)))
        })
    }
}

/// A string.
#[derive(Clone, Debug)]
pub(super) struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        leaf(d, |v| {
            v.as_str()
                .map(|s| Self(s.to_owned()))
                .ok_or_else(|| format!("expected a string, got {}", kind(v)))
        })
    }
}

/// Something the format names with a string from a fixed list.
pub(super) trait Choice: Sized + 'static {
    /// What it is, in an error ("activation").
    const WHAT: &'static str;
    /// Every accepted name.
    fn names() -> Vec<&'static str>;
    /// The one called `name`.
    fn from_name(name: &str) -> Option<Self>;
}

impl Choice for Activation {
    const WHAT: &'static str = "activation";
    fn names() -> Vec<&'static str> {
        Activation::ALL.map(Activation::name).to_vec()
    }
    fn from_name(name: &str) -> Option<Self> {
        Activation::from_name(name)
    }
}

impl Choice for Loss {
    const WHAT: &'static str = "loss";
    fn names() -> Vec<&'static str> {
        Loss::ALL.map(Loss::name).to_vec()
    }
    fn from_name(name: &str) -> Option<Self> {
        Loss::from_name(name)
    }
}

/// One of a [`Choice`]'s names.
#[derive(Clone, Copy, Debug)]
pub(super) struct Named<T>(pub T);

impl<'de, T: Choice> Deserialize<'de> for Named<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let Text(name) = Text::deserialize(d)?;
        T::from_name(&name).map(Self).ok_or_else(|| {
            de::Error::custom(format!(
                "unknown {} {name:?} ({})",
                T::WHAT,
                T::names().join(", ")
            ))
        })
    }
}

/// Refuses every kind of value but the one a visitor is for, with
/// `expected …, got <kind>`.
macro_rules! refuse_scalars {
    ($what:expr) => {
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Err(E::custom(format!("expected {}, got {v}", $what)))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Err(E::custom(format!("expected {}, got {v}", $what)))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Err(E::custom(format!("expected {}, got {v}", $what)))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            let got = kind(&Value::from(v));
            Err(E::custom(format!("expected {}, got {got}", $what)))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Err(E::custom(format!(
                "expected {}, got the string {v:?}",
                $what
            )))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Err(E::custom(format!("expected {}, got null", $what)))
        }
    };
}

/// A JSON object read as `T`.
#[derive(Debug)]
pub(super) struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Objects<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Objects<T> {
            type Value = Object<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            refuse_scalars!("an object");
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
                Err(de::Error::custom("expected an object, got an array"))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(Object)
            }
        }
        d.deserialize_any(Objects(PhantomData))
    }
}

/// What an array holds, for the message when something else stands there.
pub(super) trait What {
    /// E.g. "an array of layer sizes".
    const WHAT: &'static str;
}

macro_rules! what {
    ($($name:ident = $text:literal;)*) => {$(
        #[derive(Debug)]
        pub(super) struct $name;
        impl What for $name {
            const WHAT: &'static str = $text;
        }
    )*};
}

what! {
    SizesWhat = "an array of layer sizes";
    BetasWhat = "an array [β₁, β₂]";
    NumbersWhat = "an array of numbers";
    SamplesWhat = "an array of rows, one per sample";
    UnitsWhat = "an array of rows, one per unit";
    LayersWhat = "an array of layers";
    OrdersWhat = "an array of orders, one per epoch";
    IndicesWhat = "an array of sample indices";
}

/// A JSON array of `T`s; `W` says what it should hold.
#[derive(Debug)]
pub(super) struct List<T, W>(pub Vec<T>, PhantomData<W>);

impl<'de, T: Deserialize<'de>, W: What> Deserialize<'de> for List<T, W> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Lists<T, W>(PhantomData<(T, W)>);
        impl<'de, T: Deserialize<'de>, W: What> Visitor<'de> for Lists<T, W> {
            type Value = List<T, W>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(W::WHAT)
            }
            refuse_scalars!(W::WHAT);
            fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
                Err(de::Error::custom(format!(
                    "expected {}, got an object",
                    W::WHAT
                )))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                // No size hint is trusted: the list grows as its items are read.
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(List(items, PhantomData))
            }
        }
        d.deserialize_any(Lists(PhantomData))
    }
}
