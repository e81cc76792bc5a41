//! One fully connected layer z = a_prev·Wᵀ + b, the unit every other part
//! of `nn` is built from.

use nalgebra::{DMatrix, DVector};

/// One fully connected layer z = a_prev·Wᵀ + b.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// W: one row per output unit, one column per input (out × in).
    pub weight: DMatrix<f64>,
    /// b: one entry per output unit.
    pub bias: DVector<f64>,
}

impl Layer {
    /// A layer from its weight (out × in) and bias (out). Shapes are checked
    /// by [`super::Network::new`].
    pub fn new(weight: DMatrix<f64>, bias: DVector<f64>) -> Self {
        Self { weight, bias }
    }

    /// A layer of zeros with `inputs` inputs and `outputs` units.
    pub fn zeros(inputs: usize, outputs: usize) -> Self {
        Self {
            weight: DMatrix::zeros(outputs, inputs),
            bias: DVector::zeros(outputs),
        }
    }

    /// The number of inputs (columns of W).
    pub fn inputs(&self) -> usize {
        self.weight.ncols()
    }

    /// The number of units (rows of W).
    pub fn outputs(&self) -> usize {
        self.weight.nrows()
    }

    /// W as nested rows, one per unit (the spec format's `weight`).
    pub fn weight_rows(&self) -> Vec<Vec<f64>> {
        self.weight
            .row_iter()
            .map(|row| row.iter().copied().collect())
            .collect()
    }
}
