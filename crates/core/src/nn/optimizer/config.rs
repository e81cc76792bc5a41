//! Which optimizer, and its hyper-parameters: one struct per kind, made
//! with `torch.optim`'s defaults by `new(lr)` and changed field by field.

/// `optim.SGD(lr, weight_decay=λ)`: p ← p − η·(g + λ·p).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sgd {
    /// η
    pub lr: f64,
    /// λ, added to the gradient as λ·p (0: none).
    pub weight_decay: f64,
}

impl Sgd {
    /// Plain SGD with learning rate η, no weight decay.
    pub fn new(lr: f64) -> Self {
        Self {
            lr,
            weight_decay: 0.0,
        }
    }
}

/// `optim.SGD(lr, momentum=μ, nesterov, weight_decay=λ)`, no dampening:
/// with g ← g + λ·p, v ← μ·v + g (v ← g on the first step), then
/// p ← p − η·v, or with Nesterov p ← p − η·(g + μ·v). With μ = 0 there is
/// no velocity, as in PyTorch: p ← p − η·g.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Momentum {
    /// η
    pub lr: f64,
    /// μ, how much of the previous velocity is kept.
    pub momentum: f64,
    /// Nesterov's look-ahead variant (needs μ > 0).
    pub nesterov: bool,
    /// λ, added to the gradient as λ·p before it enters the velocity.
    pub weight_decay: f64,
}

impl Momentum {
    /// SGD with momentum μ (Nesterov or not), no weight decay.
    pub fn new(lr: f64, momentum: f64, nesterov: bool) -> Self {
        Self {
            lr,
            momentum,
            nesterov,
            weight_decay: 0.0,
        }
    }
}

/// The hyper-parameters of `optim.Adam` and `optim.AdamW`, which differ
/// only in where the weight decay λ goes (see [`OptimizerConfig`]). With
/// t = 1, 2, …: m ← m + (1 − β₁)(g − m), v ← β₂·v + (1 − β₂)·g²,
/// p ← p − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Adam {
    /// η
    pub lr: f64,
    /// β₁, decay of the first moment m.
    pub beta1: f64,
    /// β₂, decay of the second moment v.
    pub beta2: f64,
    /// ε, added to √v̂.
    pub eps: f64,
    /// λ: Adam adds λ·p to the gradient; AdamW multiplies p by 1 − η·λ first.
    pub weight_decay: f64,
}

impl Adam {
    /// `optim.Adam`'s defaults: β = (0.9, 0.999), ε = 1e-8, λ = 0.
    pub fn new(lr: f64) -> Self {
        Self {
            lr,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
            weight_decay: 0.0,
        }
    }

    /// `optim.AdamW`'s defaults: Adam's, with λ = 0.01.
    pub fn decoupled(lr: f64) -> Self {
        Self {
            weight_decay: 0.01,
            ..Self::new(lr)
        }
    }
}

/// `optim.RMSprop(lr, alpha=α, eps=ε, weight_decay=λ, momentum=μ,
/// centered)`: with g ← g + λ·p, s ← α·s + (1 − α)·g²; the denominator is
/// d = √s + ε, or centered d = √(s − ḡ²) + ε with ḡ ← ḡ + (1 − α)(g − ḡ);
/// then p ← p − η·g/d, or with μ > 0 b ← μ·b + g/d, p ← p − η·b
/// (s, ḡ and b start at 0).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RmsProp {
    /// η
    pub lr: f64,
    /// α, decay of the mean square s.
    pub alpha: f64,
    /// ε, added to the square root (outside it).
    pub eps: f64,
    /// λ, added to the gradient as λ·p.
    pub weight_decay: f64,
    /// μ of the step's own momentum buffer (0: none).
    pub momentum: f64,
    /// Whether the mean square is centered by the mean gradient ḡ.
    pub centered: bool,
}

impl RmsProp {
    /// `optim.RMSprop`'s defaults: α = 0.99, ε = 1e-8, no weight decay,
    /// no momentum, not centered.
    pub fn new(lr: f64) -> Self {
        Self {
            lr,
            alpha: 0.99,
            eps: 1e-8,
            weight_decay: 0.0,
            momentum: 0.0,
            centered: false,
        }
    }
}

/// `optim.Adagrad(lr, lr_decay, weight_decay=λ, initial_accumulator_value,
/// eps=ε)`: with g ← g + λ·p and t = 1, 2, …, the step's rate is
/// η_t = η / (1 + (t − 1)·lr_decay); s ← s + g² (s starts at
/// `initial_accumulator_value`), p ← p − η_t·g/(√s + ε).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Adagrad {
    /// η
    pub lr: f64,
    /// How fast the rate decays with the steps taken.
    pub lr_decay: f64,
    /// λ, added to the gradient as λ·p.
    pub weight_decay: f64,
    /// Where the sum of squares s starts.
    pub initial_accumulator_value: f64,
    /// ε, added to √s.
    pub eps: f64,
}

