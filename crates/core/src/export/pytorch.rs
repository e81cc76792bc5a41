//! A training spec as a PyTorch program that runs on its own: the
//! chapter's program (its text and layout, `class SimpleNN`, the `# 训练`
//! loop, its `print` every 20 epochs) with the spec's network, optimizer,
//! epochs and mini-batches, and with its data and initial weights written
//! out exactly instead of drawn from `torch.manual_seed(42)`.
//!
//! What the script holds, top to bottom:
//! - `import torch`, `torch.nn as nn`, `torch.optim as optim`; for
//!   [`Dtype::Float64`] `torch.set_default_dtype(torch.float64)`;
//! - `X_train` and `y_train` as `torch.tensor([[…], …])` of float64
//!   literals that read back as the spec's very numbers (`torch.tensor`
//!   makes them the default dtype: float32, the chapter's, or float64);
//!   with mini-batches also `batch_orders`, the spec's order of each epoch;
//! - `class SimpleNN(nn.Module)`: one `nn.Linear` per layer (`hidden`, or
//!   `hidden1`, `hidden2`, … and `output`), the activation modules
//!   (`nn.ReLU`, `nn.Tanh`, `nn.Sigmoid`; none for identity), `forward`;
//! - `model = SimpleNN()`, then every weight and bias copied in under
//!   `torch.no_grad()`;
//! - `criterion = nn.MSELoss()` and `optim.SGD`, `Adam`, `AdamW`,
//!   `RMSprop` or `Adagrad` with `lr` and every other hyper-parameter that
//!   is not `torch.optim`'s default, in torch's keyword order (the
//!   chapter's `optim.SGD(model.parameters(), lr=0.01)` stays as it is);
//! - the chapter's loop, full batch or over the batches of each epoch,
//!   printing `Epoch N, Loss: …` every 20 epochs — for mini-batches the
//!   loss of the epoch's last batch.
//!
//! The words in the comments are the chapter's (Chinese), since the
//! script is the chapter's program. Pure string building: no I/O.

use super::python::{self, float, INDENT};
use crate::datasets::{DataKind, DataRecipe, X_RANGE};
use crate::scenes::training::PRINT_EVERY;
use crate::spec::{train, Spec, SpecError};
use crate::training::Batches;

mod model;
mod optimizer;

use model::{class_block, weights_block, Names};
use optimizer::optimizer_call;

/// The floating-point type the script computes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Dtype {
    /// `torch.float32`, PyTorch's default and the chapter's.
    #[default]
    Float32,
    /// `torch.float64`, what this crate computes in.
    Float64,
}

impl Dtype {
    /// Both, float32 first.
    pub const ALL: [Dtype; 2] = [Dtype::Float32, Dtype::Float64];

    /// `float32` or `float64`.
    pub fn name(self) -> &'static str {
        match self {
            Dtype::Float32 => "float32",
            Dtype::Float64 => "float64",
        }
    }

    /// Looks a dtype up by its name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|dtype| dtype.name() == name)
    }
}

/// How to write the script.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct ScriptOptions {
    /// The dtype it computes in.
    pub dtype: Dtype,
    /// The recipe the spec's data were made with, for the comment above
    /// them (`# 生成训练数据: y = 5·sin(x/2) + 噪声 …`); `None`: the
    /// chapter's comment when the data are the chapter's, else a plain one.
    pub data: Option<DataRecipe>,
}

impl ScriptOptions {
    /// In `dtype`, the data described from the spec alone.
    pub fn new(dtype: Dtype) -> Self {
        Self { dtype, data: None }
    }
}

/// The script for `spec` (see the module's notes). Fails only when the
/// spec's own weights do not fit its layers, or it has mini-batches with
/// no order at all.
pub fn script(spec: &Spec, options: &ScriptOptions) -> Result<String, SpecError> {
    let network = spec.network()?;
    let mut lines: Vec<String> = [
        "import torch",
        "import torch.nn as nn",
        "import torch.optim as optim",
        "",
    ]
    .map(str::to_owned)
    .to_vec();
    if options.dtype == Dtype::Float64 {
        lines.push("torch.set_default_dtype(torch.float64)  # 用 float64 计算".to_owned());
        lines.push(String::new());
    }
    data_block(spec, options, &mut lines)?;
    lines.push(String::new());
    let names = Names::of(&network);
    class_block(&network, &names, &mut lines);
    lines.push(String::new());
    lines.push("model = SimpleNN()".to_owned());
    weights_block(&network, &names, &mut lines);
    lines.push("criterion = nn.MSELoss()".to_owned());
    lines.push(format!("optimizer = {}", optimizer_call(&spec.optimizer)));
    lines.push(String::new());
    loop_block(spec, &mut lines);
    let mut text = lines.join("\n");
    text.push('\n');
    Ok(text)
}

/// The script of the chapter's own settings ([`Spec::chapter`]).
pub fn chapter_script(dtype: Dtype) -> String {
    let options = ScriptOptions {
        dtype,
        data: Some(DataRecipe::chapter()),
    };
    // The chapter's weights fit its layers.
    script(&Spec::chapter(), &options).unwrap_or_default()
}

/// What the script prints, as this crate's own run of `spec` (in float64)
/// says it will: `Epoch N, Loss: …` every 20 epochs, the loss of that
/// epoch's step (its last batch's), one line each with `\n`. A run that
/// stops at a non-finite loss prints `inf` or `nan` there and `nan` after,
/// as PyTorch, which goes on, would.
pub fn expected_output(spec: &Spec) -> Result<String, SpecError> {
    let losses = train(spec)?.losses;
    let per_epoch = spec.batches.as_ref().map_or(1, Batches::steps_per_epoch);
    let mut out = String::new();
    for epoch in (PRINT_EVERY..=spec.epochs).step_by(PRINT_EVERY as usize) {
        let step = epoch.saturating_mul(per_epoch).saturating_sub(1);
        let step = usize::try_from(step).unwrap_or(usize::MAX);
        let loss = losses.get(step).copied().unwrap_or(f64::NAN);
        out.push_str(&format!("Epoch {epoch}, Loss: {}\n", four_places(loss)));
    }
    Ok(out)
}

