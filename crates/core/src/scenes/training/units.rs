//! The pieces of a one-hidden-layer fit (section 3.4's playground): with
//! ŷ(x) = Σⱼ w₂ⱼ·aⱼ(x) + b₂ and aⱼ(x) = f(w₁ⱼ·x + b₁ⱼ), each unit j adds
//! the curve w₂ⱼ·aⱼ(x) — a hinge for ReLU, an S for tanh and sigmoid — and
//! the curves with the output bias sum to the fit.

use crate::nn::Network;

/// One hidden unit of a `[1, H, 1]` network.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Unit {
    /// Its input weight w₁ⱼ.
    pub weight_in: f64,
    /// Its bias b₁ⱼ.
    pub bias: f64,
    /// Its output weight w₂ⱼ.
    pub weight_out: f64,
}

/// The hidden units of a network with one input, one hidden layer and one
/// output, and the output bias b₂; `None` for any other shape.
pub fn units(network: &Network) -> Option<(Vec<Unit>, f64)> {
    let [hidden, output] = network.layers() else {
        return None;
    };
    if hidden.weight.ncols() != 1 || output.weight.nrows() != 1 {
        return None;
    }
    let units = (0..hidden.weight.nrows())
        .map(|j| Unit {
            weight_in: hidden.weight[(j, 0)],
            bias: hidden.bias[j],
            weight_out: output.weight[(0, j)],
        })
        .collect();
    Some((units, output.bias[0]))
}

/// Unit j's contribution w₂ⱼ·f(w₁ⱼ·x + b₁ⱼ) at each of `xs`, one row per
/// unit; `None` unless the network is `[1, H, 1]`.
pub fn contributions(network: &Network, xs: &[f64]) -> Option<Vec<Vec<f64>>> {
    let f = network.hidden_activation();
    let (units, _) = units(network)?;
    Some(
        units
            .iter()
            .map(|u| {
                xs.iter()
                    .map(|&x| u.weight_out * f.apply(u.weight_in * x + u.bias))
                    .collect()
            })
            .collect(),
    )
}

/// Which units are dead: ReLU units whose input w₁ⱼ·x + b₁ⱼ is ≤ 0 at
/// every one of `xs` (no gradient reaches them). Only ReLU units die; for
/// other activations or shapes every entry is false (empty for other shapes).
pub fn dead(network: &Network, xs: &[f64]) -> Vec<bool> {
    let relu = network.hidden_activation() == crate::nn::Activation::Relu;
    units(network).map_or_else(Vec::new, |(units, _)| {
        units
            .iter()
            .map(|u| relu && xs.iter().all(|&x| u.weight_in * x + u.bias <= 0.0))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use nalgebra::DMatrix;

    use super::*;
    use crate::nn::Activation;
    use crate::scenes::training::playground::Playground;

    fn check_sum(network: &Network) {
        let xs: Vec<f64> = (0..101).map(|i| -12.0 + 0.24 * f64::from(i)).collect();
        let pieces = contributions(network, &xs).expect("one hidden layer");
        let (_, b2) = units(network).expect("one hidden layer");
        let fit = network
            .predict(&DMatrix::from_column_slice(xs.len(), 1, &xs))
            .expect("fits");
        for (i, y) in fit.iter().enumerate() {
            let sum: f64 = pieces.iter().map(|row| row[i]).sum::<f64>() + b2;
            assert!(
                (sum - y).abs() <= 1e-12 * (1.0 + y.abs()),
                "x = {}: Σ = {sum}, ŷ = {y}",
                xs[i]
            );
        }
    }

    #[test]
    fn the_pieces_sum_to_the_fit_for_every_activation() {
        for activation in [Activation::Relu, Activation::Tanh, Activation::Sigmoid] {
            for width in [1, 10, 64] {
                let mut setup = Playground::chapter();
                setup.activation = activation;
                setup.width = width;
                let mut training = setup.training().expect("valid");
                check_sum(training.network());
                training.step(50);
                check_sum(training.network());
            }
        }
    }

    #[test]
    fn only_one_hidden_layer_has_pieces() {
        let mut setup = Playground::chapter();
        setup.layers = 2;
        let training = setup.training().expect("valid");
        assert!(units(training.network()).is_none());
        assert!(contributions(training.network(), &[0.0]).is_none());
        assert!(dead(training.network(), &[0.0]).is_empty());
    }

    #[test]
    fn a_unit_off_at_every_point_is_dead() {
        let mut network = Network::chapter();
        let xs = [-1.0, 0.0, 2.0];
        assert!(network.set_weight(0, 3, 0, 1.0) && network.set_bias(0, 3, -5.0));
        let dead = dead(&network, &xs);
        assert!(dead[3]);
        let mut tanh = network.clone();
        tanh = Network::new(
            tanh.layers().to_vec(),
            Activation::Tanh,
            Activation::Identity,
        )
        .expect("same shape");
        assert!(super::dead(&tanh, &xs).iter().all(|d| !d));
    }
}
