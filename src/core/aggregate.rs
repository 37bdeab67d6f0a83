//! Aggregation of a dataset over the Declaration's structure.
