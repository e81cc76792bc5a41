//! One module per scene.

pub mod backprop;
pub mod compare;
pub mod descent;
pub mod loss;
pub mod training;
