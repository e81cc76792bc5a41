//! Numbers in rows: the data, and the initial weights layer by layer,
//! each width checked before a matrix is allocated.

use nalgebra::{DMatrix, DVector};

use super::{de, required, SpecError};
use crate::nn::Layer;

/// Checks that `list` has `width` numbers.
fn width(list: &[de::Number], path: &str, width: usize, why: &str) -> Result<(), SpecError> {
    if list.len() == width {
        Ok(())
    } else {
        Err(SpecError::new(
            path,
            format!("expected {width} value(s){why}, got {}", list.len()),
        ))
    }
}

/// Data rows (one per sample, counted already), each of `width` numbers:
/// every width is checked before the matrix is allocated.
pub(super) fn rows(
    list: &[de::List<de::Number, de::NumbersWhat>],
    path: &str,
    columns: usize,
    width_from: &str,
) -> Result<DMatrix<f64>, SpecError> {
    let why = format!(" ({width_from} = {columns})");
    for (i, row) in list.iter().enumerate() {
        width(&row.0, &format!("{path}[{i}]"), columns, &why)?;
    }
    let values: Vec<f64> = list
        .iter()
        .flat_map(|row| row.0.iter().map(|de::Number(v)| *v))
        .collect();
    Ok(DMatrix::from_row_slice(list.len(), columns, &values))
}

pub(super) fn init_layers(init: de::Init, sizes: &[usize]) -> Result<Vec<Layer>, SpecError> {
    let list = required(init.layers, "init.layers")?.0;
    let expected = sizes.len() - 1;
    if list.len() != expected {
        return Err(SpecError::new(
            "init.layers",
            format!(
                "expected {expected} layer(s) (one per pair in model.layers), got {}",
                list.len()
            ),
        ));
    }
    list.into_iter()
        .enumerate()
        .map(|(l, de::Object(layer))| {
            let path = format!("init.layers[{l}]");
            let (inputs, outputs) = (sizes[l], sizes[l + 1]);
            let weight_path = format!("{path}.weight");
            let weight_rows = required(layer.weight, &weight_path)?.0;
            let widths: Vec<usize> = weight_rows.iter().map(|r| r.0.len()).collect();
            let uniform = widths.windows(2).all(|w| w[0] == w[1]);
            if weight_rows.len() != outputs || (uniform && widths.first() != Some(&inputs)) {
                let got_cols = widths.first().copied().unwrap_or(0);
                return Err(SpecError::new(
                    weight_path,
                    format!(
                        "expected {outputs}×{inputs}, got {}×{got_cols}",
                        weight_rows.len()
                    ),
                ));
            }
            let weight = rows(
                &weight_rows,
                &weight_path,
                inputs,
                &format!("model.layers[{l}]"),
            )?;
            let bias_path = format!("{path}.bias");
            let bias = required(layer.bias, &bias_path)?.0;
            width(
                &bias,
                &bias_path,
                outputs,
                &format!(" (model.layers[{}] = {outputs})", l + 1),
            )?;
            Ok(Layer::new(
                weight,
                DVector::from_iterator(outputs, bias.into_iter().map(|de::Number(b)| b)),
            ))
        })
        .collect()
}
