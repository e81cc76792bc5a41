//! JSON output helpers for `#[derive(Serialize)]` types: fields come out in
//! declaration order, numbers in their shortest round-trip form, and
//! non-finite numbers as the strings "inf", "-inf", "nan".

use serde::{Serialize, Serializer};

/// `serialize_with` for an `f64`: the number, or "inf" / "-inf" / "nan".
pub fn number<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    if x.is_nan() {
        s.serialize_str("nan")
    } else if x.is_infinite() {
        s.serialize_str(if *x > 0.0 { "inf" } else { "-inf" })
    } else {
        s.serialize_f64(*x)
    }
}

/// An `f64` written by [`number`].
#[derive(Clone, Copy, Debug)]
pub struct Number(pub f64);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        number(&self.0, s)
    }
}

/// `serialize_with` for a list of `f64`, each written by [`number`].
pub fn numbers<S: Serializer>(xs: &[f64], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(xs.iter().copied().map(Number))
}

/// `serialize_with` for rows of `f64`, each written by [`number`].
pub fn rows<S: Serializer>(rows: &[Vec<f64>], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(
        rows.iter()
            .map(|row| row.iter().copied().map(Number).collect::<Vec<_>>()),
    )
}

/// `value` as compact JSON.
pub fn to_string(value: &impl Serialize) -> String {
    // Writing plain structs of numbers, strings and bools into a String
    // cannot fail; "null" stands in should it ever.
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Example {
        #[serde(serialize_with = "number")]
        b: f64,
        #[serde(serialize_with = "numbers")]
        a: Vec<f64>,
        name: &'static str,
    }

    #[test]
    fn non_finite_numbers_are_strings_and_fields_keep_their_order() {
        let text = to_string(&Example {
            b: 1.5,
            a: vec![f64::NAN, f64::NEG_INFINITY, f64::INFINITY, 0.1, 2.0],
            name: "x\"",
        });
        assert_eq!(
            text,
            r#"{"b":1.5,"a":["nan","-inf","inf",0.1,2.0],"name":"x\""}"#
        );
    }
}
