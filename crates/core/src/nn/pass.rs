//! A training epoch's pass — the loss and every gradient — with buffers
//! reused from epoch to epoch: for `[1, H, 1]` ReLU networks (the
//! chapter's) the sweep over sorted samples; the general layer-by-layer
//! pass for every other network, and for the sweep's when it declines.
//! Mini-batches, whose samples change each step, never take the sweep.
//! BENCHMARKS.md says why these two and no other.

use nalgebra::DMatrix;

use super::activation::Activation;
use super::fast;
use super::gradients::Gradients;
use super::network::Network;
use super::sweep;
use super::trace::Trace;

/// The buffers of one network's passes over N samples.
#[derive(Clone, Debug)]
pub(crate) struct Workspace {
    gradients: Gradients,
    buffers: Buffers,
}

#[derive(Clone, Debug)]
enum Buffers {
    /// The sweep, with the general pass's trace for when it declines
    /// (parameters that are not finite).
    Sweep(Box<(sweep::Sorted, sweep::Scratch, Trace)>),
    General(Trace),
}

impl Workspace {
    /// Buffers for `network` on the samples `x` (N × n_in), `y` (N × n_out).
    pub(crate) fn new(network: &Network, x: &DMatrix<f64>, y: &DMatrix<f64>) -> Self {
        let sweeps =
            fast::applies(network.layers()) && network.hidden_activation() == Activation::Relu;
        let buffers = match sweeps
            .then(|| sweep::Sorted::new(x.as_slice(), y.as_slice()))
            .flatten()
        {
            Some(sorted) => Buffers::Sweep(Box::new((
                sorted,
                sweep::Scratch::default(),
                Trace::new(network.layers(), x.nrows()),
            ))),
            None => Buffers::General(Trace::new(network.layers(), x.nrows())),
        };
        Self {
            gradients: Gradients::zeros(network),
            buffers,
        }
    }

    /// Buffers for `network` on mini-batches of `samples` rows, whose
    /// samples change from pass to pass: the general pass, never the sweep
    /// (which sorts one data set once).
    pub(crate) fn for_batches(network: &Network, samples: usize) -> Self {
        Self {
            gradients: Gradients::zeros(network),
            buffers: Buffers::General(Trace::new(network.layers(), samples)),
        }
    }

    /// Forward, loss and backward at `network`'s weights (the network these
    /// buffers were made for; `x`: N × n_in, `y`: N × n_out, N ≥ 1).
    /// Returns the loss; the gradients are in [`Workspace::gradients`].
    pub(crate) fn pass(&mut self, network: &Network, x: &DMatrix<f64>, y: &DMatrix<f64>) -> f64 {
        if let Buffers::Sweep(parts) = &mut self.buffers {
            let (sorted, scratch, _) = &mut **parts;
            let swept = sweep::loss_and_gradients(
                network.layers(),
                network.output_activation(),
                sorted,
                scratch,
                &mut self.gradients,
            );
            if let Some(loss) = swept {
                return loss;
            }
        }
        let trace = match &mut self.buffers {
            Buffers::Sweep(parts) => &mut parts.2,
            Buffers::General(trace) => trace,
        };
        let loss = network.general_forward_backward(x, y, trace);
        self.gradients.copy_from(trace);
        loss
    }

    /// The gradients of the last pass.
    pub(crate) fn gradients(&self) -> &Gradients {
        &self.gradients
    }
}
