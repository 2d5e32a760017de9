//! Google: Calendar v3, Gmail v1 and Drive v3.

pub mod calendar;
pub mod drive;
pub mod gmail;
