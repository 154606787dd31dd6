"""A fault in Textual that fgdm's users would feel, worked around here until Textual fixes it.

Textual 8 caches `StylesCache.get_inner_outer`, a method, with `functools.lru_cache`, so the cache keeps up to
1,024 widgets' style caches, each with every line it drew, long after the widgets are gone
(https://github.com/Textualize/textual/issues/6665). A coordinator opening case after case all day kept every
closed screen's drawing, and each garbage collection walked it: starting the workbench a few times in one
process (as the tests and benchmarks do) took longer each time. The two colours are the whole key; the cache is
kept, keyed on them alone.
"""

from __future__ import annotations

from functools import lru_cache

from textual._styles_cache import StylesCache
from textual.color import Color
from textual.style import Style

_ENTRY = StylesCache.__dict__.get("get_inner_outer")
_LEAKY = (None if isinstance(_ENTRY, (staticmethod, classmethod)) or not hasattr(_ENTRY, "cache_info")
          else _ENTRY.__wrapped__)
"""The leaking method's own function: a method (not a static or class method) wrapped by `lru_cache`."""


@lru_cache(1024)
def _inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
    """Textual's own method, which never reads its first argument, called without one."""
    assert _LEAKY is not None
    return _LEAKY(None, base_background, background)


def apply() -> None:
    """Replace the leaking method while Textual still has it (a later Textual without the fault is left alone)."""
    if _LEAKY is not None:
        StylesCache.get_inner_outer = staticmethod(_inner_outer)  # type: ignore[assignment,method-assign]
