//! Tests of `export::pytorch`.
use nalgebra::DMatrix;

use super::*;
use crate::chapter_data;
use crate::nn::optimizer::{Adagrad, Adam, Momentum, RmsProp};
use crate::nn::{Activation, OptimizerConfig};
use crate::spec::Init;
use crate::training::Batches;

/// The chapter's program, the code block of its text as it stands.
const CHAPTER_PROGRAM: &str =
    include_str!("../../../../../tests/fixtures/export/chapter_program.py");

/// The chapter's lines the script leaves out, one run of them: the seeds
/// and the draws, whose numbers it writes out instead. (`np.random.seed(42)`
/// needs a numpy the program never imports, and draws nothing torch uses.)
const REMOVED: [&str; 5] = [
    "np.random.seed(42)",
    "torch.manual_seed(42)",
    "",
    "X_train = torch.randn(100, 1) * 5",
    "y_train = 2 * X_train + 1 + torch.randn(100, 1)",
];

/// The script's blocks the chapter does not have, each between two lines
/// the chapter has: (after this line, up to this line).
const INSERTED: [(&str, &str); 2] = [
    // The data: after the chapter's comment, up to the blank line.
    ("# 生成训练数据: y = 2x + 1 + 噪声", ""),
    // The initial weights: after the model is made, before the loss.
    ("model = SimpleNN()", "criterion = nn.MSELoss()"),
];

/// Lines an inserted block may have besides comments and numbers.
const INSERTED_HEADS: [&str; 9] = [
    "X_train = torch.tensor([",
    "y_train = torch.tensor([",
    "])",
    "with torch.no_grad():",
    "    model.hidden.weight.copy_(torch.tensor([",
    "    model.hidden.bias.copy_(torch.tensor([",
    "    model.output.weight.copy_(torch.tensor([",
    "    ]))",
    "    model.output.bias.copy_(torch.tensor([0.22743000090122223]))",
];

/// Whether a line holds only numbers in lists.
fn numbers_only(line: &str) -> bool {
    let trimmed = line.trim();
    !trimmed.is_empty()
        && trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || "[]., -e".contains(c))
}

/// Every number in `lines` (comments and `with` aside), in order.
fn numbers(lines: &[&str]) -> Vec<f64> {
    lines
        .iter()
        .filter(|line| !line.starts_with('#') && !line.starts_with("with "))
        .map(|line| line.rsplit("torch.tensor(").next().unwrap_or(line))
        .flat_map(|line| line.split(|c: char| "[](), ".contains(c)))
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap_or_else(|_| panic!("not a number: {s:?}")))
        .collect()
}

/// The script's lines with the [`INSERTED`] blocks cut out, and the blocks.
fn cut(script: &str) -> (Vec<&str>, Vec<Vec<&str>>) {
    let mut kept = Vec::new();
    let mut blocks = Vec::new();
    let mut lines = script.lines();
    let mut pending = INSERTED.iter();
    let mut next = pending.next();
    while let Some(line) = lines.next() {
        kept.push(line);
        if let Some((_, until)) = next.filter(|(after, _)| *after == line) {
            let mut block = Vec::new();
            for inner in lines.by_ref() {
                if inner == *until {
                    kept.push(inner);
                    break;
                }
                block.push(inner);
            }
            blocks.push(block);
            next = pending.next();
        }
    }
    (kept, blocks)
}

#[test]
fn the_chapters_script_is_the_chapters_program_with_its_numbers_written_out() {
    let script = chapter_script(Dtype::Float32);
    let (kept, blocks) = cut(&script);
    let mut chapter: Vec<&str> = CHAPTER_PROGRAM.lines().collect();
    let at = chapter
        .windows(REMOVED.len())
        .position(|run| run == REMOVED)
        .expect("the chapter draws its data");
    chapter.drain(at..at + REMOVED.len());
    assert_eq!(blocks.len(), INSERTED.len(), "{script}");
    for (i, (got, want)) in kept.iter().zip(&chapter).enumerate() {
        assert_eq!(got, want, "line {} of what is kept", i + 1);
    }
    assert_eq!(kept.len(), chapter.len());

    for line in blocks.iter().flatten() {
        assert!(
            line.starts_with("# ") || INSERTED_HEADS.contains(line) || numbers_only(line),
            "not data: {line:?}"
        );
    }
    // The numbers are the chapter's, to the last bit.
    let data = numbers(&blocks[0]);
    assert_eq!(data[..100], chapter_data::X);
    assert_eq!(data[100..], chapter_data::Y);
    let weights = numbers(&blocks[1]);
    let chapter_weights: Vec<f64> = [
        &chapter_data::HIDDEN_WEIGHT[..],
        &chapter_data::HIDDEN_BIAS,
        &chapter_data::OUTPUT_WEIGHT,
        &chapter_data::OUTPUT_BIAS,
    ]
    .concat();
    assert_eq!(weights, chapter_weights);
    assert!(script.lines().all(|line| line.chars().count() <= 79));
}