/// Python's `f'{loss:.4f}'`.
fn four_places(value: f64) -> String {
    if value.is_nan() {
        "nan".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 { "inf" } else { "-inf" }.to_owned()
    } else {
        format!("{value:.4}")
    }
}

/// The comment above the data: the chapter's, or the recipe's.
fn data_comment(spec: &Spec, options: &ScriptOptions) -> Vec<String> {
    let recipe = options
        .data
        .or_else(|| spec.has_chapter_data().then(DataRecipe::chapter));
    match recipe {
        Some(recipe) if recipe.is_chapter() => vec![
            "# 生成训练数据: y = 2x + 1 + 噪声".to_owned(),
            "# (torch.manual_seed(42) 之后 torch.randn 生成的数, 原样写出)".to_owned(),
        ],
        Some(recipe) => {
            let noise = if recipe.noise > 0.0 {
                format!(" + 噪声 (σ = {})", recipe.noise)
            } else {
                String::new()
            };
            let range = match recipe.kind {
                DataKind::Line => "x = 5·randn".to_owned(),
                _ => format!("x ∈ [{}, {})", X_RANGE.0, X_RANGE.1),
            };
            let outlier = if recipe.outlier {
                ", 含一个离群点"
            } else {
                ""
            };
            vec![
                format!("# 生成训练数据: {}{noise}", recipe.kind.formula()),
                format!(
                    "# ({range}, {} 个点{outlier}, 种子 {}; 原样写出)",
                    recipe.points, recipe.seed
                ),
            ]
        }
        None => vec![format!("# 训练数据: {} 个样本, 原样写出", spec.x.nrows())],
    }
}

/// `X_train`, `y_train` and, with mini-batches, `batch_orders`.
fn data_block(
    spec: &Spec,
    options: &ScriptOptions,
    lines: &mut Vec<String>,
) -> Result<(), SpecError> {
    lines.extend(data_comment(spec, options));
    for (name, matrix) in [("X_train", &spec.x), ("y_train", &spec.y)] {
        let rows: Vec<Vec<String>> = matrix
            .row_iter()
            .map(|row| row.iter().copied().map(float).collect())
            .collect();
        lines.extend(python::matrix(
            &format!("{name} = torch.tensor("),
            &rows,
            ")",
            "",
        ));
    }
    if let Some(batches) = &spec.batches {
        if batches.orders().is_empty() {
            return Err(SpecError::new("batches.order", "needs at least one order"));
        }
        lines.push(format!(
            "# 小批量: 每轮 (epoch) 按 batch_orders 中的顺序取样本, 每批 {} 个",
            batches.size()
        ));
        let orders: Vec<Vec<String>> = batches
            .orders()
            .iter()
            .map(|order| order.iter().map(usize::to_string).collect())
            .collect();
        lines.extend(python::matrix("batch_orders = ", &orders, "", ""));
    }
    Ok(())
}

/// The chapter's `# 训练` loop, full batch or over each epoch's batches.
fn loop_block(spec: &Spec, lines: &mut Vec<String>) {
    let epochs = spec.epochs;
    let print = [
        String::new(),
        format!("{INDENT}if (epoch + 1) % {PRINT_EVERY} == 0:"),
        format!("{INDENT}{INDENT}print(f'Epoch {{epoch+1}}, Loss: {{loss.item():.4f}}')"),
    ];
    let Some(batches) = &spec.batches else {
        lines.extend(
            [
                "# 训练".to_owned(),
                "losses = []".to_owned(),
                format!("for epoch in range({epochs}):"),
            ]
            .into_iter()
            .chain(step_lines(INDENT, "X_train", "y_train")),
        );
        lines.extend(print);
        return;
    };
    let size = batches.size();
    let count = batches.orders().len() as u64;
    let order = if count == epochs {
        "batch_orders[epoch]".to_owned()
    } else {
        format!("batch_orders[epoch % {count}]")
    };
    let i2 = INDENT.repeat(2);
    lines.extend([
        format!("# 训练 (小批量, 每批 {size} 个; 每 {PRINT_EVERY} 轮打印该轮最后一批的损失)"),
        "losses = []".to_owned(),
        format!("for epoch in range({epochs}):"),
        format!("{INDENT}order = {order}"),
        format!("{INDENT}for start in range(0, len(order), {size}):"),
        format!("{i2}batch = order[start:start + {size}]"),
    ]);
    lines.extend(step_lines(&i2, "X_train[batch]", "y_train[batch]"));
    lines.extend(print);
}

/// One step of the chapter's loop body at `indent`.
fn step_lines(indent: &str, x: &str, y: &str) -> Vec<String> {
    [
        format!("predictions = model({x})"),
        format!("loss = criterion(predictions, {y})"),
        String::new(),
        "optimizer.zero_grad()".to_owned(),
        "loss.backward()".to_owned(),
        "optimizer.step()".to_owned(),
        String::new(),
        "losses.append(loss.item())".to_owned(),
    ]
    .into_iter()
    .map(|line| {
        if line.is_empty() {
            line
        } else {
            format!("{indent}{line}")
        }
    })
    .collect()
}

#[cfg(test)]
mod tests;
