"""A JSON Schema compiled once into Python source: is this JSON document valid and free of NUL text, yes or no.

jsonschema walks the schema afresh for every value and builds a validator and error context at each
step: a 30 kB case file took about 40 ms, most of a thousand-file import. Nearly every file is sound, so
the import asks this predicate first (generated functions, one per distinct subschema, well under a
millisecond a file) and runs jsonschema, for its messages and JSON paths, only on a file it rejects.

It accepts exactly what jsonschema's Draft 2020-12 validator accepts for documents made by json.loads
(dict, list, str, int, float, bool, None), and additionally refuses any text holding a NUL character,
which PostgreSQL cannot store. It understands the keywords the case-file schema uses and refuses to
compile any other, so a keyword added to the schema can never be silently skipped; a property test holds
its answers to jsonschema's.
"""

from __future__ import annotations

import json
import numbers
import re
from collections.abc import Callable
from typing import Any

from jsonschema import FormatChecker

Predicate = Callable[[Any], bool]

_ANNOTATIONS = frozenset({"description", "title", "$schema", "$id", "$comment", "default", "examples"})
_UNDERSTOOD = _ANNOTATIONS | {"type", "enum", "const", "anyOf", "properties", "additionalProperties", "required",
                              "items", "minItems", "maxLength", "minLength", "pattern", "format", "minimum",
                              "maximum"}
_TYPE_TESTS = {
    "object": "isinstance(v, dict)",
    "array": "isinstance(v, list)",
    "string": "isinstance(v, str)",
    "boolean": "isinstance(v, bool)",
    "null": "v is None",
    "integer": "(isinstance(v, int) and not isinstance(v, bool) or isinstance(v, float) and v.is_integer())",
    "number": "(isinstance(v, _Number) and not isinstance(v, bool))",
}


def has_nul(value: Any) -> bool:
    """Whether any text anywhere in a JSON value holds a NUL character."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(item) for item in value.values())
    if isinstance(value, list):
        return any(has_nul(item) for item in value)
    return False


def _equal_test(constant: Any) -> str:
    """Source testing v against one enum or const value with jsonschema's equality (True is not 1; 1.0 is 1)."""
    if constant is None or isinstance(constant, bool):
        return f"v is {constant!r}"
    if isinstance(constant, str):
        return f"v == {constant!r}"
    if isinstance(constant, int | float):
        return f"(v.__class__ is int or v.__class__ is float) and v == {constant!r}"
    raise ValueError(f"the fast schema check cannot compare with {constant!r}")


