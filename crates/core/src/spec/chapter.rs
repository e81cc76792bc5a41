//! The chapter's program as a spec.

use nalgebra::DMatrix;

use super::{Init, Spec};
use crate::chapter_data;
use crate::nn::{Activation, Loss, Network, OptimizerConfig};

impl Spec {
    /// The chapter's program: its 100 points, `Linear(1, 10) → ReLU →
    /// Linear(10, 1)` with the initial weights PyTorch drew after
    /// `torch.manual_seed(42)`, `nn.MSELoss()`, `optim.SGD(lr=0.01)`, 100
    /// full-batch epochs (what `tests/fixtures/seed_chapter3.json` holds).
    pub fn chapter() -> Self {
        let n = chapter_data::X.len();
        Spec {
            name: Some("chapter".to_owned()),
            layers: vec![1, 10, 1],
            hidden_activation: Activation::Relu,
            output_activation: Activation::Identity,
            loss: Loss::Mse,
            optimizer: OptimizerConfig::sgd(chapter_data::LEARNING_RATE),
            epochs: chapter_data::EPOCHS as u64,
            batches: None,
            x: DMatrix::from_column_slice(n, 1, &chapter_data::X),
            y: DMatrix::from_column_slice(n, 1, &chapter_data::Y),
            init: Init::Layers(Network::chapter().layers().to_vec()),
        }
    }

    /// Whether the data are the chapter's 100 points.
    pub fn has_chapter_data(&self) -> bool {
        self.x.shape() == (chapter_data::X.len(), 1)
            && self.y.shape() == (chapter_data::Y.len(), 1)
            && self.x.as_slice() == chapter_data::X
            && self.y.as_slice() == chapter_data::Y
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::train;

    #[test]
    fn the_chapters_spec_is_the_chapters_fixture() {
        let text = include_str!("../../../../tests/fixtures/seed_chapter3.json");
        let fixture = Spec::from_json(text).expect("valid");
        let chapter = Spec::chapter();
        assert_eq!(
            Spec {
                name: fixture.name.clone(),
                ..chapter.clone()
            },
            fixture
        );
        assert!(chapter.has_chapter_data());
        let losses = train(&chapter).expect("valid").losses;
        assert_eq!(losses.len(), 100);
        assert_eq!(format!("{:.4}", losses[19]), "1.2027");
        assert_eq!(format!("{:.4}", losses[99]), "0.8179");
    }
}