#[test]
fn float64_sets_the_default_dtype_and_nothing_else() {
    let (f32_script, f64_script) = (
        chapter_script(Dtype::Float32),
        chapter_script(Dtype::Float64),
    );
    let extra = "torch.set_default_dtype(torch.float64)  # 用 float64 计算\n\n";
    assert_eq!(
        f64_script.replacen(extra, "", 1),
        f32_script,
        "{f64_script}"
    );
    assert!(f64_script.contains("import torch.optim as optim\n\ntorch.set_default_dtype"));
    assert_eq!(Dtype::from_name("float64"), Some(Dtype::Float64));
    assert_eq!(Dtype::from_name("double"), None);
    assert_eq!(Dtype::default().name(), "float32");
}

/// A spec like the chapter's with other parts.
fn spec(layers: &[usize], hidden: Activation, output: Activation) -> Spec {
    let x = DMatrix::from_fn(6, layers[0], |i, j| (i + j) as f64 * 0.5);
    let y = DMatrix::from_fn(6, layers[layers.len() - 1], |i, _| i as f64);
    Spec {
        layers: layers.to_vec(),
        hidden_activation: hidden,
        output_activation: output,
        x,
        y,
        init: Init::Seed(3),
        epochs: 40,
        ..Spec::chapter()
    }
}

fn lines_between<'s>(script: &'s str, from: &str, to: &str) -> Vec<&'s str> {
    script
        .lines()
        .skip_while(|line| *line != from)
        .skip(1)
        .take_while(|line| *line != to)
        .collect()
}

#[test]
fn the_class_follows_the_layers_and_activations() {
    let deep = script(
        &spec(&[1, 16, 16, 1], Activation::Tanh, Activation::Identity),
        &ScriptOptions::default(),
    )
    .expect("valid");
    assert_eq!(
        lines_between(
            &deep,
            "        super().__init__()",
            "    def forward(self, x):"
        ),
        [
            "        self.hidden1 = nn.Linear(1, 16)",
            "        self.hidden2 = nn.Linear(16, 16)",
            "        self.tanh = nn.Tanh()",
            "        self.output = nn.Linear(16, 1)",
            "",
        ]
    );
    assert_eq!(
        lines_between(&deep, "    def forward(self, x):", "model = SimpleNN()"),
        [
            "        x = self.tanh(self.hidden1(x))",
            "        x = self.tanh(self.hidden2(x))",
            "        x = self.output(x)",
            "        return x",
            "",
        ]
    );
    assert!(deep.contains("    model.hidden2.bias.copy_(torch.tensor([\n"));

    let sigmoid = script(
        &spec(&[2, 3, 2], Activation::Relu, Activation::Sigmoid),
        &ScriptOptions::default(),
    )
    .expect("valid");
    assert!(sigmoid.contains(
        "        self.hidden = nn.Linear(2, 3)\n        self.relu = nn.ReLU()\n        \
         self.output = nn.Linear(3, 2)\n        self.sigmoid = nn.Sigmoid()\n"
    ));
    assert!(sigmoid.contains("        x = self.sigmoid(self.output(x))\n"));
    assert!(sigmoid.contains("X_train = torch.tensor([\n    [0.0, 0.5],\n    [0.5, 1.0],\n"));

    let same = script(
        &spec(&[1, 4, 1], Activation::Sigmoid, Activation::Sigmoid),
        &ScriptOptions::default(),
    )
    .expect("valid");
    assert_eq!(same.matches("nn.Sigmoid()").count(), 1);
    assert!(same.contains("        x = self.sigmoid(self.output(x))\n"));

    let linear = script(
        &spec(&[1, 1], Activation::Identity, Activation::Identity),
        &ScriptOptions::default(),
    )
    .expect("valid");
    assert_eq!(
        lines_between(&linear, "        super().__init__()", ""),
        ["        self.output = nn.Linear(1, 1)"]
    );
    let identity = script(
        &spec(&[1, 3, 1], Activation::Identity, Activation::Identity),
        &ScriptOptions::default(),
    )
    .expect("valid");
    assert!(identity.contains("        x = self.hidden(x)\n        x = self.output(x)\n"));
}

