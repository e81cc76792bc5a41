//! One module per scene: the handles JavaScript holds and the views that draw them.

pub mod backprop;
pub mod compare;
pub mod descent;
pub mod loss;
pub mod training;
