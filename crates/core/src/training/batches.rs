//! Mini-batches given as data: a batch size k and, per epoch, the order in
//! which the samples are visited. Epoch e takes `order[e]` (cycling when
//! a session runs past the last order) in consecutive batches of k samples
//! — the last may be smaller — with one optimizer step per batch.

use std::fmt;

use nalgebra::DMatrix;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::SeedableRng;

use crate::nn::pass::Workspace;
use crate::nn::{Gradients, Network};

/// A batch size and one permutation of the samples per epoch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Batches {
    size: usize,
    samples: usize,
    orders: Vec<Vec<usize>>,
}

/// Why [`Batches::new`] (or [`crate::Training::with_batches`]) refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatchError {
    /// A batch size of 0.
    ZeroSize,
    /// Order `order` does not have one index per sample.
    Length {
        /// Which order (epoch).
        order: usize,
        /// Its length.
        got: usize,
        /// The number of samples N.
        samples: usize,
    },
    /// Order `order` names a sample that does not exist.
    OutOfRange {
        /// Which order (epoch).
        order: usize,
        /// The index, ≥ N.
        index: usize,
        /// The number of samples N.
        samples: usize,
    },
    /// Order `order` names a sample twice.
    Repeated {
        /// Which order (epoch).
        order: usize,
        /// The index seen twice.
        index: usize,
        /// The number of samples N.
        samples: usize,
    },
    /// The batches were made for another number of samples.
    Samples {
        /// The session's N.
        expected: usize,
        /// The batches' N.
        got: usize,
    },
}

impl BatchError {
    /// The order the problem is in, if it is in one.
    pub fn order(&self) -> Option<usize> {
        match *self {
            Self::Length { order, .. }
            | Self::OutOfRange { order, .. }
            | Self::Repeated { order, .. } => Some(order),
            Self::ZeroSize | Self::Samples { .. } => None,
        }
    }

    /// What is wrong, without saying where (`not a permutation of 0..99
    /// (7 appears twice)`).
    pub fn problem(&self) -> String {
        let permutation = |samples: usize| format!("not a permutation of 0..{}", samples - 1);
        match *self {
            Self::ZeroSize => "must be at least 1".into(),
            Self::Length {
                got, samples: n, ..
            } => format!("{} ({got} indices for {n} samples)", permutation(n)),
            Self::OutOfRange {
                index, samples: n, ..
            } => format!("{} ({index} is out of range)", permutation(n)),
            Self::Repeated {
                index, samples: n, ..
            } => format!("{} ({index} appears twice)", permutation(n)),
            Self::Samples { expected, got } => {
                format!("made for {got} samples, the data has {expected}")
            }
        }
    }
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.order() {
            Some(order) => write!(f, "order[{order}]: {}", self.problem()),
            None => f.write_str(&self.problem()),
        }
    }
}

impl std::error::Error for BatchError {}

impl Batches {
    /// Batches of `size` over `samples` samples (N ≥ 1), visited in
    /// `orders[e]` in epoch e; each order must be a permutation of 0..N−1.
    pub fn new(size: usize, orders: Vec<Vec<usize>>, samples: usize) -> Result<Self, BatchError> {
        if size == 0 {
            return Err(BatchError::ZeroSize);
        }
        let mut seen = vec![false; samples];
        for (order, indices) in orders.iter().enumerate() {
            if indices.len() != samples {
                return Err(BatchError::Length {
                    order,
                    got: indices.len(),
                    samples,
                });
            }
            seen.fill(false);
            for &index in indices {
                match seen.get_mut(index) {
                    None => {
                        return Err(BatchError::OutOfRange {
                            order,
                            index,
                            samples,
                        })
                    }
                    Some(true) => {
                        return Err(BatchError::Repeated {
                            order,
                            index,
                            samples,
                        })
                    }
                    Some(seen) => *seen = true,
                }
            }
        }
        Ok(Self {
            size,
            samples,
            orders,
        })
    }

    /// Batches of `size` over `samples` samples (N ≥ 1) for `epochs`
    /// epochs, each epoch's order a shuffle of 0..N−1 (Fisher–Yates, from
    /// this crate's generator seeded with `seed`, epoch after epoch):
    /// the same seed gives the same orders.
    pub fn shuffled(
        size: usize,
        samples: usize,
        epochs: usize,
        seed: u64,
    ) -> Result<Self, BatchError> {
        let mut rng = StdRng::seed_from_u64(seed);
        let orders = (0..epochs)
            .map(|_| {
                let mut order: Vec<usize> = (0..samples).collect();
                order.shuffle(&mut rng);
                order
            })
            .collect();
        Self::new(size, orders, samples)
    }

