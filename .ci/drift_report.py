"""Drift report: the newest botocore's IAM model against the one fastiam was built from.

Run by ``.ci/drift`` (and so weekly by ``.github/workflows/drift.yml``) in a venv where
fastiam is installed with its ``test`` extra and the test dependencies were then upgraded to
their newest releases. It compares what fastiam holds, from its native core:

- ``_native.MODELED_ERRORS``: the (class name, wire code) pairs of IAM's modeled errors;
- ``_native.WIRE_NAMES``: each client method's IAM operation;
- ``_native.INPUT_MEMBERS`` and ``_native.OUTPUT_SHAPES``: each operation's members;
- ``fastiam.paginate._table.PAGINATORS``: the list operations' paginators;

with ``botocore.session.get_session().get_service_model("iam")`` (and its paginator model),
and prints what is new, removed or changed. It only reports: the exit status is 0 whatever
drifted (1 only if it cannot run at all). ``.ci/drift``'s exit status is the test suite's.

    python .ci/drift_report.py                    # the report
    python .ci/drift_report.py --snapshot FILE    # write the test packages' versions to FILE
    python .ci/drift_report.py --before FILE      # the report, with a versions table
                                                  # (pinned / installed from the pin / now)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from importlib import metadata
from typing import Any

# The test extra's packages whose drift matters (pyproject.toml's [project.optional-dependencies]).
PACKAGES = [
    "boto3",
    "botocore",
    "moto",
    "hypothesis",
    "mypy",
    "ruff",
    "pytest",
    "pyotp",
    "matplotlib",
]


def installed_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def test_extra_pins() -> dict[str, str]:
    """Package -> its specifier in fastiam's ``test`` extra, from the installed metadata."""
    pins: dict[str, str] = {}
    for requirement in metadata.requires("fastiam") or []:
        spec, _, marker = requirement.partition(";")
        if not re.search(r"""extra\s*==\s*["']test["']""", marker):
            continue
        match = re.match(r"\s*([A-Za-z0-9._-]+)(\[[^\]]*\])?\s*(.*)", spec)
        if match:
            name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
            pins[name] = match.group(3).strip().strip("()") or "(any)"
    return pins


