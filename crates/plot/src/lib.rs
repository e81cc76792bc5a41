//! Charts and scenes.
