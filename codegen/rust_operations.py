"""src/operations/<method>.rs from the pinned model and the locked SDK: for each
operation in src/operations/mod.rs's list that IAM's model has, its Spec (input
members with the model's constraints, result shape, paginator) and its SDK call.

The list itself stays in mod.rs; an entry the model lacks (the virtual-device
extras) is hand-written. A model type this generator cannot map yet raises, naming it.
"""

from __future__ import annotations

import re
import subprocess
from typing import TYPE_CHECKING, Any

import iam_model as model
import sdk

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

MOD = "src/operations/mod.rs"
SHAPES = "src/operations/model_shapes.rs"
_LIST = re.compile(r"\$callback! \{\n(.*?)\}", re.DOTALL)
_ENTRY = re.compile(r"(\w+)::(\w+)")
# Not marked sensitive in IAM's model, but a valid code is a secret while it lasts.
SECRET_MEMBERS = frozenset({"AuthenticationCode1", "AuthenticationCode2"})
# Limits botocore's model lacks that IAM's API reference (and the SDK's Smithy
# model) state; only Config(parameter_validation="strict") checks maximums.
STRICT_LIMITS = {"virtualMFADeviceName": {"max": 226}}
# The result strings botocore's json_decode_policies handler decodes (by shape name).
POLICY_DOCUMENT = "policyDocumentType"
_SCALARS = {
    "string": "Text",
    "boolean": "Boolean",
    "integer": "Integer",
    "timestamp": "Timestamp",
    "blob": "Blob",
}


class Unsupported(Exception):
    """A model type the generated Rust cannot express yet."""


def model_operations(root: Path) -> list[tuple[str, str, str]]:
    """(method, wire name, Rust type) of each entry of mod.rs's list that the model has."""
    text = (root / MOD).read_text()
    match = _LIST.search(text)
    if match is None:
        raise Unsupported(f"no for_each_operation list in {MOD}")
    by_method = {model.method_name(wire): wire for wire in model.service()["operations"]}
    return [
        (module, by_method[module], rust_type)
        for module, rust_type in _ENTRY.findall(match.group(1))
        if module in by_method
    ]


def files(root: Path) -> dict[str, Callable[[Path], str]]:
    """Each generated operation file, and the result structures they share, -> the
    function that writes it."""
    shapes = SharedShapes()
    texts = {
        f"src/operations/{method}.rs": operation_file(wire, rust_type, shapes)
        for method, wire, rust_type in model_operations(root)
    }
    texts[SHAPES] = shapes.file()
    return {relative: _constant(text) for relative, text in texts.items()}


def _constant(text: str) -> Callable[[Path], str]:
    return lambda root: text


class SharedShapes:
    """The result structures, one `pub const` each in model_shapes.rs, named after
    the model's shape: several operations return the same ones (``User``, ``Tag``)."""

    def __init__(self) -> None:
        self.defined: dict[str, str] = {}

    def reference(self, name: str) -> str:
        shape = model.shape(name)
        kind = shape["type"]
        if name == POLICY_DOCUMENT:
            return "Shape::PolicyDocument"
        if kind in _SCALARS:
            return f"Shape::{_SCALARS[kind]}"
        if kind == "list":
            return f"Shape::List(&{self.reference(shape['member']['shape'])})"
        if kind == "map":
            key, value = (self.reference(shape[part]["shape"]) for part in ("key", "value"))
            return f"Shape::Map(&{key}, &{value})"
        if kind != "structure":
            raise Unsupported(f"output shape {name} {shape}")
        if name not in self.defined:
            members = ", ".join(
                f"({_quoted(member)}, {self.reference(ref['shape'])})"
                for member, ref in shape["members"].items()
            )
            self.defined[name] = f"Shape::Structure(&[{members}])"
        return f"model_shapes::{_constant_name(name)}"

    def file(self) -> str:
        consts = sorted(
            (_constant_name(name), value.replace("model_shapes::", ""))
            for name, value in self.defined.items()
        )
        body = "".join(f"pub const {const}: Shape = {value};\n" for const, value in consts)
        return rustfmt(
            "//! The result structures the operations share, one per model shape (generated\n"
            f"//! by codegen/generate.py from botocore {model.BOTOCORE_VERSION}'s IAM model; "
            "do not edit).\n\nuse crate::model::output::Shape;\n\n" + body
        )


def _constant_name(shape_name: str) -> str:
    return model.method_name(shape_name).upper()


def operation_file(wire: str, rust_type: str, shapes: SharedShapes) -> str:
    operation = model.operation(wire)
    method = model.method_name(wire)
    members = _input_members(operation)
    call, form_only = _sdk_call(wire, members)
    listed = ", ".join(_member(name, ref, name in form_only) for name, ref in members)
    spec = f'Spec::new("{method}", "{wire}", &[{listed}])'
    output = _output_members(operation)
    if output:
        pairs = ", ".join(f"({_quoted(name)}, {shapes.reference(ref)})" for name, ref in output)
        spec += f".output(&[{pairs}])"
    if "input" not in operation:
        spec += ".without_input()"
    body = f"operation!({rust_type}, {spec}, |client, args, secrets| {{ {call} }});\n"
    head = (
        f"//! `{wire}` (generated by codegen/generate.py from botocore {model.BOTOCORE_VERSION}'s\n"
        "//! IAM model and the locked aws-sdk-iam; do not edit).\n\n"
    )
    return rustfmt(head + _imports(body) + "\n" + body)


