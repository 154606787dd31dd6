"""Every dependency declared in pyproject.toml is imported by fgdm, and everything fgdm imports is declared.

A declared package nobody imports is weight and attack surface for nothing; an import of a package that
arrives only because another one needs it breaks the day that one stops needing it.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).parents[1]

# Declared and used, but never named in an import statement: each with where it is used instead.
USED_WITHOUT_IMPORT = {
    "psycopg": ("fgdm/store/engine.py", "postgresql+psycopg://"),  # SQLAlchemy loads the driver named in the URL
    "tzdata": ("fgdm/services/shared/clock.py", "zoneinfo"),  # zoneinfo reads it where the OS has no tz database
}
# Imported, and installed by a declared package that pins it to its own version.
COMES_WITH = {"pydantic-core": "pydantic"}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_normal(re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0]) for requirement in project["dependencies"]}


def imported_modules() -> set[str]:
    """Top-level names of every module fgdm/ imports, at module level or inside a function."""
    found = set()
    for path in (ROOT / "fgdm").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"fgdm", "__future__"}


def imported_distributions() -> set[str]:
    owners = packages_distributions()
    unknown = sorted(name for name in imported_modules() if name not in owners)
    assert not unknown, f"fgdm imports modules no installed distribution provides: {unknown}"
    return {_normal(owners[name][0]) for name in imported_modules()}


def test_every_declared_dependency_is_imported_by_fgdm():
    unused = declared() - imported_distributions() - set(USED_WITHOUT_IMPORT)
    assert not unused, f"declared in pyproject.toml but imported nowhere in fgdm/: {sorted(unused)}"


def test_the_dependencies_used_without_an_import_are_still_used_where_they_say():
    for dependency, (path, needle) in USED_WITHOUT_IMPORT.items():
        assert dependency in declared()
        assert needle in (ROOT / path).read_text(encoding="utf-8"), f"{dependency} is no longer used by {path}"


def test_everything_fgdm_imports_is_declared():
    undeclared = {name for name in imported_distributions() - declared() if COMES_WITH.get(name) not in declared()}
    assert not undeclared, f"imported by fgdm/ but not declared in pyproject.toml: {sorted(undeclared)}"
