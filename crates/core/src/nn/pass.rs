//! A training epoch's pass — the loss and every gradient — with buffers
//! reused from epoch to epoch: the fused pass for `[1, H, 1]` networks
//! (the chapter's), the general layer-by-layer pass otherwise.

use nalgebra::DMatrix;

use super::fast;
use super::gradients::Gradients;
use super::network::Network;
use super::trace::Trace;

/// The buffers of one network's passes over N samples.
#[derive(Clone, Debug)]
pub(crate) struct Workspace {
    gradients: Gradients,
    buffers: Buffers,
}

#[derive(Clone, Debug)]
enum Buffers {
    Fused(fast::Scratch),
    General(Trace),
}

impl Workspace {
    /// Buffers for `network` on `samples` samples.
    pub(crate) fn new(network: &Network, samples: usize) -> Self {
        let buffers = if fast::applies(network.layers()) {
            Buffers::Fused(fast::Scratch::default())
        } else {
            Buffers::General(Trace::new(network, samples))
        };
        Self {
            gradients: Gradients::zeros(network),
            buffers,
        }
    }

    /// Forward, loss and backward at `network`'s weights (the network these
    /// buffers were made for; `x`: N × n_in, `y`: N × n_out, N ≥ 1).
    /// Returns the loss; the gradients are in [`Workspace::gradients`].
    pub(crate) fn pass(&mut self, network: &Network, x: &DMatrix<f64>, y: &DMatrix<f64>) -> f64 {
        match &mut self.buffers {
            Buffers::Fused(scratch) => fast::loss_and_gradients(
                network.layers(),
                network.hidden_activation(),
                network.output_activation(),
                x.as_slice(),
                y.as_slice(),
                scratch,
                &mut self.gradients,
            ),
            Buffers::General(trace) => {
                let loss = network.general_forward_backward(x, y, trace);
                self.gradients.copy_from(trace);
                loss
            }
        }
    }

    /// The gradients of the last pass.
    pub(crate) fn gradients(&self) -> &Gradients {
        &self.gradients
    }
}
