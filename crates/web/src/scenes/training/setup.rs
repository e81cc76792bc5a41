//! The playground's side of a training session: a session made from the
//! page's settings, the PyTorch script of them, and the network's weights
//! for the list of units and the network diagram.

use descent_core::datasets::DataRecipe;
use descent_core::export::pytorch::{script, Dtype, ScriptOptions};
use descent_core::scenes::training::playground::{Playground, SCRIPT_EPOCHS};
use descent_core::scenes::training::units::{dead, units};
use descent_core::{Activation, DataKind};
use wasm_bindgen::prelude::*;

use super::{learning_rate, threshold, TrainingSession};

fn refused(what: &str, got: &str) -> JsError {
    JsError::new(&format!("{what}: unknown name {got:?}"))
}

#[wasm_bindgen]
impl TrainingSession {
    /// A run at epoch 0 from the playground's settings: the data set
    /// (`line`, `sine`, `abs`, `step`, `quadratic`; n points, noise σ, an
    /// outlier), the hidden layers and their width, the activation
    /// (`relu`, `tanh`, `sigmoid`), the optimizer (`sgd`, `momentum`,
    /// `nesterov`, `adam`, `adamw`, `rmsprop`, `adagrad`) with η and a
    /// weight decay (absent: PyTorch's default), mini-batches of `batch`
    /// (absent: full batch), the seed and the threshold. Out-of-range
    /// settings are refused, each named.
    #[wasm_bindgen(js_name = withSettings)]
    #[allow(clippy::too_many_arguments)]
    pub fn with_settings(
        seed: u32,
        learning_rate_value: f64,
        threshold_value: Option<f64>,
        data: &str,
        points: u32,
        noise: f64,
        outlier: bool,
        layers: u32,
        width: u32,
        activation: &str,
        optimizer: &str,
        decay: Option<f64>,
        batch: Option<u32>,
    ) -> Result<TrainingSession, JsError> {
        let kind = DataKind::from_name(data).ok_or_else(|| refused("data", data))?;
        let activation = Activation::from_name(activation)
            .filter(|f| *f != Activation::Identity)
            .ok_or_else(|| refused("activation", activation))?;
        let seed64 = u64::from(seed);
        let setup = Playground {
            data: DataRecipe {
                kind,
                points: points as usize,
                noise,
                outlier,
                seed: seed64,
            },
            layers: layers as usize,
            width: width as usize,
            activation,
            optimizer: optimizer.to_owned(),
            learning_rate: learning_rate(learning_rate_value)?,
            decay,
            batch: batch.map(|b| b as usize),
            seed: seed64,
        };
        Self::from_setup(setup, threshold(threshold_value)?)
    }

    /// The PyTorch script of this run's settings (its current η, the
    /// chapter's 100 epochs), in float64 or else float32: it prints the
    /// same `Epoch N, Loss:` lines as the page.
    pub fn script(&self, float64: bool) -> Result<String, JsError> {
        let dtype = if float64 {
            Dtype::Float64
        } else {
            Dtype::Float32
        };
        let spec = self
            .setup
            .spec(SCRIPT_EPOCHS)
            .map_err(|e| JsError::new(&e.to_string()))?;
        let options = ScriptOptions {
            dtype,
            data: Some(self.setup.data),
        };
        script(&spec, &options).map_err(|e| JsError::new(&e.to_string()))
    }

    /// The hidden units of a one-hidden-layer network, four numbers each:
    /// w₁ⱼ, b₁ⱼ, w₂ⱼ and 1 if the unit is dead (a ReLU unit off at every
    /// data point) else 0; then the output bias b₂ last. Empty for deeper
    /// networks.
    pub fn units(&self) -> Vec<f64> {
        let training = self.run.training();
        let network = training.network();
        let Some((units, b2)) = units(network) else {
            return Vec::new();
        };
        let dead = dead(network, training.x().as_slice());
        let mut out: Vec<f64> = units
            .iter()
            .zip(dead)
            .flat_map(|(u, d)| [u.weight_in, u.bias, u.weight_out, f64::from(u8::from(d))])
            .collect();
        out.push(b2);
        out
    }

    /// The network's prediction ŷ(x) with its current weights (NaN when
    /// it cannot predict).
    pub fn predict(&self, x: f64) -> f64 {
        let input = nalgebra::DMatrix::from_element(1, 1, x);
        self.run
            .training()
            .network()
            .predict(&input)
            .map_or(f64::NAN, |out| out[(0, 0)])
    }

    /// The layer sizes `[1, hidden…, 1]`.
    pub fn sizes(&self) -> Vec<u32> {
        let sizes = self.run.training().network().sizes();
        sizes.into_iter().map(|s| s as u32).collect()
    }

    /// Layer `l`'s weights (`l` from 0), row by row: row j holds the
    /// weights into unit j of the next layer. Empty past the last layer.
    pub fn weights(&self, l: u32) -> Vec<f64> {
        let layers = self.run.training().network().layers();
        layers.get(l as usize).map_or_else(Vec::new, |layer| {
            let w = &layer.weight;
            (0..w.nrows())
                .flat_map(|j| (0..w.ncols()).map(move |k| w[(j, k)]))
                .collect()
        })
    }
}