impl Adagrad {
    /// `optim.Adagrad`'s defaults: no decay of the rate, no weight decay,
    /// s starting at 0, ε = 1e-10.
    pub fn new(lr: f64) -> Self {
        Self {
            lr,
            lr_decay: 0.0,
            weight_decay: 0.0,
            initial_accumulator_value: 0.0,
            eps: 1e-10,
        }
    }
}

/// Which optimizer and its hyper-parameters, with `torch.optim` 2.x's
/// exact update rules (the formulas are on each kind's struct). Weight
/// decay λ is PyTorch's: every kind but AdamW adds λ·p to the gradient g
/// before anything else; AdamW first multiplies p by 1 − η·λ, then takes
/// Adam's step with the gradient as it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OptimizerConfig {
    /// Plain gradient descent, `optim.SGD(lr)`.
    Sgd(Sgd),
    /// `optim.SGD(lr, momentum, nesterov)`.
    Momentum(Momentum),
    /// `optim.Adam`.
    Adam(Adam),
    /// `optim.AdamW`: Adam with decoupled weight decay.
    AdamW(Adam),
    /// `optim.RMSprop`.
    RmsProp(RmsProp),
    /// `optim.Adagrad`.
    Adagrad(Adagrad),
}

impl OptimizerConfig {
    /// The kinds, by their spec-format names.
    pub const KINDS: [&'static str; 6] = ["sgd", "momentum", "adam", "adamw", "rmsprop", "adagrad"];

    /// Plain SGD with learning rate η.
    pub fn sgd(lr: f64) -> Self {
        Self::Sgd(Sgd::new(lr))
    }

    /// SGD with momentum μ (Nesterov or not).
    pub fn momentum(lr: f64, momentum: f64, nesterov: bool) -> Self {
        Self::Momentum(Momentum::new(lr, momentum, nesterov))
    }

    /// Adam with PyTorch's defaults β = (0.9, 0.999), ε = 1e-8.
    pub fn adam(lr: f64) -> Self {
        Self::Adam(Adam::new(lr))
    }

    /// AdamW with PyTorch's defaults: Adam's, weight decay 0.01.
    pub fn adamw(lr: f64) -> Self {
        Self::AdamW(Adam::decoupled(lr))
    }

    /// RMSprop with PyTorch's defaults α = 0.99, ε = 1e-8.
    pub fn rmsprop(lr: f64) -> Self {
        Self::RmsProp(RmsProp::new(lr))
    }

    /// Adagrad with PyTorch's defaults ε = 1e-10, no decay.
    pub fn adagrad(lr: f64) -> Self {
        Self::Adagrad(Adagrad::new(lr))
    }

    /// The kind's name, one of [`OptimizerConfig::KINDS`].
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Sgd(_) => "sgd",
            Self::Momentum(_) => "momentum",
            Self::Adam(_) => "adam",
            Self::AdamW(_) => "adamw",
            Self::RmsProp(_) => "rmsprop",
            Self::Adagrad(_) => "adagrad",
        }
    }

    /// The learning rate η.
    pub fn learning_rate(&self) -> f64 {
        let mut copy = *self;
        *copy.lr_mut()
    }

    /// The weight decay λ (0: none).
    pub fn weight_decay(&self) -> f64 {
        match *self {
            Self::Sgd(Sgd { weight_decay, .. })
            | Self::Momentum(Momentum { weight_decay, .. })
            | Self::Adam(Adam { weight_decay, .. })
            | Self::AdamW(Adam { weight_decay, .. })
            | Self::RmsProp(RmsProp { weight_decay, .. })
            | Self::Adagrad(Adagrad { weight_decay, .. }) => weight_decay,
        }
    }

    /// The same optimizer with learning rate η.
    pub fn with_learning_rate(mut self, eta: f64) -> Self {
        *self.lr_mut() = eta;
        self
    }

    fn lr_mut(&mut self) -> &mut f64 {
        match self {
            Self::Sgd(Sgd { lr, .. })
            | Self::Momentum(Momentum { lr, .. })
            | Self::Adam(Adam { lr, .. })
            | Self::AdamW(Adam { lr, .. })
            | Self::RmsProp(RmsProp { lr, .. })
            | Self::Adagrad(Adagrad { lr, .. }) => lr,
        }
    }
}
