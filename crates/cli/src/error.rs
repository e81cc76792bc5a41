//! The one kind of failure the command reports: a field or flag and what is
//! wrong with it, printed as `descent: <field>: <problem>` with exit code 2.

use std::fmt;

use descent_core::SpecError;

/// Bad input, naming the flag or spec field it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CliError {
    field: String,
    problem: String,
}

impl CliError {
    /// An error about `field` (a flag like `--lr`, a spec path like
    /// `optimizer.lr`, or `command`).
    pub fn new(field: impl Into<String>, problem: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let one_line = |s: &str| s.replace(['\n', '\r'], " ");
        write!(f, "{}: {}", one_line(&self.field), one_line(&self.problem))
    }
}

impl From<SpecError> for CliError {
    fn from(e: SpecError) -> Self {
        Self::new(e.path(), e.problem())
    }
}
