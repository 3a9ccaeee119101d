"""The paging table's expressions, looked up without jmespath when they are dotted names.

An entry of the paging table (``_table.PAGINATORS``, botocore's
paginators-1.json) names its result keys, tokens and more-results flag as
JMESPath expressions. botocore compiles them with jmespath; the ones IAM uses
are plain dotted names, which ``Key`` looks up directly, with JMESPath's rules,
so that iterating pages does not need jmespath (boto3 depends on it; fastiam
does not). fastiam.waiter's path acceptors use ``Key`` too.
"""

from __future__ import annotations

# Not `from typing import TYPE_CHECKING`: see fastiam/__init__.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def load_jmespath() -> Any:
    """jmespath, needed only by ``search()`` and by paging-table keys that are
    more than dotted names."""
    try:
        import jmespath  # type: ignore[import-untyped]  # jmespath ships no annotations
    except ImportError as error:
        raise ImportError(
            "fastiam's paginator search() needs the jmespath package, which boto3 "
            "installs but fastiam does not: pip install jmespath"
        ) from error
    return jmespath


class Key:
    """One expression of the paging table (result key, token, more-results
    flag), with jmespath's ``.expression``, ``.parsed`` and ``.search(value)``.
    A dotted name is looked up here (a missing name, or a name looked up on
    something that is no mapping, gives None); anything else goes to jmespath."""

    __slots__ = ("_compiled", "_names", "expression")

    def __init__(self, expression: str) -> None:
        self.expression = expression
        # The names of a dotted expression; else the compiled expression.
        self._names = expression.split(".")
        self._compiled: Any = None
        if not all(name.isascii() and name.isidentifier() for name in self._names):
            self._compiled = load_jmespath().compile(expression)

    @property
    def parsed(self) -> dict:
        """The JMESPath syntax tree, as jmespath's ``ParsedResult.parsed``."""
        if self._compiled is not None:
            return self._compiled.parsed
        fields: list[dict] = [
            {"type": "field", "children": [], "value": name} for name in self._names
        ]
        if len(fields) == 1:
            return fields[0]
        return {"type": "subexpression", "children": fields}

    def search(self, value: Any, options: Any = None) -> Any:
        if self._compiled is not None:
            return self._compiled.search(value, options)
        for name in self._names:
            try:
                value = value.get(name)
            except AttributeError:  # JMESPath: a field of a non-object is null
                return None
        return value

    def put(self, target: dict, value: Any) -> None:
        """Sets the value at this key, creating the dicts on the way (what
        botocore's ``set_value_from_jmespath`` does)."""
        *outer, last = self.expression.split(".")
        for name in outer:
            if name not in target:
                target[name] = {}
            target = target[name]
        target[last] = value

    def __repr__(self) -> str:
        return repr(self.parsed)


def _listed(value: Any) -> list:
    """A table entry that may be one expression or a list of them."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


class Paging:
    """One operation's entry of the paging table, its expressions compiled."""

    __slots__ = (
        "input_tokens",
        "limit_key",
        "more_results",
        "non_aggregate_keys",
        "output_tokens",
        "result_keys",
    )

    def __init__(self, config: dict) -> None:
        # The request members that carry the token (IAM: Marker).
        self.input_tokens: list[str] = _listed(config["input_token"])
        # Where each of them is in a page.
        self.output_tokens = [Key(key) for key in _listed(config["output_token"])]
        more_results = config.get("more_results")
        self.more_results = None if more_results is None else Key(more_results)
        # The request member PageSize sets (IAM: MaxItems).
        self.limit_key: str | None = config.get("limit_key")
        self.non_aggregate_keys = [Key(key) for key in config.get("non_aggregate_keys", [])]
        result_keys = config.get("result_key")
        self.result_keys = None if result_keys is None else [Key(k) for k in _listed(result_keys)]
