"""What the workbench does once per process, when it has started."""

from __future__ import annotations

import functools
import gc


@functools.cache
def freeze_start_up_objects() -> None:
    """Leave the objects made while starting the workbench out of every later garbage collection.

    The modules, classes, SQLAlchemy mappings, compiled queries and stylesheets made by the time home first
    shows its data (about 280,000 tracked objects on a large service) live as long as the session, yet each
    full collection walked them all: 110 to 160 ms, in most starts and as a stutter later. Frozen, a full
    collection walks only what the session made since (10 to 50 ms). Once per process, so a test run that
    starts many workbenches does not keep each one's leftovers for good.
    """
    gc.freeze()
