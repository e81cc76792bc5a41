//! The network as the chapter writes it: `class SimpleNN(nn.Module)` with
//! one attribute per layer and activation, and the initial weights copied
//! into it.

use super::super::python::{self, float, INDENT};
use crate::nn::{Activation, Network};

/// The attribute names of the layers and activation modules.
pub(super) struct Names {
    /// `hidden` (one hidden layer) or `hidden1`, `hidden2`, …
    hidden: Vec<String>,
    /// The hidden layers' activation module, if not identity.
    hidden_activation: Option<(&'static str, &'static str)>,
    /// The output's activation module, if not identity.
    output_activation: Option<(&'static str, &'static str)>,
}

/// An activation's attribute and module: `("relu", "nn.ReLU()")`.
fn module(activation: Activation) -> Option<(&'static str, &'static str)> {
    match activation {
        Activation::Relu => Some(("relu", "nn.ReLU()")),
        Activation::Tanh => Some(("tanh", "nn.Tanh()")),
        Activation::Sigmoid => Some(("sigmoid", "nn.Sigmoid()")),
        Activation::Identity => None,
    }
}

impl Names {
    pub(super) fn of(network: &Network) -> Self {
        let count = network.layers().len() - 1;
        let hidden = match count {
            1 => vec!["hidden".to_owned()],
            _ => (1..=count).map(|i| format!("hidden{i}")).collect(),
        };
        Self {
            hidden,
            hidden_activation: if count > 0 {
                module(network.hidden_activation())
            } else {
                None
            },
            output_activation: module(network.output_activation()),
        }
    }

    /// The attribute of layer `l` (0-based; the last is `output`).
    fn layer(&self, l: usize) -> &str {
        self.hidden.get(l).map_or("output", String::as_str)
    }
}

/// `class SimpleNN(nn.Module): …`.
pub(super) fn class_block(network: &Network, names: &Names, lines: &mut Vec<String>) {
    let i2 = INDENT.repeat(2);
    lines.push("# 定义神经网络".to_owned());
    lines.push("class SimpleNN(nn.Module):".to_owned());
    lines.push(format!("{INDENT}def __init__(self):"));
    lines.push(format!("{i2}super().__init__()"));
    let linear = |l: usize| {
        let layer = &network.layers()[l];
        format!(
            "{i2}self.{} = nn.Linear({}, {})",
            names.layer(l),
            layer.inputs(),
            layer.outputs()
        )
    };
    for l in 0..names.hidden.len() {
        lines.push(linear(l));
    }
    if let Some((name, make)) = names.hidden_activation {
        lines.push(format!("{i2}self.{name} = {make}"));
    }
    lines.push(linear(names.hidden.len()));
    if let Some((name, make)) = names.output_activation {
        if names.hidden_activation.map(|(hidden, _)| hidden) != Some(name) {
            lines.push(format!("{i2}self.{name} = {make}"));
        }
    }
    lines.push(String::new());
    lines.push(format!("{INDENT}def forward(self, x):"));
    let apply = |layer: &str, activation: Option<(&str, &str)>| match activation {
        Some((name, _)) => format!("{i2}x = self.{name}(self.{layer}(x))"),
        None => format!("{i2}x = self.{layer}(x)"),
    };
    for layer in &names.hidden {
        lines.push(apply(layer, names.hidden_activation));
    }
    lines.push(apply("output", names.output_activation));
    lines.push(format!("{i2}return x"));
}

/// The initial weights, copied into the model.
pub(super) fn weights_block(network: &Network, names: &Names, lines: &mut Vec<String>) {
    if network.layers() == Network::chapter().layers() {
        lines.push(
            "# 初始权重: torch.manual_seed(42) 之后 nn.Linear 的默认初始化, 原样写出".to_owned(),
        );
    } else {
        lines.push("# 初始权重, 原样写出 (代替 nn.Linear 的随机初始化)".to_owned());
    }
    lines.push("with torch.no_grad():".to_owned());
    for (l, layer) in network.layers().iter().enumerate() {
        let name = names.layer(l);
        let rows: Vec<Vec<String>> = layer
            .weight_rows()
            .into_iter()
            .map(|row| row.into_iter().map(float).collect())
            .collect();
        lines.extend(python::matrix(
            &format!("model.{name}.weight.copy_(torch.tensor("),
            &rows,
            "))",
            INDENT,
        ));
        let bias: Vec<String> = layer.bias.iter().copied().map(float).collect();
        lines.extend(python::list(
            &format!("model.{name}.bias.copy_(torch.tensor("),
            &bias,
            "))",
            INDENT,
        ));
    }
}