#[test]
fn the_optimizer_spells_out_what_is_not_torchs_default() {
    let cases = [
        (
            OptimizerConfig::sgd(0.01),
            "SGD(model.parameters(), lr=0.01)",
        ),
        (
            OptimizerConfig::Sgd(crate::nn::optimizer::Sgd {
                lr: 0.1,
                weight_decay: 1e-4,
            }),
            "SGD(model.parameters(), lr=0.1, weight_decay=0.0001)",
        ),
        (
            OptimizerConfig::Momentum(Momentum {
                lr: 0.05,
                momentum: 0.9,
                nesterov: true,
                weight_decay: 0.1,
            }),
            "SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=0.1, nesterov=True)",
        ),
        (
            OptimizerConfig::momentum(0.001, 0.0, false),
            "SGD(model.parameters(), lr=0.001, momentum=0.0)",
        ),
        (
            OptimizerConfig::adam(0.01),
            "Adam(model.parameters(), lr=0.01)",
        ),
        (
            OptimizerConfig::Adam(Adam {
                beta1: 0.4,
                eps: 1e-6,
                weight_decay: 0.05,
                ..Adam::new(0.03)
            }),
            "Adam(model.parameters(), lr=0.03, betas=(0.4, 0.999), eps=1e-6, weight_decay=0.05)",
        ),
        (
            OptimizerConfig::adamw(0.01),
            "AdamW(model.parameters(), lr=0.01)",
        ),
        (
            OptimizerConfig::AdamW(Adam {
                weight_decay: 0.0,
                ..Adam::decoupled(0.01)
            }),
            "AdamW(model.parameters(), lr=0.01, weight_decay=0.0)",
        ),
        (
            OptimizerConfig::RmsProp(RmsProp {
                alpha: 0.95,
                momentum: 0.5,
                centered: true,
                ..RmsProp::new(0.005)
            }),
            "RMSprop(model.parameters(), lr=0.005, alpha=0.95, momentum=0.5, centered=True)",
        ),
        (
            OptimizerConfig::Adagrad(Adagrad {
                lr_decay: 0.01,
                initial_accumulator_value: 0.1,
                ..Adagrad::new(0.1)
            }),
            "Adagrad(model.parameters(), lr=0.1, lr_decay=0.01, initial_accumulator_value=0.1)",
        ),
    ];
    for (config, call) in cases {
        assert_eq!(
            optimizer_call(&config),
            format!("optim.{call}"),
            "{config:?}"
        );
    }
}

#[test]
fn mini_batches_loop_over_each_epochs_order() {
    let mut batched = spec(&[1, 3, 1], Activation::Relu, Activation::Identity);
    batched.batches = Some(Batches::shuffled(4, 6, 40, 1).expect("valid"));
    let text = script(&batched, &ScriptOptions::default()).expect("valid");
    assert!(text.contains("batch_orders = [\n    ["), "{text}");
    assert_eq!(
        lines_between(&text, "for epoch in range(40):", ""),
        [
            "    order = batch_orders[epoch]",
            "    for start in range(0, len(order), 4):",
            "        batch = order[start:start + 4]",
            "        predictions = model(X_train[batch])",
            "        loss = criterion(predictions, y_train[batch])",
        ]
    );
    assert!(text.ends_with(
        "        losses.append(loss.item())\n\n    if (epoch + 1) % 20 == 0:\n        \
         print(f'Epoch {epoch+1}, Loss: {loss.item():.4f}')\n"
    ));
    // Fewer orders than epochs cycle, as a session does.
    batched.batches = Some(Batches::shuffled(4, 6, 3, 1).expect("valid"));
    let text = script(&batched, &ScriptOptions::default()).expect("valid");
    assert!(text.contains("    order = batch_orders[epoch % 3]\n"));
    batched.batches = Some(Batches::new(4, Vec::new(), 6).expect("valid"));
    assert_eq!(
        script(&batched, &ScriptOptions::default()).map_err(|e| e.to_string()),
        Err("batches.order: needs at least one order".to_owned())
    );
}

#[test]
fn the_data_comment_follows_the_recipe() {
    let recipe = DataRecipe {
        kind: DataKind::Sine,
        points: 6,
        noise: 0.3,
        outlier: true,
        seed: 7,
    };
    let options = ScriptOptions {
        dtype: Dtype::Float64,
        data: Some(recipe),
    };
    let plain = spec(&[1, 3, 1], Activation::Relu, Activation::Identity);
    let text = script(&plain, &options).expect("valid");
    assert!(text.contains(
        "# 生成训练数据: y = 5·sin(x/2) + 噪声 (σ = 0.3)\n\
         # (x ∈ [-10, 10), 6 个点, 含一个离群点, 种子 7; 原样写出)\nX_train"
    ));
    let exact = ScriptOptions {
        data: Some(DataRecipe {
            noise: 0.0,
            kind: DataKind::Line,
            ..recipe
        }),
        ..options
    };
    let text = script(&plain, &exact).expect("valid");
    assert!(text.contains("# 生成训练数据: y = 2x + 1\n# (x = 5·randn, 6 个点"));
    let text = script(&plain, &ScriptOptions::default()).expect("valid");
    assert!(text.contains("\n# 训练数据: 6 个样本, 原样写出\nX_train"));
    assert!(text.contains("# 初始权重, 原样写出 (代替 nn.Linear 的随机初始化)\n"));
}

#[test]
fn the_expected_output_is_the_chapters_for_the_chapter() {
    assert_eq!(
        expected_output(&Spec::chapter()),
        Ok(
            "Epoch 20, Loss: 1.2027\nEpoch 40, Loss: 1.0303\nEpoch 60, Loss: 0.9236\n\
            Epoch 80, Loss: 0.8581\nEpoch 100, Loss: 0.8179\n"
                .to_owned()
        )
    );
    let diverging = Spec {
        optimizer: OptimizerConfig::sgd(0.05),
        ..Spec::chapter()
    };
    let out = expected_output(&diverging).expect("valid");
    assert_eq!(out.lines().count(), 5);
    assert!(out.lines().all(|line| line.ends_with(": nan")), "{out}");
    assert_eq!(four_places(f64::INFINITY), "inf");
    assert_eq!(four_places(0.123_456), "0.1235");
}
