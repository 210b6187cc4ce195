//! Estimators over uploaded results (one file per method).

pub mod claims;
pub mod resampling;
pub mod snowball;
pub mod telephone;
pub mod text_metrics;