class _Compiler:
    """Generates one function per distinct subschema; identical subschemas share a function.

    Each keyword's test is emitted only for the JSON types the subschema's "type" lets through, so the
    common case (one type) is a handful of lines.
    """

    def __init__(self, format_checker: FormatChecker) -> None:
        self.constants: dict[str, Any] = {"_Number": numbers.Number, "_has_nul": has_nul,
                                          "_conforms": format_checker.conforms}
        self.tables: dict[str, dict[str, str]] = {}
        self.names: dict[str, str] = {}
        self.sources: list[str] = []

    def constant(self, value: Any) -> str:
        name = f"_c{len(self.constants)}"
        self.constants[name] = value
        return name

    def function(self, node: Any) -> str:
        key = json.dumps(node, sort_keys=True)
        if key not in self.names:
            name = self.names[key] = f"_v{len(self.names)}"
            body = self._body(node)
            self.sources.append("\n".join([f"def {name}(v):", *("    " + line for line in body)]))
        return self.names[key]

    def _body(self, node: Any) -> list[str]:
        if node is True:
            return ["return not _has_nul(v)"]
        if node is False:
            return ["return False"]
        if not isinstance(node, dict):
            raise ValueError(f"not a schema: {node!r}")
        unknown = set(node) - _UNDERSTOOD
        if unknown:
            raise ValueError(f"the fast schema check does not understand {sorted(unknown)}")
        lines: list[str] = []
        kinds = set(_TYPE_TESTS)
        if "type" in node:
            kinds = {node["type"]} if isinstance(node["type"], str) else set(node["type"])
            if not kinds <= set(_TYPE_TESTS):
                raise ValueError(f"unknown JSON type in {sorted(kinds)}")
            lines.append(f"if not ({' or '.join(_TYPE_TESTS[kind] for kind in sorted(kinds))}): return False")
        if "enum" in node:
            lines.append(f"if not ({' or '.join(f'({_equal_test(value)})' for value in node['enum']) or 'False'}):"
                         " return False")
        if "const" in node:
            lines.append(f"if not ({_equal_test(node['const'])}): return False")
        if "anyOf" in node:
            branches = " or ".join(f"{self.function(branch)}(v)" for branch in node["anyOf"])
            lines.append(f"if not ({branches}): return False")
        if "string" in kinds:
            lines += self._text(node)
        if kinds & {"integer", "number"}:
            lines += self._number(node)
        if "object" in kinds:
            lines += self._object(node)
        if "array" in kinds:
            lines += self._array(node)
        if "format" in node:
            lines.append(f"if not _conforms(v, {node['format']!r}): return False")
        return [*lines, "return True"]

    def _text(self, node: dict[str, Any]) -> list[str]:
        tests = ["'\\x00' in v"]
        if "maxLength" in node:
            tests.append(f"len(v) > {node['maxLength']!r}")
        if "minLength" in node:
            tests.append(f"len(v) < {node['minLength']!r}")
        if "pattern" in node:
            tests.append(f"not {self.constant(re.compile(node['pattern']))}.search(v)")
        return [f"if isinstance(v, str) and ({' or '.join(tests)}): return False"]

    def _number(self, node: dict[str, Any]) -> list[str]:
        tests = [f"v < {node['minimum']!r}"] if "minimum" in node else []
        tests += [f"v > {node['maximum']!r}"] if "maximum" in node else []
        if not tests:
            return []
        return [f"if isinstance(v, _Number) and not isinstance(v, bool) and ({' or '.join(tests)}): return False"]

    def _object(self, node: dict[str, Any]) -> list[str]:
        lines = ["if isinstance(v, dict):"]
        for name in node.get("required", []):
            lines.append(f"    if {name!r} not in v: return False")
        if "properties" not in node and "additionalProperties" not in node:
            if "anyOf" not in node:
                lines.append("    if _has_nul(v): return False")
            return lines if len(lines) > 1 else []
        table = {name: self.function(sub) for name, sub in node.get("properties", {}).items()}
        known = f"_t{len(self.tables)}"
        self.tables[known] = table
        extra = node.get("additionalProperties", True)
        lines += [f"    checks = {known}",
                  "    for key, item in v.items():",
                  "        check = checks.get(key)",
                  "        if check is None:"]
        if extra is False:
            lines.append("            return False")
        else:
            lines.append(f"            if not {self.function(extra)}(item): return False")
        lines.append("        elif not check(item): return False")
        return lines

    def _array(self, node: dict[str, Any]) -> list[str]:
        lines = ["if isinstance(v, list):"]
        if "minItems" in node:
            lines.append(f"    if len(v) < {node['minItems']!r}: return False")
        if "items" in node:
            lines += ["    for item in v:", f"        if not {self.function(node['items'])}(item): return False"]
        elif "anyOf" not in node:
            lines.append("    if _has_nul(v): return False")
        return lines if len(lines) > 1 else []

    def link(self, root: str) -> Predicate:
        """Binds the generated functions' names to their compiled code; each refers to others by name."""
        namespace: dict[str, Any] = dict(self.constants)
        exec(compile("\n\n".join(self.sources), "<schema predicate>", "exec"), namespace)
        for name, table in self.tables.items():
            namespace[name] = {key: namespace[function] for key, function in table.items()}
        return namespace[root]  # type: ignore[no-any-return]


def compile_predicate(schema: Any, format_checker: FormatChecker) -> Predicate:
    """The schema (every $ref already inlined) as one predicate; raises ValueError on a keyword it cannot check."""
    compiler = _Compiler(format_checker)
    return compiler.link(compiler.function(schema))
