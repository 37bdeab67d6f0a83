//! Chart layout and hit-testing.
