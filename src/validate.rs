//! Client-side parameter validation with botocore's exact rules and messages.
//!
//! botocore checks required members, unknown members, types and minimum
//! lengths, and nothing else (maximum lengths and patterns are the server's
//! business). The report lists every missing member in model order, then every
//! unknown name in call order, then type and length problems in call order.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::errors;

/// One string member of an operation's input shape.
pub struct Member {
    pub name: &'static str,
    pub required: bool,
    pub min_len: usize,
    /// Never shown in an error message (authentication codes).
    pub secret: bool,
}

impl Member {
    pub const fn new(name: &'static str, required: bool, min_len: usize) -> Self {
        Self {
            name,
            required,
            min_len,
            secret: false,
        }
    }

    pub const fn secret(self) -> Self {
        Self {
            secret: true,
            ..self
        }
    }
}

/// The string arguments of one call, in the order of the input shape's members.
pub type Args = Vec<Option<String>>;

/// Checks `kwargs` against `members` and returns the values in member order.
///
/// With `enabled == false` (`Config(parameter_validation=False)`) nothing is
/// rejected: unknown names are dropped and non-string values are sent as
/// `str(value)`, which is what botocore's serializer does.
pub fn check(
    py: Python<'_>,
    members: &[Member],
    kwargs: Option<&Bound<'_, PyDict>>,
    enabled: bool,
) -> PyResult<Args> {
    let mut args: Args = vec![None; members.len()];
    let mut present = vec![false; members.len()];
    let mut unknown = Vec::new();
    let mut invalid = Vec::new();
    if let Some(kwargs) = kwargs {
        for (key, value) in kwargs.iter() {
            let key = key.cast_into::<PyString>()?;
            let key = key.to_cow()?;
            let Some(index) = members.iter().position(|m| m.name == key) else {
                unknown.push(unknown_line(&key, members));
                continue;
            };
            present[index] = true;
            match value.cast::<PyString>() {
                Ok(text) => {
                    let length = text.len()?;
                    if enabled && length < members[index].min_len {
                        invalid.push(format!(
                            "Invalid length for parameter {key}, value: {length}, valid min length: {}",
                            members[index].min_len
                        ));
                    }
                    args[index] = Some(text.to_cow()?.into_owned());
                }
                Err(_) if enabled => invalid.push(format!(
                    "Invalid type for parameter {key}, value: {}, type: {}, valid types: <class 'str'>",
                    value.str()?,
                    value.get_type().repr()?
                )),
                Err(_) => args[index] = Some(value.str()?.to_cow()?.into_owned()),
            }
        }
    }
    if !enabled {
        return Ok(args);
    }
    let missing = members
        .iter()
        .zip(&present)
        .filter(|(member, given)| member.required && !**given)
        .map(|(member, _)| format!("Missing required parameter in input: \"{}\"", member.name));
    let report: Vec<String> = missing.chain(unknown).chain(invalid).collect();
    if report.is_empty() {
        Ok(args)
    } else {
        Err(errors::param_validation_error(py, &report.join("\n")))
    }
}

fn unknown_line(key: &str, members: &[Member]) -> String {
    let names: Vec<&str> = members.iter().map(|m| m.name).collect();
    format!(
        "Unknown parameter in input: \"{key}\", must be one of: {}",
        names.join(", ")
    )
}
