"""How the workbench treats Python's garbage collector while it first starts, and once it has.

Starting makes some 180,000 objects that live as long as the session (modules, classes, SQLAlchemy mappings,
compiled queries, stylesheets, widgets). Python's full collections kept walking all of them as they were
made: 90 to 100 ms of a large service's first start of 260 ms, and 110 to 160 ms at each full collection
later, as a stutter during use. So the first start in a process postpones full collections (young objects are
still collected, so little garbage survives), and once home has shown its first data what the start made is
frozen out of every later collection and the usual thresholds come back.

Only the first start: a later workbench in the same process (the tests start hundreds) finds the frozen
objects in place, and freezing again would keep every earlier workbench's leftovers for good.

The `fgdm` command postpones them from the moment it starts (`fgdm.cli.main`), as its imports make most of those
objects, and ends the start once a sub-command is imported, or, for the workbench, once home has its data.
"""

from __future__ import annotations

import gc

POSTPONED = 1_000_000
"""The third threshold while first starting: full collections wait for the end of the start."""


class _StartUp:
    usual: tuple[int, int, int] | None = None
    frozen = False


def postpone_full_collections() -> None:
    """Called as the `fgdm` command starts and as the workbench loads (which then changes nothing)."""
    if not _StartUp.frozen and _StartUp.usual is None:
        _StartUp.usual = gc.get_threshold()
        gc.set_threshold(_StartUp.usual[0], _StartUp.usual[1], POSTPONED)


def start_up_over() -> None:
    """Called once home's first read has ended, however it ended, and when the workbench closes; and by the
    command line once it has imported a sub-command. Only a start that postponed collections ends."""
    if _StartUp.frozen or _StartUp.usual is None:
        return
    gc.freeze()
    _StartUp.frozen = True
    if _StartUp.usual is not None:
        gc.set_threshold(*_StartUp.usual)
        _StartUp.usual = None
