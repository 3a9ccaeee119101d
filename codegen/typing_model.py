"""fastiam's typing surface as types-boto3 names it, read from the pinned model: for
each operation of mod.rs's list that the model has, its request and result
TypedDicts, the structures they reach, the enums' Literal aliases, and the
requests of its paginator and waiter. The stub and type_defs generators write
from this one view, so that they name every type the same way.

types-boto3's conventions, which fastiam's names follow so that code annotated
for boto3's IAM client type-checks against fastiam's:

- a request is its input shape's name + ``TypeDef`` (``ListUsersRequestTypeDef``),
  a result its output shape's (``ListUsersResponseTypeDef``), each member of a
  result typed as present; an operation with no result members returns
  ``EmptyResponseMetadataTypeDef``, one with no input members takes no arguments;
- a structure is ``<Shape>TypeDef``, capitalised; one that requests and results
  both reach, and that reads differently in each (``Sequence`` in, ``list`` out),
  is ``<Shape>TypeDef`` in requests and ``<Shape>OutputTypeDef`` in results, and
  a request member of it takes either (``<Shape>UnionTypeDef``);
- an enum of several values is the Literal alias ``<Shape>Type``; one of a single
  value is written inline (``Literal["text/csv"]``);
- a paginator's request is the input shape's name + ``PaginateTypeDef``, without
  the paging members and with ``PaginationConfig``; a waiter's + ``WaitTypeDef``,
  with ``WaiterConfig``;
- an IAM policy document in a result is ``PolicyDocumentTypeDef`` (botocore
  decodes it to a dict; the hand-written part of type_defs defines it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

import iam_model as model
from rust_operations import Unsupported, model_operations

if TYPE_CHECKING:
    from pathlib import Path

# Names the hand-written part of python/fastiam/type_defs.py defines and the generated part uses.
EMPTY_RESULT = "EmptyResponseMetadataTypeDef"
RESPONSE_METADATA = "ResponseMetadataTypeDef"
PAGINATOR_CONFIG = "PaginatorConfigTypeDef"
WAITER_CONFIG = "WaiterConfigTypeDef"
POLICY_DOCUMENT_TYPE = "PolicyDocumentTypeDef"
# The result strings botocore's json_decode_policies handler decodes, by shape name.
POLICY_DOCUMENT = "policyDocumentType"
_SCALARS = {"string": "str", "integer": "int", "long": "int", "boolean": "bool", "double": "float"}
# Results only: botocore parses these; what a request would take is not settled yet.
_RESULT_SCALARS = {"timestamp": "datetime", "blob": "bytes"}


@dataclass(frozen=True)
class Field:
    """One key of a TypedDict (or keyword of a client method) and its type."""

    key: str
    annotation: str
    required: bool


@dataclass(frozen=True)
class Typed:
    """One TypedDict to write: its name and keys, in the model's order."""

    name: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Operation:
    method: str
    wire: str
    request: str | None  # None: the operation takes no arguments
    keywords: tuple[Field, ...]
    result: str


@dataclass(frozen=True)
class Paginator:
    method: str
    wire: str
    request: str  # the ...RequestPaginateTypeDef
    result: str  # one page

    @property
    def sync_class(self) -> str:
        return f"_{self.wire}Paginator"

    @property
    def async_class(self) -> str:
        return f"_Aio{self.wire}Paginator"


@dataclass(frozen=True)
class Waiter:
    name: str  # UserExists
    method: str  # user_exists, as get_waiter takes it
    request: str  # the ...RequestWaitTypeDef

    @property
    def sync_class(self) -> str:
        return f"_{self.name}Waiter"

    @property
    def async_class(self) -> str:
        return f"_Aio{self.name}Waiter"


@dataclass
class Surface:
    """Everything the generators write, in the order they write it."""

    operations: list[Operation] = field(default_factory=list)
    literals: dict[str, tuple[str, ...]] = field(default_factory=dict)
    structures: list[Typed] = field(default_factory=list)  # dependencies first
    # The structures requests hold, and those results hold (TagTypeDef is in both).
    request_structures: set[str] = field(default_factory=set)
    result_structures: set[str] = field(default_factory=set)
    unions: dict[str, tuple[str, str]] = field(default_factory=dict)
    requests: list[Typed] = field(default_factory=list)
    paginate_requests: list[Typed] = field(default_factory=list)
    wait_requests: list[Typed] = field(default_factory=list)
    results: list[Typed] = field(default_factory=list)
    paginators: list[Paginator] = field(default_factory=list)
    waiters: list[Waiter] = field(default_factory=list)

    def names(self) -> list[str]:
        """Every name the generated part of type_defs defines."""
        typed = [
            *self.structures,
            *self.requests,
            *self.paginate_requests,
            *self.wait_requests,
            *self.results,
        ]
        return [*self.literals, *self.unions, *(t.name for t in typed)]


