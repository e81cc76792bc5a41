//! Training runs written out for other tools: [`pytorch`], a spec as a
//! PyTorch program that runs on its own and prints what this crate's run
//! of the same spec prints. Pure string building: nothing here reads or
//! writes a file.

mod python;
pub mod pytorch;
