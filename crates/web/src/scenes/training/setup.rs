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
    JsError::new(&format!("{what}: unknown name \"{got}\""))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn session(activation: &str, width: u32) -> TrainingSession {
        TrainingSession::with_settings(
            42, 0.01, None, "sine", 100, 1.0, false, 1, width, activation, "adam", None, None,
        )
        .unwrap_or_else(|_| panic!("valid settings"))
    }

    #[test]
    fn the_units_pieces_sum_to_the_prediction() {
        for activation in ["relu", "tanh", "sigmoid"] {
            let mut s = session(activation, 12);
            s.step(25);
            let flat = s.units();
            assert_eq!(flat.len(), 4 * 12 + 1);
            let f = Activation::from_name(activation).expect("known");
            let b2 = flat[flat.len() - 1];
            for x in [-9.5, -1.0, 0.0, 2.25, 8.0] {
                let sum: f64 = flat[..48]
                    .chunks(4)
                    .map(|u| u[2] * f.apply(u[0] * x + u[1]))
                    .sum::<f64>()
                    + b2;
                let fit = s.predict(x);
                assert!(
                    (sum - fit).abs() <= 1e-12 * (1.0 + fit.abs()),
                    "{activation} at {x}: {sum} vs {fit}"
                );
            }
        }
    }

    #[test]
    fn the_chapters_settings_are_the_chapters_session() {
        let mut a = TrainingSession::with_settings(
            42, 0.01, None, "line", 100, 1.0, false, 1, 10, "relu", "sgd", None, None,
        )
        .unwrap_or_else(|_| panic!("valid settings"));
        let mut b = TrainingSession::new(42, 0.01, None).unwrap_or_else(|_| panic!("valid"));
        a.step(100);
        b.step(100);
        assert_eq!(a.loss(), b.loss());
        assert_eq!(a.sizes(), [1, 10, 1]);
        assert_eq!(a.weights(1).len(), 10);
        assert!(a.weights(2).is_empty());
        let script = a.script(false).unwrap_or_else(|_| panic!("writes"));
        assert_eq!(
            script,
            descent_core::export::pytorch::chapter_script(Dtype::Float32)
        );
    }
}
