//! Validated values written as Query form fields, as botocore's query
//! serializer writes them: `Name.member.N` for lists (an empty list is
//! `Name=`), `Name.Member` for structures, `Name.entry.N.key` / `.value` for
//! maps, booleans as `true` / `false`, blobs in base64. Used for the members
//! the SDK's typed input does not carry (see [`Member::form_only`]).

use super::members::{Kind, Member};
use super::values::Value;

/// Form key -> the value's bytes, before percent-encoding.
pub type Fields = Vec<(String, Vec<u8>)>;

/// Appends the fields of `value` (of `kind`) at `key`. A key already in
/// `fields` (a value validation keeps verbatim) is left as it is there.
pub fn write(kind: &Kind, value: Value, key: &str, fields: &mut Fields) {
    match (kind, value) {
        (Kind::List { item, .. }, Value::List(items)) => {
            if items.is_empty() {
                put(fields, key.to_owned(), Vec::new());
            }
            for (index, value) in items.into_iter().enumerate() {
                write(item, value, &format!("{key}.member.{}", index + 1), fields);
            }
        }
        (Kind::Structure(members) | Kind::Union(members), Value::Structure(args)) => {
            for (member, value) in members.iter().zip(args.0) {
                if let Some(value) = value {
                    write(
                        &member.kind,
                        value,
                        &format!("{key}.{}", member.name),
                        fields,
                    );
                }
            }
        }
        (
            Kind::Map {
                key: key_kind,
                value: value_kind,
            },
            Value::Map(entries),
        ) => {
            for (index, (entry_key, entry_value)) in entries.into_iter().enumerate() {
                let entry = format!("{key}.entry.{}", index + 1);
                write(key_kind, entry_key, &format!("{entry}.key"), fields);
                write(value_kind, entry_value, &format!("{entry}.value"), fields);
            }
        }
        (_, Value::Text(text)) => put(fields, key.to_owned(), text.into_bytes()),
        (_, Value::Integer(number)) => put(fields, key.to_owned(), number.to_string().into_bytes()),
        (_, Value::Boolean(flag)) => put(fields, key.to_owned(), flag.to_string().into_bytes()),
        (_, Value::Bytes(bytes)) => {
            let encoded = aws_smithy_types::base64::encode(bytes);
            put(fields, key.to_owned(), encoded.into_bytes());
        }
        // A value of another kind than its member's is never validated in.
        _ => {}
    }
}

/// Writes the `form_only` members among `members` (top level) from `args`.
pub fn write_members(members: &[Member], args: &mut [Option<Value>], fields: &mut Fields) {
    for (member, value) in members.iter().zip(args.iter_mut()) {
        if member.form_only {
            if let Some(value) = value.take() {
                write(&member.kind, value, member.name, fields);
            }
        }
    }
}

fn put(fields: &mut Fields, key: String, value: Vec<u8>) {
    if !fields.iter().any(|(known, _)| *known == key) {
        fields.push((key, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::members::Text;
    use crate::model::values::Args;

    static TEXT: Kind = Kind::Text(Text::new(0));
    static ITEM: Kind = Kind::Structure(&ENTRY);
    static ENTRY: [Member; 2] = [
        Member::new("Key", Kind::Text(Text::new(0))),
        Member::new("On", Kind::Boolean),
    ];

    #[test]
    fn writes_botocores_query_keys() {
        let mut fields = vec![("L.member.2.Key".to_owned(), b"kept".to_vec())];
        let list = Kind::List {
            item: &ITEM,
            min: 0,
            max: 9,
        };
        let items = vec![
            Value::Structure(Args(vec![
                Some(Value::Text("a".into())),
                Some(Value::Boolean(true)),
            ])),
            Value::Structure(Args(vec![Some(Value::Text("b".into())), None])),
        ];
        write(&list, Value::List(items), "L", &mut fields);
        write(&list, Value::List(Vec::new()), "E", &mut fields);
        let map = Kind::Map {
            key: &TEXT,
            value: &TEXT,
        };
        let entries = vec![(Value::Text("k".into()), Value::Text("v".into()))];
        write(&map, Value::Map(entries), "M", &mut fields);
        let keys: Vec<(&str, &[u8])> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_slice()))
            .collect();
        assert_eq!(
            keys,
            [
                ("L.member.2.Key", &b"kept"[..]),
                ("L.member.1.Key", b"a"),
                ("L.member.1.On", b"true"),
                ("E", b""),
                ("M.entry.1.key", b"k"),
                ("M.entry.1.value", b"v"),
            ]
        );
    }
}
