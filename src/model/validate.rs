//! Client-side parameter validation with botocore's exact rules and messages.
//!
//! botocore checks required members, unknown members, types and minimum
//! lengths/values, and nothing else (maximum lengths and patterns are the
//! server's business). Each structure reports its missing members in model
//! order, then its unknown names in call order, then walks its known members in
//! call order. `Config(parameter_validation="strict")`, a fastiam extra, also
//! checks maximums, patterns and enums, so automation fails before it spends
//! API calls.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};

use super::form;
use super::members::{Kind, Member, Text};
use super::patterns::full_match;
use super::values::{Args, Checked, Value};
use crate::exceptions;

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

/// Checks `kwargs` against the input structure `members`.
///
/// With [`Validation::Off`] nothing is rejected: unknown names and values the
/// SDK cannot carry are dropped, and other values go as botocore's serializer
/// sends them (`str(value)`, a `bytes` value's own bytes).
pub fn check<'py>(
    py: Python<'py>,
    members: &'static [Member],
    kwargs: Option<&Bound<'py, PyDict>>,
    validation: Validation,
) -> PyResult<Checked> {
    let mut checker = Checker {
        py,
        validation,
        report: Vec::new(),
        unsendable: None,
        verbatim: Vec::new(),
    };
    let at = Path::top();
    let mut args = match kwargs {
        Some(kwargs) => checker.structure(members, kwargs, &at)?,
        None => checker.structure(members, &PyDict::new(py), &at)?,
    };
    if !checker.report.is_empty() {
        let report =
            PyString::new(py, "\n").call_method1("join", (PyList::new(py, checker.report)?,))?;
        return Err(exceptions::param_validation(py, report));
    }
    // botocore encodes the body after validating it: text that is not UTF-8
    // fails there, when nothing else did.
    if let Some(error) = checker.unsendable {
        return Err(error);
    }
    let mut verbatim = checker.verbatim;
    form::write_members(members, &mut args.0, &mut verbatim);
    Ok(Checked { args, verbatim })
}

/// Where a value is: its name in botocore's messages (`Tags[0].Key`) and its
/// key in the Query form (`Tags.member.1.Key`).
struct Path {
    shown: String,
    form: String,
}

impl Path {
    fn top() -> Self {
        Self {
            shown: String::new(),
            form: String::new(),
        }
    }

    fn member(&self, name: &str) -> Self {
        if self.shown.is_empty() {
            return Self {
                shown: name.to_owned(),
                form: name.to_owned(),
            };
        }
        Self {
            shown: format!("{}.{name}", self.shown),
            form: format!("{}.{name}", self.form),
        }
    }

    /// Item `index` of a list, the `sent`-th (from 1) the form will hold.
    fn item(&self, index: usize, sent: usize) -> Self {
        Self {
            shown: format!("{}[{index}]", self.shown),
            form: format!("{}.member.{sent}", self.form),
        }
    }
}

/// The report's lines are Python strings: a name or value the caller gave can
/// hold what Rust strings cannot (lone surrogates), and botocore shows it as is.
struct Checker<'py> {
    py: Python<'py>,
    validation: Validation,
    report: Vec<Bound<'py, PyAny>>,
    /// The first value that cannot be encoded, raised if nothing is reported.
    unsendable: Option<PyErr>,
    verbatim: Vec<(String, Vec<u8>)>,
}

const DICT: &str = "<class 'dict'>";
const LIST: &str = "<class 'list'>, <class 'tuple'>";
const STR: &str = "<class 'str'>";
const INT: &str = "<class 'int'>";
const BOOL: &str = "<class 'bool'>";
const BLOB: &str = "<class 'bytes'>, <class 'bytearray'>, file-like object";

impl<'py> Checker<'py> {
    fn push(&mut self, line: String) {
        self.report.push(PyString::new(self.py, &line).into_any());
    }

    /// A line with the caller's names or values in it, formatted by Python's
    /// `str.format`, which shows each as botocore's f-strings do (`format(value, "")`).
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

    /// `text` as UTF-8; otherwise the error is kept for later (see [`check`]).
    fn utf8(&mut self, text: &Bound<'py, PyString>) -> Option<String> {
        match text.to_cow() {
            Ok(text) => Some(text.into_owned()),
            Err(error) => {
                self.unsendable.get_or_insert(error);
                None
            }
        }
    }

    /// Sends `bytes` as they are at `at`; the SDK gets `stand_in`.
    fn verbatim(&mut self, at: &Path, bytes: Vec<u8>, stand_in: Value) -> Option<Value> {
        self.verbatim.push((at.form.clone(), bytes));
        Some(stand_in)
    }

    /// `str(value)`, as botocore's urlencode sends a value that is neither
    /// text nor bytes.
    fn str_of(&mut self, value: &Bound<'py, PyAny>) -> PyResult<Option<String>> {
        Ok(self.utf8(&value.str()?))
    }

