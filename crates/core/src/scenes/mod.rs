//! The math each scene shows, one module per scene, named as the scene is
//! in the page, `descent-plot` and `descent-web`.

pub mod backprop;
pub mod compare;
pub mod descent;
pub mod loss;
pub mod training;
