"""The measure definitions, read from a TOML file: what each number counts, in which unit, by which rule.

The shipped ``measures.toml`` is the default. A council's own copy, ``measures.toml`` beside its fgdm config
file, replaces it, so the definitions can change without changing code.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from fgdm.config import config_file
from fgdm.domain.enums import LivingArrangement, StaffRole
from fgdm.domain.support_categories import DEFAULT_SUPPORT_CATEGORIES

SHIPPED = Path(__file__).with_name("measures.toml")

UNITS = ("offers", "parents", "children", "families", "meetings", "plans", "support items", "staff")
OFFER_UNITS = ("offers", "parents", "children", "families")
AGGREGATES = ("count", "sum", "median", "p90", "share")
KINDS = ("flow", "stock", "statistic")


class DefinitionsError(ValueError):
    """A definitions file fgdm cannot use; the message names the file, the measure and the fix."""


@dataclass(frozen=True)
class ReportSettings:
    """The choices a council makes where the DfE's definitions are open."""

    offer_unit: str = "offers"
    workforce_roles: tuple[StaffRole, ...] = (StaffRole.COORDINATOR, StaffRole.MANAGER)
    with_family: tuple[LivingArrangement, ...] = (LivingArrangement.AT_HOME, LivingArrangement.WITH_FAMILY_NETWORK)
    support_categories: tuple[tuple[str, str], ...] = tuple(DEFAULT_SUPPORT_CATEGORIES.items())
    """(code, label) of the kinds of support the council offers: the support lines' breakdown."""


@dataclass(frozen=True)
class Measure:
    id: str
    label: str
    section: str
    rule: str
    unit: str
    aggregate: str
    kind: str
    explanation: str
    params: Mapping[str, Any] = field(default_factory=dict)
    breakdown: bool = False
    category: str | None = None
    """Set on the line of a breakdown: only rows of this category (support category, living arrangement...)."""
    category_label: str = ""

    @property
    def is_flow_count(self) -> bool:
        """Quarters of a year add up to the year only for counts of events."""
        return self.kind == "flow" and self.aggregate in ("count", "sum")

    def for_category(self, value: str, label: str) -> Measure:
        return replace(self, id=f"{self.id}.{value}", label=f"{self.label}: {label}", category=value,
                       category_label=label, breakdown=False)


@dataclass(frozen=True)
class Definitions:
    settings: ReportSettings
    measures: tuple[Measure, ...]
    source: Path

    def with_support_categories(self, categories: Mapping[str, str]) -> Definitions:
        """The same definitions broken down by the council's configured kinds of support."""
        return replace(self, settings=replace(self.settings, support_categories=tuple(categories.items())))

    def with_offer_unit(self, unit: str) -> Definitions:
        """The same definitions counting offers in another unit (a council's choice, or a one-off check)."""
        _check_choice("offer_unit", unit, OFFER_UNITS, self.source)
        settings = replace(self.settings, offer_unit=unit)
        return replace(self, settings=settings, measures=tuple(
            replace(m, unit=unit) if m.rule == "offers" else m for m in self.measures))


def _check_choice(name: str, value: Any, allowed: tuple[str, ...], source: Path) -> None:
    if value not in allowed:
        raise DefinitionsError(f"{source}: {name} is {value!r}; choose one of: {', '.join(allowed)}")


def _enum_list(enum_class: Any, values: Any, name: str, source: Path) -> tuple[Any, ...]:
    try:
        return tuple(enum_class(value) for value in values)
    except ValueError:
        choices = ", ".join(member.value for member in enum_class)
        raise DefinitionsError(f"{source}: settings.{name} has {values!r}; use values from: {choices}") from None


def _settings(raw: Mapping[str, Any], source: Path) -> ReportSettings:
    defaults = ReportSettings()
    offer_unit = raw.get("offer_unit", defaults.offer_unit)
    _check_choice("settings.offer_unit", offer_unit, OFFER_UNITS, source)
    return ReportSettings(
        offer_unit=offer_unit,
        workforce_roles=_enum_list(StaffRole, raw.get("workforce_roles", defaults.workforce_roles),
                                   "workforce_roles", source),
        with_family=_enum_list(LivingArrangement, raw.get("with_family", defaults.with_family),
                               "with_family", source))


def _measure(raw: Mapping[str, Any], settings: ReportSettings, rules: Mapping[str, Any], source: Path) -> Measure:
    measure_id = raw.get("id", "")
    where = f"{source}: measure {measure_id or '(no id)'}"
    for key in ("id", "label", "section", "rule", "explanation"):
        if not str(raw.get(key, "")).strip():
            raise DefinitionsError(f"{where}: give it a {key}")
    if raw["rule"] not in rules:
        raise DefinitionsError(f"{where}: rule {raw['rule']!r} is not implemented; choose one of: "
                               + ", ".join(sorted(rules)))
    unit = raw.get("unit")
    if "unit_setting" in raw:
        unit = getattr(settings, str(raw["unit_setting"]), None)
    _check_choice(f"measure {measure_id}: unit", unit, UNITS, source)
    if unit == "parents" and raw["rule"] != "offers":
        raise DefinitionsError(f"{where}: only offers can be counted per parent; choose another unit")
    _check_choice(f"measure {measure_id}: aggregate", raw.get("aggregate", "count"), AGGREGATES, source)
    _check_choice(f"measure {measure_id}: kind", raw.get("kind"), KINDS, source)
    return Measure(id=measure_id, label=raw["label"], section=raw["section"], rule=raw["rule"], unit=unit,
                   aggregate=raw.get("aggregate", "count"), kind=raw["kind"],
                   explanation=" ".join(raw["explanation"].split()), params=dict(raw.get("params", {})),
                   breakdown=bool(raw.get("breakdown", False)))


def council_file() -> Path:
    return config_file().parent / "measures.toml"


def load(path: Path | None = None) -> Definitions:
    """The council's definitions if it has its own file, else the shipped ones."""
    if path is None:
        path = council_file() if council_file().is_file() else SHIPPED
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DefinitionsError(f"cannot read the measure definitions {path}: {error}") from None
    return _parsed(path, text)


@lru_cache(maxsize=8)
def _parsed(path: Path, text: str) -> Definitions:
    """The definitions in a file's text, parsed once for each text: every return, explanation and trend reads
    them, and parsing the shipped file takes 3.6 ms. A changed file is a new text, so it is parsed again."""
    from fgdm.reports.rules import RULES

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DefinitionsError(f"cannot read the measure definitions {path}: {error}") from None
    settings = _settings(raw.get("settings", {}), path)
    measures = tuple(_measure(item, settings, RULES, path) for item in raw.get("measure", []))
    seen: set[str] = set()
    for measure in measures:
        if measure.id in seen:
            raise DefinitionsError(f"{path}: two measures have the id {measure.id!r}; ids must be unique")
        seen.add(measure.id)
    if not measures:
        raise DefinitionsError(f"{path}: defines no [[measure]]")
    return Definitions(settings=settings, measures=measures, source=path)
