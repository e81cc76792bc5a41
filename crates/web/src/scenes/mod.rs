//! One module per scene: the handles JavaScript holds and the views that draw them.
//! The chapter's four scenes are the page's module (feature `chapter`); the
//! comparison is a module of its own (feature `compare`, built by
//! `crates/web-compare`), so the chapter's scenes never download it.

#[cfg(feature = "chapter")]
pub mod backprop;
#[cfg(feature = "compare")]
pub mod compare;
#[cfg(feature = "chapter")]
pub mod descent;
#[cfg(feature = "chapter")]
pub mod loss;
#[cfg(feature = "chapter")]
pub mod training;
