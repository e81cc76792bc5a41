//! Section 3.1: loss functions.
