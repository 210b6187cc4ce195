//! Simulators: parameters in, exact curves and Monte Carlo estimates out. No UI, no I/O.

pub mod resampling;
pub mod snowball;
pub mod snowball_data;
pub mod telephone;
