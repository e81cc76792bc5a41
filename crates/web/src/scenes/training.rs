//! Section 3.4: the training loop.
