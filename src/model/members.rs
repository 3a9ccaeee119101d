//! Input members as the service model describes them: name, kind (with its
//! constraints), required or not, secret or not.

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
    /// `True` or `False` (sent as `true` / `false`).
    Boolean,
    /// `bytes`, `bytearray` or `str` (botocore's blob; file-like objects are not taken).
    Blob,
    List {
        item: &'static Kind,
        max: usize,
    },
    Structure(&'static [Member]),
}

impl Kind {
    /// The kind's name in `_native.INPUT_MEMBERS`.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Text(_) => "string",
            Kind::Integer { .. } => "integer",
            Kind::Boolean => "boolean",
            Kind::Blob => "blob",
            Kind::List {
                item: Kind::Structure(_),
                ..
            } => "structures",
            Kind::List { .. } => "strings",
            Kind::Structure(_) => "structure",
        }
    }
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
