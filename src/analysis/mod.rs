//! Estimators over uploaded results (one file per method).

pub mod resampling;
