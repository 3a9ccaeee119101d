//! The model's string patterns, compiled once each.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// A compiled pattern: `regex` where it can (linear time), `fancy_regex` for
/// the few with lookaround (`AccountAlias`: no two hyphens in a row).
enum Compiled {
    Linear(regex::Regex),
    Backtracking(fancy_regex::Regex),
}

/// Whether all of `value` matches the model's `pattern` (a Java regex: `\w`
/// and `\d` are ASCII there).
pub fn full_match(pattern: &'static str, value: &str) -> bool {
    static COMPILED: OnceLock<Mutex<HashMap<&'static str, Option<Compiled>>>> = OnceLock::new();
    let mut compiled = COMPILED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let compiled = compiled.entry(pattern).or_insert_with(|| compile(pattern));
    match compiled {
        Some(Compiled::Linear(regex)) => regex.is_match(value),
        // Past its backtracking limit, the value is left to the server.
        Some(Compiled::Backtracking(regex)) => regex.is_match(value).unwrap_or(true),
        // A pattern neither engine compiles is left to the server.
        None => true,
    }
}

fn compile(pattern: &str) -> Option<Compiled> {
    // IAM's patterns use `\w` and `\d` inside brackets only.
    let ascii = pattern.replace(r"\w", "0-9A-Za-z_").replace(r"\d", "0-9");
    let anchored = format!("^(?:{ascii})$");
    match regex::Regex::new(&anchored) {
        Ok(regex) => Some(Compiled::Linear(regex)),
        Err(_) => fancy_regex::Regex::new(&anchored)
            .ok()
            .map(Compiled::Backtracking),
    }
}

#[cfg(test)]
mod tests {
    use super::full_match;

    #[test]
    fn lookaround_patterns_are_checked() {
        let alias = r"^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$";
        assert!(full_match(alias, "my-alias"));
        assert!(!full_match(alias, "a--b"));
        assert!(!full_match(alias, "00:"));
    }
}
