//! One module per scene.

pub mod descent;
