//! Client-side parameter validation with botocore's exact rules and messages.
//!
//! botocore checks required members, unknown members, types and minimum
//! lengths/values, and nothing else (maximum lengths and patterns are the
//! server's business). Each structure reports its missing members in model
//! order, then its unknown names in call order, then walks its known members in
//! call order. `Config(parameter_validation="strict")`, a fastiam extra, also
//! checks maximums, patterns and enums, so automation fails before it spends
//! API calls.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};
use regex::Regex;

use crate::errors;

/// How much checking `Config(parameter_validation=...)` asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validation {
    /// `False`: nothing is rejected (botocore sends what it can serialize).
    Off,
    /// `True`, the default: botocore's checks.
    Botocore,
    /// `"strict"`: botocore's checks plus the model's maximums and patterns.
    Strict,
}

/// A string member's constraints from the service model.
#[derive(Clone, Copy)]
pub struct Text {
    pub min: usize,
    pub max: Option<usize>,
    pub pattern: Option<&'static str>,
    pub values: &'static [&'static str],
}

impl Text {
    pub const fn new(min: usize) -> Self {
        Self {
            min,
            max: None,
            pattern: None,
            values: &[],
        }
    }

    pub const fn max(self, max: usize) -> Self {
        Self {
            max: Some(max),
            ..self
        }
    }

    pub const fn pattern(self, pattern: &'static str) -> Self {
        Self {
            pattern: Some(pattern),
            ..self
        }
    }

    pub const fn one_of(self, values: &'static [&'static str]) -> Self {
        Self { values, ..self }
    }
}

/// The type of an input member, with its constraints.
#[derive(Clone, Copy)]
pub enum Kind {
    Text(Text),
    Integer {
        min: i64,
        max: i64,
    },
    /// `bytes`, `bytearray` or `str` (botocore's blob; file-like objects are not taken).
    Blob,
    List {
        item: &'static Kind,
        max: usize,
    },
    Structure(&'static [Member]),
}

/// One member of an input structure.
pub struct Member {
    pub name: &'static str,
    pub required: bool,
    pub kind: Kind,
    /// Never shown in an error message (authentication codes, seeds).
    pub secret: bool,
}

impl Member {
    pub const fn new(name: &'static str, kind: Kind) -> Self {
        Self {
            name,
            required: false,
            kind,
            secret: false,
        }
    }

    pub const fn text(name: &'static str, text: Text) -> Self {
        Self::new(name, Kind::Text(text))
    }

    pub const fn required(self) -> Self {
        Self {
            required: true,
            ..self
        }
    }