    /// The batch size k (a batch larger than N is the whole epoch).
    pub fn size(&self) -> usize {
        self.size
    }

    /// The number of samples N each order is a permutation of.
    pub fn samples(&self) -> usize {
        self.samples
    }

    /// The orders, one per epoch.
    pub fn orders(&self) -> &[Vec<usize>] {
        &self.orders
    }

    /// Optimizer steps per epoch: ⌈N / k⌉.
    pub fn steps_per_epoch(&self) -> u64 {
        self.samples.div_ceil(self.size) as u64
    }
}

/// One batch length's buffers: the gathered rows and a pass over them.
#[derive(Clone, Debug)]
struct BatchPass {
    x: DMatrix<f64>,
    y: DMatrix<f64>,
    workspace: Workspace,
}

impl BatchPass {
    fn new(network: &Network, rows: usize, x: &DMatrix<f64>, y: &DMatrix<f64>) -> Self {
        Self {
            x: DMatrix::zeros(rows, x.ncols()),
            y: DMatrix::zeros(rows, y.ncols()),
            workspace: Workspace::for_batches(network, rows),
        }
    }
}

/// A session's mini-batches and where it is in them.
#[derive(Clone, Debug)]
pub(super) struct MiniBatches {
    batches: Batches,
    /// For batches of min(k, N) rows.
    full: BatchPass,
    /// For the last batch of an epoch when k does not divide N.
    rest: Option<BatchPass>,
    /// The epoch of the next batch, and its first sample's place in the order.
    epoch: u64,
    position: usize,
    /// Whether the last pass was the smaller batch.
    last_was_rest: bool,
}

impl MiniBatches {
    pub(super) fn new(
        batches: Batches,
        network: &Network,
        x: &DMatrix<f64>,
        y: &DMatrix<f64>,
    ) -> Self {
        let n = batches.samples;
        let k = batches.size.min(n);
        Self {
            full: BatchPass::new(network, k, x, y),
            rest: (!n.is_multiple_of(k)).then(|| BatchPass::new(network, n % k, x, y)),
            batches,
            epoch: 0,
            position: 0,
            last_was_rest: false,
        }
    }

    pub(super) fn batches(&self) -> &Batches {
        &self.batches
    }

    /// Back to the first batch of the first epoch.
    pub(super) fn reset(&mut self, network: &Network, x: &DMatrix<f64>, y: &DMatrix<f64>) {
        *self = Self::new(self.batches.clone(), network, x, y);
    }

    /// Epochs begun: finished ones, and the current one once its first
    /// batch is taken.
    pub(super) fn epochs(&self) -> u64 {
        self.epoch + u64::from(self.position > 0)
    }

    /// Whether the current epoch has begun and not finished.
    pub(super) fn mid_epoch(&self) -> bool {
        self.position > 0
    }

    /// The loss of the next batch at `network`'s weights, with its
    /// gradients kept for [`MiniBatches::gradients`], and moves on to the
    /// batch after it; `None` when there are no orders at all.
    pub(super) fn pass(
        &mut self,
        network: &Network,
        x: &DMatrix<f64>,
        y: &DMatrix<f64>,
    ) -> Option<f64> {
        let orders = &self.batches.orders;
        let count = u64::try_from(orders.len()).ok().filter(|&c| c > 0)?;
        let order = &orders[usize::try_from(self.epoch % count).unwrap_or(0)];
        let end = order.len().min(self.position + self.batches.size);
        let indices = &order[self.position..end];
        self.last_was_rest = matches!(&self.rest, Some(rest) if indices.len() == rest.x.nrows());
        let pass = match &mut self.rest {
            Some(rest) if self.last_was_rest => rest,
            _ => &mut self.full,
        };
        for (row, &sample) in indices.iter().enumerate() {
            pass.x.row_mut(row).copy_from(&x.row(sample));
            pass.y.row_mut(row).copy_from(&y.row(sample));
        }
        let loss = pass.workspace.pass(network, &pass.x, &pass.y);
        if end == order.len() {
            self.epoch += 1;
            self.position = 0;
        } else {
            self.position = end;
        }
        Some(loss)
    }

    /// The gradients of the last batch (zeros before the first).
    pub(super) fn gradients(&self) -> &Gradients {
        match (&self.rest, self.last_was_rest) {
            (Some(rest), true) => rest.workspace.gradients(),
            _ => self.full.workspace.gradients(),
        }
    }
}