def capitalised(shape_name: str) -> str:
    return shape_name[:1].upper() + shape_name[1:]


@cache
def waiters() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((model.MODEL / "waiters-2.json").read_text())["waiters"]
    return loaded


def _members(shape_name: str) -> list[tuple[str, str, bool]]:
    """(member, its shape, required) of a structure, in the model's order."""
    shape = model.shape(shape_name)
    required = set(shape.get("required", ()))
    return [(name, ref["shape"], name in required) for name, ref in shape["members"].items()]


def _children(shape_name: str) -> list[str]:
    shape = model.shape(shape_name)
    if shape["type"] == "structure":
        return [child for _, child, _ in _members(shape_name)]
    if shape["type"] == "list":
        return [shape["member"]["shape"]]
    if shape["type"] == "map":
        return [shape["key"]["shape"], shape["value"]["shape"]]
    return []


class _Namer:
    """Types each shape as a request or a result reads it, collecting the
    structures and enums that the operations reach."""

    def __init__(self) -> None:
        self.reached: dict[str, set[str]] = {}  # structure -> the sides it is reached from
        self.literals: dict[str, tuple[str, ...]] = {}
        self.unions: set[str] = set()  # structures a request member takes either variant of

    def reach(self, shape_name: str, side: str) -> None:
        if model.shape(shape_name)["type"] == "structure":
            sides = self.reached.setdefault(shape_name, set())
            if side in sides:
                return
            sides.add(side)
        for child in _children(shape_name):
            self.reach(child, side)

    def annotation(self, shape_name: str, side: str, top: bool = False) -> str:
        """The type of a value of ``shape_name`` in a request (``side`` "in") or a
        result ("out"); ``top``: a member of the request itself."""
        shape = model.shape(shape_name)
        kind = shape["type"]
        request = side == "in"
        if kind == "structure":
            if top and request and self.has_output_variant(shape_name):
                self.unions.add(shape_name)
                return f"{capitalised(shape_name)}UnionTypeDef"
            return self.structure_name(shape_name, side)
        if kind == "list":
            item = self.annotation(shape["member"]["shape"], side, top)
            return f"{'Sequence' if request else 'list'}[{item}]"
        if kind == "map":
            key = self.annotation(shape["key"]["shape"], side)
            value = self.annotation(shape["value"]["shape"], side, top)
            return f"{'Mapping' if request else 'dict'}[{key}, {value}]"
        if kind == "string" and "enum" in shape:
            values = tuple(sorted(shape["enum"]))
            if len(values) == 1:
                return f'Literal["{values[0]}"]'
            name = f"{capitalised(shape_name)}Type"
            self.literals[name] = values
            return name
        if kind == "string" and shape_name == POLICY_DOCUMENT and not request:
            return POLICY_DOCUMENT_TYPE
        if kind in _SCALARS:
            return _SCALARS[kind]
        if kind in _RESULT_SCALARS and not request:
            return _RESULT_SCALARS[kind]
        raise Unsupported(f"a {'request' if request else 'result'} member of type {kind}")

    def structure_name(self, shape_name: str, side: str) -> str:
        base = capitalised(shape_name)
        if side == "out" and self.has_output_variant(shape_name):
            return f"{base}OutputTypeDef"
        return f"{base}TypeDef"

    def fields(self, shape_name: str, side: str, top: bool = False) -> tuple[Field, ...]:
        """A structure's members, the required ones first (as types-boto3 writes them)."""
        fields = [
            Field(name, self.annotation(child, side, top), required)
            for name, child, required in _members(shape_name)
        ]
        return tuple(sorted(fields, key=lambda field: not field.required))

    def has_output_variant(self, shape_name: str) -> bool:
        return self.reached.get(shape_name) == {"in", "out"} and self._reads_differently(shape_name)

    def _reads_differently(self, shape_name: str) -> bool:
        """Whether a request and a result type it differently: it holds a list or a
        map (``Sequence`` in, ``list`` out) or a policy document (text in, parsed out)."""
        if shape_name == POLICY_DOCUMENT or model.shape(shape_name)["type"] in ("list", "map"):
            return True
        return any(self._reads_differently(child) for child in _children(shape_name))


