//! Section 3.3: backpropagation.