    pub const fn secret(self) -> Self {
        Self {
            secret: true,
            ..self
        }
    }
}

/// A validated value.
#[derive(Clone, Debug)]
pub enum Value {
    Text(String),
    Integer(i64),
    Bytes(Vec<u8>),
    List(Vec<Value>),
    Structure(Args),
}

/// The members of one structure, in model order (`None`: not given).
#[derive(Clone, Debug, Default)]
pub struct Args(pub Vec<Option<Value>>);

impl Args {
    /// The string member at `index` (model order).
    pub fn text(&mut self, index: usize) -> Option<String> {
        match self.0.get_mut(index)?.take()? {
            Value::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The integer member at `index`, in the SDK's `i32` (validation keeps it in range).
    pub fn integer(&mut self, index: usize) -> Option<i32> {
        match self.0.get_mut(index)?.take()? {
            Value::Integer(number) => i32::try_from(number).ok(),
            _ => None,
        }
    }

    /// The blob member at `index`.
    pub fn bytes(&mut self, index: usize) -> Option<Vec<u8>> {
        match self.0.get_mut(index)?.take()? {
            Value::Bytes(bytes) => Some(bytes),
            _ => None,
        }
    }

    /// The list member at `index`.
    pub fn list(&mut self, index: usize) -> Option<Vec<Value>> {
        match self.0.get_mut(index)?.take()? {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    /// The values of the members marked secret, to be kept out of error texts.
    pub fn secrets(&self, members: &[Member]) -> Vec<String> {
        members
            .iter()
            .zip(&self.0)
            .filter(|(member, _)| member.secret)
            .filter_map(|(_, value)| match value {
                Some(Value::Text(text)) => Some(text.clone()),
                Some(Value::Bytes(bytes)) => Some(String::from_utf8_lossy(bytes).into_owned()),
                _ => None,
            })
            .collect()
    }
}

impl Value {
    pub fn into_text(self) -> Option<String> {
        match self {
            Value::Text(text) => Some(text),
            _ => None,
        }
    }

    pub fn into_structure(self) -> Option<Args> {
        match self {
            Value::Structure(args) => Some(args),
            _ => None,
        }
    }
}

/// Checks `kwargs` against the input structure `members`.
///
/// With [`Validation::Off`] nothing is rejected: unknown names and values the
/// SDK cannot carry are dropped, and non-string values of string members are
/// sent as `str(value)`, as botocore's serializer does.
pub fn check<'py>(
    py: Python<'py>,
    members: &'static [Member],
    kwargs: Option<&Bound<'py, PyDict>>,
    validation: Validation,
) -> PyResult<Args> {
    let mut checker = Checker {
        py,
        validation,
        report: Vec::new(),
    };
    let args = match kwargs {
        Some(kwargs) => checker.structure(members, kwargs, "")?,
        None => checker.structure(members, &PyDict::new(py), "")?,
    };
    if checker.report.is_empty() {
        return Ok(args);
    }
    let report =
        PyString::new(py, "\n").call_method1("join", (PyList::new(py, checker.report)?,))?;
    Err(errors::param_validation_error_from(py, report))
}

/// The report's lines are Python strings: a name or value the caller gave can
/// hold what Rust strings cannot (lone surrogates), and botocore shows it as is.
struct Checker<'py> {
    py: Python<'py>,
    validation: Validation,
    report: Vec<Bound<'py, PyAny>>,
}

const DICT: &str = "<class 'dict'>";
const LIST: &str = "<class 'list'>, <class 'tuple'>";
const STR: &str = "<class 'str'>";
const INT: &str = "<class 'int'>";
const BLOB: &str = "<class 'bytes'>, <class 'bytearray'>, file-like object";

impl<'py> Checker<'py> {
    fn push(&mut self, line: String) {
        self.report.push(PyString::new(self.py, &line).into_any());
    }

    /// A line with caller-given text in it, formatted by Python.
    fn push_formatted(&mut self, template: &str, parts: &[Bound<'py, PyAny>]) -> PyResult<()> {
        let line = PyString::new(self.py, template)
            .call_method1("format", PyTuple::new(self.py, parts)?)?;
        self.report.push(line);
        Ok(())
    }

    fn enabled(&self) -> bool {
        self.validation != Validation::Off
    }

    fn strict(&self) -> bool {
        self.validation == Validation::Strict
    }

    fn structure(
        &mut self,
        members: &'static [Member],
        params: &Bound<'py, PyDict>,
        name: &str,
    ) -> PyResult<Args> {
        let shown = if name.is_empty() { "input" } else { name };
        let mut args = Args(vec![None; members.len()]);
        if self.enabled() {
            for member in members.iter().filter(|m| m.required) {
                if !params.contains(member.name)? {
                    self.push(format!(
                        "Missing required parameter in {shown}: \"{}\"",
                        member.name
                    ));
                }
            }
        }
        let mut known = Vec::new();
        for (key, value) in params.iter() {
            // A name that is not valid UTF-8 (a lone surrogate) is no member's.
            let index = match key.cast::<PyString>().map(|text| text.to_cow()) {
                Ok(Ok(text)) => members.iter().position(|m| m.name == text),
                _ => None,
            };
            match index {
                Some(index) => known.push((index, value)),
                None if self.enabled() => {
                    let names: Vec<&str> = members.iter().map(|m| m.name).collect();
                    let parts = [
                        PyString::new(self.py, shown).into_any(),
                        key.str()?.into_any(),
                        PyString::new(self.py, &names.join(", ")).into_any(),
                    ];
                    self.push_formatted(
                        "Unknown parameter in {}: \"{}\", must be one of: {}",
                        &parts,
                    )?;
                }
                None => {}
            }
        }
        for (index, value) in known {
            let member = &members[index];
            let path = if name.is_empty() {
                member.name.to_owned()
            } else {
                format!("{name}.{}", member.name)
            };
            args.0[index] = self.value(member, &member.kind, &value, &path)?;
        }
        Ok(args)
    }

    fn value(
        &mut self,
        member: &Member,
        kind: &'static Kind,
        value: &Bound<'py, PyAny>,
        name: &str,
    ) -> PyResult<Option<Value>> {
        match kind {
            Kind::Text(text) => self.text(member, text, value, name),
            Kind::Integer { min, max } => self.integer(*min, *max, value, name),
            Kind::Blob => {
                if let Ok(text) = value.cast::<PyString>() {
                    return Ok(Some(Value::Bytes(text.to_cow()?.as_bytes().to_vec())));
                }
                if let Ok(bytes) = value.cast::<PyBytes>() {
                    return Ok(Some(Value::Bytes(bytes.as_bytes().to_vec())));
                }
                match value.cast::<PyByteArray>() {
                    Ok(bytes) => Ok(Some(Value::Bytes(bytes.to_vec()))),
                    Err(_) => self.wrong_type(value, name, BLOB),
                }
            }
            Kind::List { item, max } => {
                let items = match value.cast::<PyList>() {
                    Ok(list) => list.to_tuple(),
                    Err(_) => match value.cast::<PyTuple>() {
                        Ok(tuple) => tuple.clone(),
                        Err(_) => return self.wrong_type(value, name, LIST),
                    },
                };
                if self.strict() && items.len() > *max {
                    self.push(format!(
                        "Invalid length for parameter {name}, value: {}, valid max length: {max}",
                        items.len()
                    ));
                }
                let mut values = Vec::with_capacity(items.len());
                for (index, item_value) in items.iter().enumerate() {
                    let path = format!("{name}[{index}]");
                    if let Some(value) = self.value(member, item, &item_value, &path)? {
                        values.push(value);
                    }
                }
                Ok(Some(Value::List(values)))
            }
            Kind::Structure(members) => match value.cast::<PyDict>() {
                Ok(dict) => Ok(Some(Value::Structure(self.structure(members, dict, name)?))),
                Err(_) => self.wrong_type(value, name, DICT),
            },
        }
    }

    fn text(
        &mut self,
        member: &Member,
        text: &Text,
        value: &Bound<'py, PyAny>,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let Ok(string) = value.cast::<PyString>() else {
            if !self.enabled() {
                return Ok(Some(Value::Text(value.str()?.to_cow()?.into_owned())));
            }
            return self.wrong_type(value, name, STR);
        };
        let owned = string.to_cow()?.into_owned();
        if !self.enabled() {
            return Ok(Some(Value::Text(owned)));
        }
        let length = string.len()?;
        if length < text.min {
            self.push(format!(
                "Invalid length for parameter {name}, value: {length}, valid min length: {}",
                text.min
            ));
        }
        if self.strict() {
            self.strict_text(member, text, &owned, length, name);
        }
        Ok(Some(Value::Text(owned)))
    }

    fn strict_text(
        &mut self,
        member: &Member,
        text: &Text,
        value: &str,
        length: usize,
        name: &str,
    ) {
        let shown = if member.secret { "<hidden>" } else { value };
        if let Some(max) = text.max {
            if length > max {
                self.push(format!(
                    "Invalid length for parameter {name}, value: {length}, valid max length: {max}"
                ));
            }
        }
        if let Some(pattern) = text.pattern {
            if length >= text.min && !full_match(pattern, value) {
                self.push(format!(
                    "Invalid value for parameter {name}, value: {shown}, valid pattern: {pattern}"
                ));
            }
        }
        if !text.values.is_empty() && !text.values.contains(&value) {
            self.push(format!(
                "Invalid value for parameter {name}, value: {shown}, valid values: {}",
                text.values.join(", ")
            ));
        }
    }

    fn integer(
        &mut self,
        min: i64,
        max: i64,
        value: &Bound<'py, PyAny>,
        name: &str,
    ) -> PyResult<Option<Value>> {
        // bool is an int to botocore too.
        if value.cast::<pyo3::types::PyInt>().is_err() {
            if !self.enabled() {
                return Ok(value.extract::<i64>().ok().map(Value::Integer));
            }
            return self.wrong_type(value, name, INT);
        }
        // Beyond i64 the SDK (an i32) cannot carry it in any mode: report it as
        // out of range rather than send something else.
        let number = value.extract::<i64>().ok();
        let below = match number {
            Some(number) => number < min,
            None => value.lt(0)?,
        };
        let above = match number {
            Some(number) => number > max && (self.strict() || i32::try_from(number).is_err()),
            None => !below,
        };
        if !self.enabled() {
            return Ok(number
                .filter(|n| i32::try_from(*n).is_ok())
                .map(Value::Integer));
        }
        if below {
            self.push(format!(
                "Invalid value for parameter {name}, value: {}, valid min value: {min}",
                value.str()?
            ));
        } else if above {
            self.push(format!(
                "Invalid value for parameter {name}, value: {}, valid max value: {max}",
                value.str()?
            ));
        }
        Ok(number.map(Value::Integer))
    }

    fn wrong_type(
        &mut self,
        value: &Bound<'py, PyAny>,
        name: &str,
        valid: &str,
    ) -> PyResult<Option<Value>> {
        if self.enabled() {
            let parts = [
                PyString::new(self.py, name).into_any(),
                value.str()?.into_any(),
                value.get_type().repr()?.into_any(),
                PyString::new(self.py, valid).into_any(),
            ];
            self.push_formatted(
                "Invalid type for parameter {}, value: {}, type: {}, valid types: {}",
                &parts,
            )?;
        }
        Ok(None)
    }
}

/// Whether all of `value` matches the model's `pattern` (a Java regex: `\w` is ASCII there).
fn full_match(pattern: &'static str, value: &str) -> bool {
    static COMPILED: OnceLock<Mutex<HashMap<&'static str, Option<Regex>>>> = OnceLock::new();
    let mut compiled = COMPILED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let regex = compiled.entry(pattern).or_insert_with(|| {
        let ascii_words = pattern.replace(r"\w", "0-9A-Za-z_");
        Regex::new(&format!("^(?:{ascii_words})$")).ok()
    });
    // A pattern the engine cannot compile is left to the server.
    regex.as_ref().is_none_or(|regex| regex.is_match(value))
}
