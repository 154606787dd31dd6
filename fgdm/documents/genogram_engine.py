"""The genogram placed by Graphviz's `dot`, when it is installed: the only place fgdm runs dot.

dot is run as a program (`dot -Tplain`) rather than through a Python binding: its plain output is a few
lines to read, and fgdm needs nothing else from Graphviz. Without dot, or if it fails, fgdm's own packer
places the units (`fgdm.domain.genogram.pack`) and the layout says so (`engine`).
"""

from __future__ import annotations

import shutil
import subprocess

from fgdm.domain import genogram
from fgdm.domain.network_picture import NetworkPicture

DOT_TIMEOUT = 30
"""Seconds; a family network is a few dozen boxes, which dot places in well under one."""


def dot_path() -> str | None:
    return shutil.which("dot")


def place_with_dot(family: genogram.GenogramGraph) -> dict[str, int] | None:
    """Each unit's left column as dot places it; None when dot is missing, fails or leaves a unit out."""
    dot = dot_path()
    if dot is None or not family.units:
        return None
    try:
        result = subprocess.run([dot, "-Tplain"], input=genogram.dot_source(family), capture_output=True,
                                text=True, timeout=DOT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lefts = genogram.lefts_from_dot_plain(result.stdout) if result.returncode == 0 else {}
    return lefts if all(unit.key in lefts for unit in family.units) else None


def genogram_layout(picture: NetworkPicture) -> genogram.GenogramLayout:
    """The one layout the printed genogram, the terminal and `network show --format json` draw from."""
    family = genogram.graph(picture)
    lefts = place_with_dot(family)
    if lefts is None:
        return genogram.arrange(family, genogram.pack(family), "packed")
    return genogram.arrange(family, lefts, "dot")


__all__ = ["dot_path", "genogram_layout", "place_with_dot"]
