//! Hand-rolled flag parsing: `--flag value` or `--flag=value`, each flag at
//! most once, no positional arguments.

use std::collections::BTreeMap;

use crate::error::CliError;

/// The flags given to one subcommand.
#[derive(Debug)]
pub struct Flags {
    command: &'static str,
    values: BTreeMap<&'static str, String>,
}

impl Flags {
    /// Parses `args` (after the subcommand) against the `known` flag names
    /// (with their dashes, e.g. `--lr`).
    pub fn parse(
        command: &'static str,
        args: &[String],
        known: &[&'static str],
    ) -> Result<Self, CliError> {
        let mut values = BTreeMap::new();
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            if !arg.starts_with("--") {
                return Err(CliError::new(
                    arg.as_str(),
                    format!(
                        "unexpected argument for {command} (flags: {})",
                        known.join(", ")
                    ),
                ));
            }
            let (name, inline) = match arg.split_once('=') {
                Some((name, value)) => (name, Some(value.to_owned())),
                None => (arg.as_str(), None),
            };
            let Some(flag) = known.iter().copied().find(|k| *k == name) else {
                let problem = if known.is_empty() {
                    format!("unknown flag ({command} takes none)")
                } else {
                    format!("unknown flag for {command} (flags: {})", known.join(", "))
                };
                return Err(CliError::new(name, problem));
            };
            let value = match inline {
                Some(value) => value,
                None => match rest.next() {
                    Some(value) if !value.starts_with("--") => value.clone(),
                    _ => return Err(CliError::new(flag, "missing value")),
                },
            };
            if values.insert(flag, value).is_some() {
                return Err(CliError::new(flag, "given more than once"));
            }
        }
        Ok(Self { command, values })
    }

    /// The raw value of `flag`, if given.
    pub fn text(&self, flag: &str) -> Option<&str> {
        self.values.get(flag).map(String::as_str)
    }

    /// The value of a flag that must be given.
    pub fn required(&self, flag: &str, what: &str) -> Result<&str, CliError> {
        self.text(flag)
            .ok_or_else(|| CliError::new(flag, format!("missing ({} needs {what})", self.command)))
    }

    /// A finite number, if the flag is given.
    pub fn finite(&self, flag: &str) -> Result<Option<f64>, CliError> {
        self.text(flag).map(|text| finite(flag, text)).transpose()
    }

    /// A non-negative integer, if the flag is given.
    pub fn count(&self, flag: &str) -> Result<Option<u64>, CliError> {
        self.text(flag)
            .map(|text| {
                text.trim().parse::<u64>().map_err(|_| {
                    CliError::new(
                        flag,
                        format!("must be a non-negative integer (got {text:?})"),
                    )
                })
            })
            .transpose()
    }
}

/// Parses a finite number.
pub fn finite(flag: &str, text: &str) -> Result<f64, CliError> {
    match text.trim().parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        Ok(_) => Err(CliError::new(
            flag,
            format!("must be a finite number (got {text:?})"),
        )),
        Err(_) => Err(CliError::new(
            flag,
            format!("expected a number, got {text:?}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn parses_both_spellings_and_rejects_the_rest() {
        let flags =
            Flags::parse("t", &strings(&["--a", "1", "--b=-2"]), &["--a", "--b"]).expect("valid");
        assert_eq!(flags.finite("--a").ok().flatten(), Some(1.0));
        assert_eq!(flags.finite("--b").ok().flatten(), Some(-2.0));
        let err = |args: &[&str]| {
            Flags::parse("t", &strings(args), &["--a"])
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(err(&["--c", "1"]).starts_with("--c: unknown flag"));
        assert!(err(&["--a"]).starts_with("--a: missing value"));
        assert!(err(&["--a", "1", "--a", "2"]).starts_with("--a: given more than once"));
        assert!(err(&["x"]).starts_with("x: unexpected argument"));
    }
}
