//! What can be wrong with a network's shapes, or with data handed to it, in
//! the network's own terms (layer l, its weight or bias, the inputs x, the
//! targets y). Readers of a file format map these to their own field names.

use std::fmt;

/// The most parameters a network may have (so that a typo cannot ask for
/// terabytes).
pub const MAX_PARAMETERS: usize = 50_000_000;

/// A shape that does not fit: a network whose layers do not chain, or data
/// whose width or count does not match the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShapeError {
    /// A network needs at least one layer.
    NoLayers,
    /// Sizes `[n_in, hidden…, n_out]` need at least two entries; `got` were given.
    TooFewSizes {
        /// How many sizes were given.
        got: usize,
    },
    /// Size `index` of `[n_in, hidden…, n_out]` is zero.
    ZeroSize {
        /// The position of the zero.
        index: usize,
    },
    /// Layer `layer`'s weight has no rows or no columns.
    EmptyWeight {
        /// The layer, input side first.
        layer: usize,
        /// Its rows (units).
        outputs: usize,
        /// Its columns (inputs).
        inputs: usize,
    },
    /// Layer `layer` takes `got` inputs but the layer before it has `expected` units.
    Unchained {
        /// The layer, input side first.
        layer: usize,
        /// Its units.
        outputs: usize,
        /// The units of the layer before it.
        expected: usize,
        /// Its inputs.
        got: usize,
    },
    /// Layer `layer`'s bias has `got` entries for `expected` units.
    BiasLength {
        /// The layer, input side first.
        layer: usize,
        /// Its units.
        expected: usize,
        /// The bias's length.
        got: usize,
    },
    /// More than [`MAX_PARAMETERS`] weights and biases.
    TooManyParameters {
        /// How many the sizes ask for (saturating).
        parameters: usize,
    },
    /// The inputs x have no rows.
    NoSamples,
    /// The inputs x have `got` columns for a network with `expected` inputs.
    InputWidth {
        /// n_in.
        expected: usize,
        /// Columns of x.
        got: usize,
    },
    /// The targets y have `got` rows for `expected` samples of x.
    TargetCount {
        /// Rows of x.
        expected: usize,
        /// Rows of y.
        got: usize,
    },
    /// The targets y have `got` columns for a network with `expected` outputs.
    TargetWidth {
        /// n_out.
        expected: usize,
        /// Columns of y.
        got: usize,
    },
}

impl ShapeError {
    /// What is wrong, without saying where (see [`fmt::Display`] for both).
    pub fn problem(&self) -> String {
        match *self {
            Self::NoLayers => "needs at least one layer".into(),
            Self::TooFewSizes { got } => {
                format!("needs at least 2 sizes [inputs, …, outputs], got {got}")
            }
            Self::ZeroSize { .. } => "must be a positive integer (got 0)".into(),
            Self::EmptyWeight {
                outputs, inputs, ..
            } => format!("must not be empty (got {outputs}×{inputs})"),
            Self::Unchained {
                outputs,
                expected,
                got,
                ..
            } => format!("expected {outputs}×{expected}, got {outputs}×{got}"),
            Self::BiasLength { expected, got, .. } => {
                format!("expected {expected} values, got {got}")
            }
            Self::TooManyParameters { parameters } => {
                format!("{parameters} parameters, more than the {MAX_PARAMETERS} allowed")
            }
            Self::NoSamples => "needs at least one sample".into(),
            Self::InputWidth { expected, got } => {
                format!("expected {expected} value(s) per sample (the inputs), got {got}")
            }
            Self::TargetCount { expected, got } => {
                format!("expected {expected} samples (as many as x), got {got}")
            }
            Self::TargetWidth { expected, got } => {
                format!("expected {expected} value(s) per sample (the outputs), got {got}")
            }
        }
    }
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problem = self.problem();
        match *self {
            Self::NoLayers | Self::TooManyParameters { .. } => write!(f, "layers: {problem}"),
            Self::TooFewSizes { .. } => write!(f, "sizes: {problem}"),
            Self::ZeroSize { index } => write!(f, "sizes[{index}]: {problem}"),
            Self::EmptyWeight { layer, .. } | Self::Unchained { layer, .. } => {
                write!(f, "layer {layer} weight: {problem}")
            }
            Self::BiasLength { layer, .. } => write!(f, "layer {layer} bias: {problem}"),
            Self::NoSamples | Self::InputWidth { .. } => write!(f, "x: {problem}"),
            Self::TargetCount { .. } | Self::TargetWidth { .. } => write!(f, "y: {problem}"),
        }
    }
}

impl std::error::Error for ShapeError {}

/// Checks layer sizes `[n_in, hidden…, n_out]`: at least two, none zero, at
/// most [`MAX_PARAMETERS`] parameters.
pub fn check_sizes(sizes: &[usize]) -> Result<(), ShapeError> {
    if sizes.len() < 2 {
        return Err(ShapeError::TooFewSizes { got: sizes.len() });
    }
    if let Some(index) = sizes.iter().position(|s| *s == 0) {
        return Err(ShapeError::ZeroSize { index });
    }
    let parameters = parameter_count(sizes);
    if parameters > MAX_PARAMETERS {
        return Err(ShapeError::TooManyParameters { parameters });
    }
    Ok(())
}

/// Σ (n_in·n_out + n_out) over consecutive sizes, saturating.
pub fn parameter_count(sizes: &[usize]) -> usize {
    sizes.windows(2).fold(0usize, |total, pair| {
        total.saturating_add(pair[0].saturating_mul(pair[1]).saturating_add(pair[1]))
    })
}