    fn structure(
        &mut self,
        members: &'static [Member],
        params: &Bound<'py, PyDict>,
        at: &Path,
    ) -> PyResult<Args> {
        let shown = if at.shown.is_empty() {
            "input"
        } else {
            &at.shown
        };
        let mut args = Args(vec![None; members.len()]);
        // botocore uses the mapping's own `in`, iteration and `[]`: a dict
        // subclass (an OrderedDict moved around) reports in its own order.
        let exact = params.is_exact_instance_of::<PyDict>();
        let params_any = params.as_any();
        if self.enabled() {
            for member in members.iter().filter(|m| m.required) {
                let given = if exact {
                    params.contains(member.name)?
                } else {
                    params_any.contains(member.name)?
                };
                if !given {
                    self.push(format!(
                        "Missing required parameter in {shown}: \"{}\"",
                        member.name
                    ));
                }
            }
        }
        let items: Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)> = if exact {
            params.iter().collect()
        } else {
            params_any
                .try_iter()?
                .map(|key| {
                    let key = key?;
                    let value = params_any.get_item(&key)?;
                    Ok((key, value))
                })
                .collect::<PyResult<_>>()?
        };
        let mut known = Vec::new();
        for (key, value) in items {
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
                        key,
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
            args.0[index] = self.value(member, &member.kind, &value, &at.member(member.name))?;
        }
        Ok(args)
    }

    fn value(
        &mut self,
        member: &Member,
        kind: &'static Kind,
        value: &Bound<'py, PyAny>,
        at: &Path,
    ) -> PyResult<Option<Value>> {
        match kind {
            Kind::Text(text) => self.text(member, text, value, at),
            Kind::Integer { min, max } => self.integer(*min, *max, value, at),
            Kind::Boolean => self.boolean(value, at),
            Kind::Blob => self.blob(member, value, at),
            Kind::List { item, max } => {
                let items = match value.cast::<PyList>() {
                    Ok(list) => list.to_tuple(),
                    Err(_) => match value.cast::<PyTuple>() {
                        Ok(tuple) => tuple.clone(),
                        Err(_) => return self.wrong_type(value, at, LIST),
                    },
                };
                if self.strict() && items.len() > *max {
                    self.push(format!(
                        "Invalid length for parameter {}, value: {}, valid max length: {max}",
                        at.shown,
                        items.len()
                    ));
                }
                let mut values = Vec::with_capacity(items.len());
                for (index, item_value) in items.iter().enumerate() {
                    let item_at = at.item(index, values.len() + 1);
                    if let Some(value) = self.value(member, item, &item_value, &item_at)? {
                        values.push(value);
                    }
                }
                Ok(Some(Value::List(values)))
            }
            Kind::Structure(members) => match value.cast::<PyDict>() {
                Ok(dict) => Ok(Some(Value::Structure(self.structure(members, dict, at)?))),
                Err(_) => self.wrong_type(value, at, DICT),
            },
            Kind::Map { key, value: item } => match value.cast::<PyDict>() {
                Ok(dict) => self.map(member, key, item, dict, at),
                Err(_) => self.wrong_type(value, at, DICT),
            },
        }
    }

    /// botocore checks each key at `Name (key: k)` and each value at `Name.k`.
    fn map(
        &mut self,
        member: &Member,
        key_kind: &'static Kind,
        value_kind: &'static Kind,
        dict: &Bound<'py, PyDict>,
        at: &Path,
    ) -> PyResult<Option<Value>> {
        let mut entries = Vec::with_capacity(dict.len());
        for (index, (key, value)) in dict.iter().enumerate() {
            let shown = |template: &str| -> PyResult<String> {
                let name =
                    PyString::new(self.py, template).call_method1("format", (&at.shown, &key))?;
                Ok(name.cast::<PyString>()?.to_string_lossy().into_owned())
            };
            let entry = format!("{}.entry.{}", at.form, index + 1);
            let key_at = Path {
                shown: shown("{} (key: {})")?,
                form: format!("{entry}.key"),
            };
            let value_at = Path {
                shown: shown("{}.{}")?,
                form: format!("{entry}.value"),
            };
            let key = self.value(member, key_kind, &key, &key_at)?;
            let value = self.value(member, value_kind, &value, &value_at)?;
            if let (Some(key), Some(value)) = (key, value) {
                entries.push((key, value));
            }
        }
        Ok(Some(Value::Map(entries)))
    }

    fn text(
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
    fn blob(
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
    fn integer(
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
    fn boolean(&mut self, value: &Bound<'py, PyAny>, at: &Path) -> PyResult<Option<Value>> {
        if let Ok(flag) = value.cast::<PyBool>() {
            return Ok(Some(Value::Boolean(flag.is_true())));
        }
        if self.enabled() {
            return self.wrong_type(value, at, BOOL);
        }
        Ok(Some(Value::Boolean(value.is_truthy()?)))
    }

    fn wrong_type(
        &mut self,
        value: &Bound<'py, PyAny>,
        at: &Path,
        valid: &str,
    ) -> PyResult<Option<Value>> {
        if self.enabled() {
            let parts = [
                PyString::new(self.py, &at.shown).into_any(),
                value.clone(),
                value.get_type().into_any(),
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
