//! Drawing: every chart is a function over a plotters `DrawingArea` for any
//! `DrawingBackend` (canvas in the browser, SVG natively). It never creates a
//! backend itself.
