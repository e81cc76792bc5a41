//! One module per scene.

pub mod backprop;
pub mod descent;
pub mod loss;
pub mod training;
