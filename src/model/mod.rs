//! The model layer: what botocore's IAM model says about inputs and outputs,
//! and botocore's validation of a call's arguments against it.
//!
//! May import: `crate::exceptions`. Never the layers above (transport,
//! operations, bridge) or the runtime.

pub mod form;
pub mod keys;
pub mod members;
pub mod modeled_errors;
pub mod output;
pub mod patterns;
pub mod validate;
pub mod values;
