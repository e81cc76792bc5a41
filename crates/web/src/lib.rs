//! wasm layer
