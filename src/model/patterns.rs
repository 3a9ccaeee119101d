//! The model's string patterns, compiled once each.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use regex::Regex;

/// Whether all of `value` matches the model's `pattern` (a Java regex: `\w`
/// and `\d` are ASCII there).
pub fn full_match(pattern: &'static str, value: &str) -> bool {
    static COMPILED: OnceLock<Mutex<HashMap<&'static str, Option<Regex>>>> = OnceLock::new();
    let mut compiled = COMPILED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let regex = compiled.entry(pattern).or_insert_with(|| {
        // IAM's patterns use `\w` and `\d` inside brackets only.
        let ascii = pattern.replace(r"\w", "0-9A-Za-z_").replace(r"\d", "0-9");
        Regex::new(&format!("^(?:{ascii})$")).ok()
    });
    // A pattern the engine cannot compile is left to the server.
    regex.as_ref().is_none_or(|regex| regex.is_match(value))
}