@cache
def surface(root: Path) -> Surface:
    """The typing surface of the operations in fastiam's list that the model has
    (read once per run: every typing generator writes from it)."""
    namer = _Namer()
    listed = model_operations(root)
    for _method, wire, _rust in listed:
        operation = model.operation(wire)
        for side, key in (("in", "input"), ("out", "output")):
            if key in operation:
                for _, child, _ in _members(operation[key]["shape"]):
                    namer.reach(child, side)

    found = Surface()
    requests: dict[str, Typed] = {}
    results: dict[str, Typed] = {}
    for method, wire, _rust in listed:
        operation = model.operation(wire)
        request_shape = operation.get("input", {}).get("shape")
        keywords = namer.fields(request_shape, "in", top=True) if request_shape else ()
        request = None
        if keywords:
            request = f"{request_shape}TypeDef"
            requests[request] = Typed(request, keywords)
        result_shape = operation.get("output", {}).get("shape")
        result = EMPTY_RESULT
        if result_shape and model.shape(result_shape)["members"]:
            result = f"{result_shape}TypeDef"
            members = tuple(
                Field(f.key, f.annotation, True) for f in namer.fields(result_shape, "out")
            )
            results[result] = Typed(
                result, (*members, Field("ResponseMetadata", RESPONSE_METADATA, True))
            )
        found.operations.append(Operation(method, wire, request, keywords, result))
    found.requests = sorted(requests.values(), key=lambda typed: typed.name)
    found.results = sorted(results.values(), key=lambda typed: typed.name)
    _add_paginators(found, namer)
    _add_waiters(found, namer)
    _add_structures(found, namer)
    found.literals = dict(sorted(namer.literals.items()))
    _check_unique(found)
    return found


def _add_paginators(found: Surface, namer: _Namer) -> None:
    pages = model.paginators()
    for operation in found.operations:
        config = pages.get(operation.wire)
        if config is None:
            continue
        paging = {config["input_token"], config.get("limit_key")}
        request_shape = model.operation(operation.wire)["input"]["shape"]
        kept = tuple(f for f in namer.fields(request_shape, "in", top=True) if f.key not in paging)
        name = f"{request_shape}PaginateTypeDef"
        config_field = Field("PaginationConfig", PAGINATOR_CONFIG, False)
        found.paginate_requests.append(Typed(name, (*kept, config_field)))
        found.paginators.append(Paginator(operation.method, operation.wire, name, operation.result))
    found.paginate_requests.sort(key=lambda typed: typed.name)


def _add_waiters(found: Surface, namer: _Namer) -> None:
    listed = {operation.wire for operation in found.operations}
    for name, waiter in sorted(waiters().items()):
        if waiter["operation"] not in listed:
            continue
        request_shape = model.operation(waiter["operation"])["input"]["shape"]
        fields = namer.fields(request_shape, "in", top=True)
        request = f"{request_shape}WaitTypeDef"
        config_field = Field("WaiterConfig", WAITER_CONFIG, False)
        found.wait_requests.append(Typed(request, (*fields, config_field)))
        found.waiters.append(Waiter(name, model.method_name(name), request))


def _add_structures(found: Surface, namer: _Namer) -> None:
    """Each reached structure once per side it reads differently on, each after
    the structures its members name (type_defs.py evaluates them in order)."""
    typed: dict[str, Typed] = {}
    order: list[str] = []

    def visit(shape_name: str, side: str, path: tuple[str, ...]) -> None:
        name = namer.structure_name(shape_name, side)
        if name in typed:
            (found.request_structures if side == "in" else found.result_structures).add(name)
            return
        if shape_name in path:
            raise Unsupported(f"a recursive structure: {' -> '.join([*path, shape_name])}")
        for child in _structures_below(shape_name):
            visit(child, side, (*path, shape_name))
        typed[name] = Typed(name, namer.fields(shape_name, side))
        order.append(name)
        (found.request_structures if side == "in" else found.result_structures).add(name)

    for shape_name, sides in sorted(namer.reached.items()):
        for side in sorted(sides):
            visit(shape_name, side, ())
    found.structures = [typed[name] for name in order]
    for shape_name in sorted(namer.unions):
        base = capitalised(shape_name)
        found.unions[f"{base}UnionTypeDef"] = (f"{base}TypeDef", f"{base}OutputTypeDef")


def _structures_below(shape_name: str) -> list[str]:
    """The structures a structure's members hold (through lists and maps), in order."""
    below: list[str] = []
    pending = [child for child in _children(shape_name)]
    while pending:
        child = pending.pop(0)
        if model.shape(child)["type"] == "structure":
            below.append(child)
        else:
            pending[:0] = _children(child)
    return below


def _check_unique(found: Surface) -> None:
    seen: set[str] = set()
    for name in found.names():
        if name in seen:
            raise Unsupported(f"two types would be named {name}")
        seen.add(name)