def print_versions(before: dict[str, str | None]) -> None:
    pins = test_extra_pins()
    now = installed_versions()
    rows = [("package", "test extra", "from the pin", "newest (tested)", "")]
    for name in PACKAGES:
        moved = "" if before.get(name) == now.get(name) else "moved"
        rows.append(
            (name, pins.get(name, "(not pinned)"), before.get(name) or "-", now[name] or "-", moved)
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    print("== test dependencies: pinned vs newest")
    for row in rows:
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


# --- botocore's model in fastiam's terms ------------------------------------------------


def shape_tree(shape: Any) -> Any:
    """A botocore shape as fastiam's ``OUTPUT_SHAPES`` nests it: ``("structure", ((name,
    member), ...))``, ``("list", item)``, ``("map", key, value)`` or a scalar's type name."""
    if shape.type_name == "structure":
        return ("structure", tuple((n, shape_tree(m)) for n, m in shape.members.items()))
    if shape.type_name == "list":
        return ("list", shape_tree(shape.member))
    if shape.type_name == "map":
        return ("map", shape_tree(shape.key), shape_tree(shape.value))
    return shape.type_name


def member_kind(shape: Any) -> str:
    """An input member's kind as ``INPUT_MEMBERS`` names it."""
    if shape.type_name == "list" and shape.member.type_name in ("string", "structure"):
        return shape.member.type_name + "s"
    if shape.type_name == "list":
        return f"list of {shape.member.type_name}"
    return str(shape.type_name)


def tree_diff(path: str, ours: Any, theirs: Any, out: list[str]) -> None:
    """Lines for every place where fastiam's result shape and the model's differ."""
    ours_kind = ours[0] if isinstance(ours, tuple) else ours
    theirs_kind = theirs[0] if isinstance(theirs, tuple) else theirs
    if ours_kind != theirs_kind:
        out.append(f"~ {path}: fastiam reads {ours_kind}, the model has {theirs_kind}")
        return
    if ours_kind == "structure":
        ours_members, theirs_members = dict(ours[1]), dict(theirs[1])
        for name in theirs_members:
            if name not in ours_members:
                out.append(f"+ {path}.{name}: new in the model (fastiam's result leaves it out)")
        for name, member in ours_members.items():
            if name not in theirs_members:
                out.append(f"- {path}.{name}: not in the model")
            else:
                tree_diff(f"{path}.{name}", member, theirs_members[name], out)
    elif ours_kind == "list":
        tree_diff(f"{path}[]", ours[1], theirs[1], out)
    elif ours_kind == "map":
        tree_diff(f"{path}{{key}}", ours[1], theirs[1], out)
        tree_diff(f"{path}{{value}}", ours[2], theirs[2], out)


def section(title: str, lines: list[str]) -> int:
    print(f"== {title}: " + (f"{len(lines)} difference(s)" if lines else "no drift"))
    for line in lines:
        print(f"  {line}")
    return len(lines)


def report() -> int:
    import botocore
    import botocore.session
    import fastiam
    from botocore import xform_name
    from fastiam import _native
    from fastiam.paginate._table import PAGINATORS

    session = botocore.session.get_session()
    model = session.get_service_model("iam")
    pinned = test_extra_pins().get("botocore", "(not pinned)")
    print(
        f"== drift: botocore {botocore.__version__}'s IAM model (API {model.api_version}) "
        f"vs fastiam {fastiam.__version__}'s (built from botocore {pinned.lstrip('=')}, "
        "the test extra's pin)"
    )
    total = 0

    # Modeled errors: (class name, wire code).
    ours_errors = dict(_native.MODELED_ERRORS)
    theirs_errors = {shape.name: shape.error_code for shape in model.error_shapes}
    lines = []
    for name in sorted(theirs_errors.keys() - ours_errors.keys()):
        lines.append(
            f"+ {name} (code {theirs_errors[name]}): new in the model; fastiam has no class for "
            "it and raises a plain ClientError"
        )
    for name in sorted(ours_errors.keys() - theirs_errors.keys()):
        lines.append(f"- {name} (code {ours_errors[name]}): not in the model")
    for name in sorted(ours_errors.keys() & theirs_errors.keys()):
        if ours_errors[name] != theirs_errors[name]:
            lines.append(
                f"~ {name}: wire code {ours_errors[name]} in fastiam, "
                f"{theirs_errors[name]} in the model"
            )
    total += section(
        f"modeled errors ({len(ours_errors)} in fastiam, {len(theirs_errors)} in the model)", lines
    )

    # Operations: every method's wire operation still exists; MFA device operations that
    # the model added.
    wire_names: dict[str, str] = dict(_native.WIRE_NAMES)
    operations = set(model.operation_names)
    lines = []
    for method, wire in wire_names.items():
        if wire not in operations:
            lines.append(f"- {wire} (fastiam's {method}): not in the model")
    ours_wire = set(wire_names.values())
    for wire in sorted(operations - ours_wire):
        if "MFADevice" in wire:
            lines.append(f"+ {wire} ({xform_name(wire)}): an MFA device operation fastiam lacks")
    total += section(
        f"operations ({len(ours_wire)} IAM operations behind fastiam's {len(wire_names)} methods;"
        f" {len(operations)} in the model)",
        lines,
    )

    # Input members, for the methods that are the operation itself (the extras, e.g.
    # enable_virtual_mfa_device, take other arguments by design).
    lines = []
    for method, members in _native.INPUT_MEMBERS.items():
        wire = wire_names.get(method)
        if wire not in operations or xform_name(wire) != method:
            continue
        input_shape = model.operation_model(wire).input_shape
        theirs_members = dict(input_shape.members) if input_shape is not None else {}
        required = set(input_shape.required_members) if input_shape is not None else set()
        ours_members = {name: (req, kind) for name, req, kind, _secret in members}
        for name in theirs_members.keys() - ours_members.keys():
            lines.append(
                f"+ {method}({name}=...): new in the model"
                + (" and required" if name in required else "")
            )
        for name in ours_members.keys() - theirs_members.keys():
            lines.append(f"- {method}({name}=...): not in the model")
        for name in ours_members.keys() & theirs_members.keys():
            req, kind = ours_members[name]
            if req != (name in required):
                lines.append(
                    f"~ {method}({name}=...): required={req} in fastiam, "
                    f"{name in required} in the model"
                )
            theirs_kind = member_kind(theirs_members[name])
            if kind != theirs_kind:
                lines.append(
                    f"~ {method}({name}=...): {kind} in fastiam, {theirs_kind} in the model"
                )
    total += section("input members", sorted(lines))

    # Result shapes.
    lines = []
    for wire, ours_tree in _native.OUTPUT_SHAPES.items():
        if wire not in operations:
            continue
        output_shape = model.operation_model(wire).output_shape
        theirs_tree = shape_tree(output_shape) if output_shape is not None else ("structure", ())
        tree_diff(wire, ours_tree, theirs_tree, lines)
    total += section("result members", lines)

    # Paginators.
    try:
        theirs_pages = session.get_paginator_model("iam")._paginator_config
    except Exception as error:  # noqa: BLE001 - a private attribute; report, don't fail
        theirs_pages = None
        print(f"== paginators: not compared ({type(error).__name__}: {error})")
    if theirs_pages is not None:
        lines = []
        keys = ("input_token", "output_token", "limit_key", "more_results", "result_key")
        for method, wire in wire_names.items():
            if xform_name(wire) != method or wire not in operations:
                continue
            ours_page = PAGINATORS.get(method)
            theirs_page = theirs_pages.get(wire)
            if ours_page is None and theirs_page is not None:
                lines.append(f"+ {method}: the model pages it, fastiam has no paginator")
            elif ours_page is not None and theirs_page is None:
                lines.append(f"- {method}: the model no longer pages it")
            elif ours_page is not None and theirs_page is not None:
                for key in keys:
                    if ours_page.get(key) != theirs_page.get(key):
                        lines.append(
                            f"~ {method} paginator {key}: {ours_page.get(key)!r} in fastiam, "
                            f"{theirs_page.get(key)!r} in the model"
                        )
        total += section("paginators", lines)

    print(
        "== drift report: "
        + (f"{total} difference(s) from fastiam's model" if total else "fastiam's model is current")
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--snapshot", metavar="FILE", help="write the installed versions to FILE")
    parser.add_argument("--before", metavar="FILE", help="versions written by --snapshot")
    args = parser.parse_args()
    if args.snapshot:
        with open(args.snapshot, "w", encoding="utf-8") as file:
            json.dump(installed_versions(), file)
        return 0
    if args.before:
        with open(args.before, encoding="utf-8") as file:
            print_versions(json.load(file))
    return report()


if __name__ == "__main__":
    sys.exit(main())