def _input_members(operation: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    if "input" not in operation:
        return []
    structure = model.shape(operation["input"]["shape"])
    required = set(structure.get("required", ()))
    return [
        (name, {**ref, "required": name in required})
        for name, ref in structure.get("members", {}).items()
    ]


def _member(name: str, ref: dict[str, Any], form_only: bool = False) -> str:
    shape = {**model.shape(ref["shape"]), **STRICT_LIMITS.get(ref["shape"], {})}
    if shape["type"] == "string":
        expr = f'Member::text("{name}", {_text(shape)})'
    else:
        expr = f'Member::new("{name}", {_kind(shape)})'
    if ref.get("required"):
        expr += ".required()"
    if name in SECRET_MEMBERS or shape.get("sensitive"):
        expr += ".secret()"
    if form_only:
        expr += ".form_only()"
    return expr


def _text(shape: dict[str, Any]) -> str:
    expr = f"Text::new({shape.get('min', 0)})"
    if "max" in shape:
        expr += f".max({shape['max']})"
    if "pattern" in shape:
        expr += f'.pattern(r#"{shape["pattern"]}"#)'
    if "enum" in shape:
        expr += f".one_of(&[{', '.join(map(_quoted, shape['enum']))}])"
    return expr


def _quoted(text: str) -> str:
    return f'"{text}"'


def _kind(shape: dict[str, Any]) -> str:
    kind = shape["type"]
    if kind == "string":
        return f"Kind::Text({_text(shape)})"
    if kind == "integer":
        bounds = {
            part: f"Some({shape[part]})" if part in shape else "None" for part in ("min", "max")
        }
        return f"Kind::Integer {{ min: {bounds['min']}, max: {bounds['max']} }}"
    if kind == "blob":
        return "Kind::Blob"
    if kind == "boolean":
        return "Kind::Boolean"
    if kind == "list":
        item = _kind(model.shape(shape["member"]["shape"]))
        bounds = f"min: {shape.get('min', 0)}, max: {shape.get('max', 'usize::MAX')}"
        return f"Kind::List {{ item: &{item}, {bounds} }}"
    if kind == "structure":
        required = set(shape.get("required", ()))
        members = [
            _member(name, {**ref, "required": name in required})
            for name, ref in shape.get("members", {}).items()
        ]
        union = "Union" if shape.get("union") else "Structure"
        return f"Kind::{union}(&[{', '.join(members)}])"
    if kind == "map":
        key, value = (_kind(model.shape(shape[part]["shape"])) for part in ("key", "value"))
        return f"Kind::Map {{ key: &{key}, value: &{value} }}"
    raise Unsupported(f"input shape {shape}")


def _output_members(operation: dict[str, Any]) -> list[tuple[str, str]]:
    """(member, shape name) of the operation's result."""
    if "output" not in operation:
        return []
    structure = model.shape(operation["output"]["shape"])
    return [(name, ref["shape"]) for name, ref in structure["members"].items()]


def _sdk_call(wire: str, members: list[tuple[str, dict[str, Any]]]) -> tuple[str, set[str]]:
    """The SDK call, and the members it cannot carry: those the locked SDK lacks
    (botocore's model is newer) and nested inputs, which fastiam's form writer
    sends as botocore does instead."""
    operation = sdk.operations()[wire]
    fields = {field.name.replace("_", ""): field for field in operation.fields}
    call = f"client.{operation.module}()"
    form_only = set()
    for index, (name, ref) in enumerate(members):
        field = fields.pop(name.lower(), None)
        argument = field and _argument(index, model.shape(ref["shape"]), field)
        if argument is None:
            form_only.add(name)
        else:
            call += f".set_{field.name}({argument})"
    if fields:
        raise Unsupported(f"{wire}: the SDK has {list(fields)} the model lacks")
    return call, form_only


def _argument(index: int, shape: dict[str, Any], field: sdk.Field) -> str | None:
    """The SDK setter's argument, or None when the typed input needs more than a
    conversion (a nested structure, a map)."""
    rust = field.rust_type
    if shape["type"] == "string" and rust == "::std::string::String":
        return f"args.text({index})"
    if shape["type"] == "string" and rust.startswith("crate::types::"):
        enum = rust.removeprefix("crate::")
        # Any text goes to the server as given, as boto3 sends it.
        return f"args.text({index}).map(|s| aws_sdk_iam::{enum}::from(s.as_str()))"
    if shape["type"] == "integer" and rust == "i32":
        return f"args.integer({index})"
    if shape["type"] == "boolean" and rust == "bool":
        return f"args.boolean({index})"
    if rust == "::std::vec::Vec<::std::string::String>":
        return f"shapes::texts(args.list({index}))"
    if rust == "::std::vec::Vec<crate::types::Tag>":
        return f"shapes::tags(args.list({index}))"
    if shape["type"] in ("structure", "map", "list"):
        return None
    raise Unsupported(f"SDK field {field} for {shape}")


def _imports(body: str) -> str:
    uses = []
    if "model_shapes::" in body:
        uses.append("use super::model_shapes;")
    if re.search(r"(?<!model_)shapes::", body):
        uses.append("use super::shapes;")
    uses.append(
        f"use super::{{{', '.join(n for n in ('operation', 'Shape', 'Spec') if n in body)}}};"
    )
    members = [n for n in ("Kind", "Member", "Text") if f"{n}::" in body]
    if members:
        listed = members[0] if len(members) == 1 else "{" + ", ".join(members) + "}"
        uses.append(f"use crate::model::members::{listed};")
    return "\n".join(uses) + "\n"


def rustfmt(text: str) -> str:
    return subprocess.run(
        ["rustfmt", "--edition", "2021", "--emit", "stdout"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
