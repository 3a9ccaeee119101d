//! The scalar checks: strings (with "strict"'s maximum, pattern and enum),
//! blobs, integers and booleans, with botocore's messages, and what each sends
//! when validation is off.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyString};

use super::{Checker, Path, BLOB, BOOL, INT, STR};
use crate::model::members::{Member, Text};
use crate::model::patterns::full_match;
use crate::model::values::Value;

impl<'py> Checker<'py> {
    pub(super) fn text(
        &mut self,
        member: &Member,
        text: &Text,
        value: &Bound<'py, PyAny>,
        at: &Path,
    ) -> PyResult<Option<Value>> {
        let Ok(string) = value.cast::<PyString>() else {
            if self.enabled() {
                return self.wrong_type(value, at, STR);
            }
            if let Ok(bytes) = value.cast::<PyBytes>() {
                return Ok(match std::str::from_utf8(bytes.as_bytes()) {
                    Ok(text) => Some(Value::Text(text.to_owned())),
                    Err(_) => {
                        self.verbatim(at, bytes.as_bytes().to_vec(), Value::Text(String::new()))
                    }
                });
            }
            return Ok(self.str_of(value)?.map(Value::Text));
        };
        let owned = self.utf8(string);
        if !self.enabled() {
            return Ok(owned.map(Value::Text));
        }
        let length = string.len()?;
        if length < text.min {
            self.push(format!(
                "Invalid length for parameter {}, value: {length}, valid min length: {}",
                at.shown, text.min
            ));
        }
        if self.strict() {
            self.strict_text(member, text, string, owned.as_deref(), length, &at.shown)?;
        }
        Ok(owned.map(Value::Text))
    }

    /// The model's maximum length, pattern and enum. Text that is not UTF-8
    /// (a lone surrogate) matches no pattern or value of IAM's model.
    fn strict_text(
        &mut self,
        member: &Member,
        text: &Text,
        value: &Bound<'py, PyString>,
        utf8: Option<&str>,
        length: usize,
        name: &str,
    ) -> PyResult<()> {
        if let Some(max) = text.max {
            if length > max {
                self.push(format!(
                    "Invalid length for parameter {name}, value: {length}, valid max length: {max}"
                ));
            }
        }
        // The text itself, whatever a str subclass's `__str__` or `__format__` says.
        let shown = match (member.secret, utf8) {
            (true, _) => PyString::new(self.py, "<hidden>"),
            (false, Some(utf8)) => PyString::new(self.py, utf8),
            (false, None) => self
                .py
                .get_type::<PyString>()
                .call_method1(pyo3::intern!(self.py, "__str__"), (value,))?
                .cast_into::<PyString>()?,
        };
        if let Some(pattern) = text.pattern {
            if length >= text.min && !utf8.is_some_and(|utf8| full_match(pattern, utf8)) {
                self.invalid_value(name, &shown, format!("valid pattern: {pattern}"))?;
            }
        }
        if !text.values.is_empty() && !utf8.is_some_and(|utf8| text.values.contains(&utf8)) {
            let valid = format!("valid values: {}", text.values.join(", "));
            self.invalid_value(name, &shown, valid)?;
        }
        Ok(())
    }

    fn invalid_value(
        &mut self,
        name: &str,
        shown: &Bound<'py, PyString>,
        valid: String,
    ) -> PyResult<()> {
        let parts = [
            PyString::new(self.py, name).into_any(),
            shown.clone().into_any(),
            PyString::new(self.py, &valid).into_any(),
        ];
        self.push_formatted("Invalid value for parameter {}, value: {}, {}", &parts)
    }

    /// botocore's blob: `bytes`, `bytearray` or `str` (file-like objects are not taken).
    pub(super) fn blob(
        &mut self,
        member: &Member,
        value: &Bound<'py, PyAny>,
        at: &Path,
    ) -> PyResult<Option<Value>> {
        if let Ok(text) = value.cast::<PyString>() {
            // A secret (a seed) that is not UTF-8 must not be quoted by an
            // encoding error: its replacement characters fail as bad base32.
            if member.secret {
                return Ok(Some(Value::Bytes(
                    text.to_string_lossy().as_bytes().to_vec(),
                )));
            }
            return Ok(self.utf8(text).map(|text| Value::Bytes(text.into_bytes())));
        }
        if let Ok(bytes) = value.cast::<PyBytes>() {
            return Ok(Some(Value::Bytes(bytes.as_bytes().to_vec())));
        }
        match value.cast::<PyByteArray>() {
            Ok(bytes) => Ok(Some(Value::Bytes(bytes.to_vec()))),
            Err(_) => self.wrong_type(value, at, BLOB),
        }
    }

    /// An integer member (the SDK's `i32`). botocore checks only the minimum
    /// and sends `str(value)`: values the SDK cannot carry as they are (beyond
    /// 32 bits, `True`, an `int` subclass) go verbatim.
    pub(super) fn integer(
        &mut self,
        min: Option<i64>,
        max: Option<i64>,
        value: &Bound<'py, PyAny>,
        at: &Path,
    ) -> PyResult<Option<Value>> {
        // bool is an int to botocore too.
        let is_int = value.cast::<pyo3::types::PyInt>().is_ok();
        if !is_int && self.enabled() {
            return self.wrong_type(value, at, INT);
        }
        if self.enabled() {
            let number = value.extract::<i64>().ok();
            let below = match (min, number) {
                (None, _) => None,
                (Some(min), Some(number)) => (number < min).then_some(min),
                (Some(min), None) => value.lt(0)?.then_some(min),
            };
            let above = match (max, number) {
                (Some(max), Some(number)) if self.strict() => (number > max).then_some(max),
                (Some(max), None) if self.strict() => value.gt(0)?.then_some(max),
                _ => None,
            };
            let bound = match (below, above) {
                (Some(min), _) => Some(format!("valid min value: {min}")),
                (None, Some(max)) => Some(format!("valid max value: {max}")),
                _ => None,
            };
            if let Some(bound) = bound {
                let parts = [
                    PyString::new(self.py, &at.shown).into_any(),
                    value.clone(),
                    PyString::new(self.py, &bound).into_any(),
                ];
                self.push_formatted("Invalid value for parameter {}, value: {}, {}", &parts)?;
                return Ok(None);
            }
        }
        let exact = value.is_exact_instance_of::<pyo3::types::PyInt>();
        if let Some(number) = exact.then(|| value.extract::<i32>().ok()).flatten() {
            return Ok(Some(Value::Integer(number.into())));
        }
        // Validation off: a sequence would be repeated fields (or fail) in
        // botocore; it is left out.
        if !is_int && value.hasattr(pyo3::intern!(self.py, "__len__"))? {
            if let Ok(bytes) = value.cast::<PyBytes>() {
                return Ok(self.verbatim(at, bytes.as_bytes().to_vec(), Value::Integer(0)));
            }
            if value.cast::<PyString>().is_err() {
                return Ok(None);
            }
        }
        Ok(match self.str_of(value)? {
            Some(text) => self.verbatim(at, text.into_bytes(), Value::Integer(0)),
            None => None,
        })
    }

    /// botocore takes only `bool`; with validation off it sends any value's truth.
    pub(super) fn boolean(
        &mut self,
        value: &Bound<'py, PyAny>,
        at: &Path,
    ) -> PyResult<Option<Value>> {
        if let Ok(flag) = value.cast::<PyBool>() {
            return Ok(Some(Value::Boolean(flag.is_true())));
        }
        if self.enabled() {
            return self.wrong_type(value, at, BOOL);
        }
        Ok(Some(Value::Boolean(value.is_truthy()?)))
    }
}
