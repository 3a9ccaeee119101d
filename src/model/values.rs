//! Validated input values, in model order, as operations take them.

use super::members::Member;

/// A validated value.
#[derive(Clone, Debug)]
pub enum Value {
    Text(String),
    Integer(i64),
    Boolean(bool),
    Bytes(Vec<u8>),
    List(Vec<Value>),
    Structure(Args),
    /// A dict's entries, in the caller's order.
    Map(Vec<(Value, Value)>),
}

/// The members of one structure, in model order (`None`: not given).
#[derive(Clone, Debug, Default)]
pub struct Args(pub Vec<Option<Value>>);

/// What validation hands to an operation: its arguments, and the values the
/// SDK's typed input cannot carry, to be put in the form as botocore puts them
/// (see `transport/verbatim.rs`); their arguments hold stand-ins.
#[derive(Debug, Default)]
pub struct Checked {
    pub args: Args,
    pub verbatim: Vec<(String, Vec<u8>)>,
}

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

    /// The boolean member at `index`.
    pub fn boolean(&mut self, index: usize) -> Option<bool> {
        match self.0.get_mut(index)?.take()? {
            Value::Boolean(flag) => Some(flag),
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
