//! `kyoto`: the command-line tool of kyoto-widgets.
fn main() {}
