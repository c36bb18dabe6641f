//! Kurator: a static-site generator for training and onboarding knowledge
//! bases. The pipeline (see `pipeline.rs`) reads top-down:
//! config → content → markdown → quizzes → templates → search → output.

pub mod config;
pub mod content;
pub mod diagnostic;
pub mod markdown;
pub mod search;
pub mod yaml;
