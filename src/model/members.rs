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
    /// The model's bounds; botocore checks only the minimum, "strict" both.
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    /// `True` or `False` (sent as `true` / `false`).
    Boolean,
    /// `bytes`, `bytearray` or `str` (botocore's blob; file-like objects are not taken).
    Blob,
    /// botocore checks the minimum length, "strict" also the maximum.
    List {
        item: &'static Kind,
        min: usize,
        max: usize,
    },
    Structure(&'static [Member]),
    /// A tagged union: a structure of which exactly one member is set.
    Union(&'static [Member]),
    /// A dict (the form's `.entry.N.key` / `.entry.N.value`).
    Map {
        key: &'static Kind,
        value: &'static Kind,
    },
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
                item: Kind::Structure(_) | Kind::Union(_),
                ..
            } => "structures",
            Kind::List { .. } => "strings",
            Kind::Structure(_) | Kind::Union(_) => "structure",
            Kind::Map { .. } => "map",
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
    /// Sent by fastiam's form writer (`model::form`), not through the SDK's
    /// typed input: members the locked SDK lacks, and nested inputs its
    /// builders would need hand-written conversions for.
    pub form_only: bool,
}

impl Member {
    pub const fn new(name: &'static str, kind: Kind) -> Self {
        Self {
            name,
            required: false,
            kind,
            secret: false,
            form_only: false,
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

    pub const fn form_only(self) -> Self {
        Self {
            form_only: true,
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
