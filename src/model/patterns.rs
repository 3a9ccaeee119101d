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
    let anchored = format!("^(?:{})$", ascii_classes(pattern));
    match regex::Regex::new(&anchored) {
        Ok(regex) => Some(Compiled::Linear(regex)),
        Err(_) => fancy_regex::Regex::new(&anchored)
            .ok()
            .map(Compiled::Backtracking),
    }
}

/// `pattern` with Java's ASCII `\d` and `\w` spelled out: `[0-9]` outside a
/// bracket expression, `0-9` inside one (`regex`'s are Unicode).
fn ascii_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut in_class = false;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(class @ ('d' | 'w')) => {
                    let range = if class == 'd' { "0-9" } else { "0-9A-Za-z_" };
                    if in_class {
                        out.push_str(range);
                    } else {
                        out.push_str(&format!("[{range}]"));
                    }
                }
                Some(escaped) => {
                    out.push('\\');
                    out.push(escaped);
                }
                None => out.push('\\'),
            },
            '[' => {
                in_class = true;
                out.push(c);
            }
            ']' => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::full_match;

    #[test]
    fn ascii_classes_inside_and_outside_brackets() {
        assert!(full_match(r"\d{12}", "123456789012"));
        assert!(!full_match(r"\d{12}", "12345678901"));
        assert!(full_match(r"[\w+=,.@-]+", "a+b=c"));
        assert!(!full_match(r"[\w+=,.@-]+", "é"));
        assert!(!full_match(r"\w+", "é"));
    }

    #[test]
    fn lookaround_patterns_are_checked() {
        let alias = r"^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$";
        assert!(full_match(alias, "my-alias"));
        assert!(!full_match(alias, "a--b"));
        assert!(!full_match(alias, "00:"));
    }
}
