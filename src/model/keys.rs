//! The model's member names and boto3's metadata names as Python strings, each
//! made (interned) once per process instead of once per use: the keys of
//! result dicts (a page of 1,000 users has 6,000 of them) and the names
//! validation looks up in the caller's keyword arguments.

use std::collections::BTreeMap;
use std::sync::Mutex;

use pyo3::prelude::*;
use pyo3::types::PyString;

/// By the address of the `'static` name: the specs' names are fixed strings,
/// so the lookup never hashes or compares text.
static KEYS: Mutex<BTreeMap<usize, Py<PyString>>> = Mutex::new(BTreeMap::new());

/// `name` as an interned Python string.
pub fn key<'py>(py: Python<'py>, name: &'static str) -> Bound<'py, PyString> {
    let mut keys = KEYS.lock().unwrap_or_else(|p| p.into_inner());
    keys.entry(name.as_ptr() as usize)
        .or_insert_with(|| PyString::intern(py, name).unbind())
        .bind(py)
        .clone()
}

/// A `ResponseMetadata` child's name: the usual ones from the cache, any other made anew.
pub fn metadata_key<'py>(py: Python<'py>, name: &str) -> Bound<'py, PyString> {
    known_or_new(py, name, &["RequestId", "HostId"])
}

/// A response header's (lower-case) name: the ones IAM always sends from the
/// cache, any other made anew.
pub fn header_key<'py>(py: Python<'py>, name: &str) -> Bound<'py, PyString> {
    const SENT_BY_IAM: &[&str] = &[
        "x-amzn-requestid",
        "content-type",
        "content-length",
        "date",
        "server",
        "connection",
        "vary",
    ];
    known_or_new(py, name, SENT_BY_IAM)
}

fn known_or_new<'py>(py: Python<'py>, name: &str, known: &[&'static str]) -> Bound<'py, PyString> {
    match known.iter().find(|known| **known == name) {
        Some(known) => key(py, known),
        None => PyString::new(py, name),
    }
}
