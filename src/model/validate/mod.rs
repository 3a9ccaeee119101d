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
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

mod scalars;

use super::members::{Kind, Member};
use super::values::{Args, Checked, Value};
use super::{form, keys};
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
        stand_ins: Vec::new(),
    };
    let at = Path::top();
    let mut args = match kwargs {
        Some(kwargs) => checker.structure(members, kwargs, &at)?,
        None => checker.structure(members, &PyDict::new(py), &at)?,
    };
    if !checker.report.is_empty() {
        let lines = checker
            .report
            .into_iter()
            .map(|line| line.written(py))
            .collect::<PyResult<Vec<_>>>()?;
        let mut report =
            PyString::new(py, "\n").call_method1("join", (PyList::new(py, lines)?,))?;
        // The latest first: an earlier stand-in may be inside a later one's name.
        for (stand_in, name) in checker.stand_ins.iter().rev() {
            report = report.call_method1("replace", (stand_in, name))?;
        }
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

/// A line of the report. Lines with the caller's values in them are written
/// once the whole input is walked, as botocore writes its report: a value whose
/// `__str__` raises does so then, after every other check (and every map key's
/// name) has run, so the exception that comes out is botocore's.
enum ReportLine<'py> {
    Text(String),
    /// `str.format` of the template with these parts, which shows each as
    /// botocore's f-strings do (`format(value, "")`).
    Formatted(&'static str, Bound<'py, PyTuple>),
}

impl<'py> ReportLine<'py> {
    fn written(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Self::Text(line) => Ok(PyString::new(py, &line).into_any()),
            Self::Formatted(template, parts) => {
                PyString::new(py, template).call_method1("format", parts)
            }
        }
    }
}

/// The report's lines become Python strings: a name or value the caller gave
/// can hold what Rust strings cannot (lone surrogates), and botocore shows it as is.
struct Checker<'py> {
    py: Python<'py>,
    validation: Validation,
    report: Vec<ReportLine<'py>>,
    /// The first value that cannot be encoded, raised if nothing is reported.
    unsendable: Option<PyErr>,
    verbatim: Vec<(String, Vec<u8>)>,
    /// Names with a map key that Rust text cannot hold (a lone surrogate):
    /// (the stand-in used in paths, the Python name it stands for).
    stand_ins: Vec<(String, Bound<'py, PyString>)>,
}

const DICT: &str = "<class 'dict'>";
const LIST: &str = "<class 'list'>, <class 'tuple'>";
const STR: &str = "<class 'str'>";
const INT: &str = "<class 'int'>";
const BOOL: &str = "<class 'bool'>";
const BLOB: &str = "<class 'bytes'>, <class 'bytearray'>, file-like object";

impl<'py> Checker<'py> {
    fn push(&mut self, line: String) {
        self.report.push(ReportLine::Text(line));
    }

    /// A line with the caller's names or values in it, written with the
    /// report (see [`ReportLine`]).
    fn push_formatted(
        &mut self,
        template: &'static str,
        parts: &[Bound<'py, PyAny>],
    ) -> PyResult<()> {
        let parts = PyTuple::new(self.py, parts)?;
        self.report.push(ReportLine::Formatted(template, parts));
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

    /// The value as botocore's urlencode sends it: a `str` (a subclass too,
    /// whatever its `__str__` says) as its text, anything else as `str(value)`.
    fn str_of(&mut self, value: &Bound<'py, PyAny>) -> PyResult<Option<String>> {
        match value.cast::<PyString>() {
            Ok(text) => Ok(self.utf8(text)),
            Err(_) => Ok(self.utf8(&value.str()?)),
        }
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
                let name = keys::key(self.py, member.name);
                let given = if exact {
                    params.contains(name)?
                } else {
                    params_any.contains(name)?
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
            Kind::List { item, min, max } => {
                let items = match value.cast::<PyList>() {
                    Ok(list) => list.to_tuple(),
                    Err(_) => match value.cast::<PyTuple>() {
                        Ok(tuple) => tuple.clone(),
                        Err(_) => return self.wrong_type(value, at, LIST),
                    },
                };
                if self.enabled() && items.len() < *min {
                    self.push(format!(
                        "Invalid length for parameter {}, value: {}, valid min length: {min}",
                        at.shown,
                        items.len()
                    ));
                }
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
            Kind::Union(members) => match value.cast::<PyDict>() {
                Ok(dict) => {
                    self.one_member_set(members, dict, at)?;
                    Ok(Some(Value::Structure(self.structure(members, dict, at)?)))
                }
                Err(_) => self.wrong_type(value, at, DICT),
            },
            Kind::Map { key, value: item } => match value.cast::<PyDict>() {
                Ok(dict) => self.map(member, key, item, dict, at),
                Err(_) => self.wrong_type(value, at, DICT),
            },
        }
    }

    /// A tagged union has exactly one key (botocore counts the dict's keys,
    /// unknown ones too, before it checks them).
    fn one_member_set(
        &mut self,
        members: &[Member],
        dict: &Bound<'py, PyDict>,
        at: &Path,
    ) -> PyResult<()> {
        if !self.enabled() || dict.len() == 1 {
            return Ok(());
        }
        let shown = if at.shown.is_empty() {
            "input"
        } else {
            &at.shown
        };
        let names: Vec<&str> = members.iter().map(|m| m.name).collect();
        let names = names.join(", ");
        self.push(if dict.is_empty() {
            // botocore's text, without a space between "union" and "structure".
            format!(
                "Must set one of the following keys for tagged unionstructure {shown}: {names}."
            )
        } else {
            format!(
                "Invalid number of parameters set for tagged union structure {shown}. \
                 Can only set one of the following keys: {names}."
            )
        });
        Ok(())
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
            let entry = format!("{}.entry.{}", at.form, index + 1);
            let key_at = Path {
                shown: self.entry_name("{} (key: {})", &at.shown, &key)?,
                form: format!("{entry}.key"),
            };
            let value_at = Path {
                shown: self.entry_name("{}.{}", &at.shown, &key)?,
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

    /// A map entry's name in the report (`template` of the map's name and the
    /// key, formatted as botocore's f-string does). A name Rust text cannot hold
    /// gets a stand-in, put back as the Python text when the report is made.
    fn entry_name(
        &mut self,
        template: &str,
        map: &str,
        key: &Bound<'py, PyAny>,
    ) -> PyResult<String> {
        let name = PyString::new(self.py, template).call_method1("format", (map, key))?;
        let name = name.cast_into::<PyString>()?;
        if let Ok(text) = name.to_cow() {
            return Ok(text.into_owned());
        }
        // Noncharacters around a counter: never in a caller's names.
        let stand_in = format!("\u{10FFFE}{}\u{10FFFF}", self.stand_ins.len());
        self.stand_ins.push((stand_in.clone(), name));
        Ok(stand_in)
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
