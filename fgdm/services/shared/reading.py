"""Reading a JSON file someone hands fgdm (a case file, a backup) without trusting its size or its shape.

The size is checked before the file is read, so a file far larger than any real one is refused with one line
instead of exhausting the memory. Depth is checked on what the parser made: Python's JSON parser refuses a file
nested deeper than its own stack allows (RecursionError, answered with the same line), and anything nested more
than `MAX_DEPTH` is refused before any check that walks it by recursion sees it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

from fgdm.domain.validation import json_text_is_plain
from fgdm.services.shared.errors import ValidationFailed

MAX_DEPTH = 64
"""Far deeper than any case file or backup (they nest about six levels), far shallower than Python's stack."""
CASE_FILE_SIZE_LIMIT = 256 * 1024**2

_CONTAINERS = (dict, list)

_TOO_DEEP = f"is nested more than {MAX_DEPTH} levels deep, so it cannot be a case file or backup"


def nesting_depth(value: Any) -> int:
    """How deeply arrays and objects nest in a parsed JSON value (walked without recursion, containers only:
    scanning the text instead, strings and all, took a tenth of a 1,000-file import).

    Walked a level at a time, each level one comprehension: a stack of (container, depth) pairs took twice as
    long, a twentieth of the import.
    """
    depth = 0
    level = [value] if isinstance(value, _CONTAINERS) else []
    while level:
        depth += 1
        level = [child for item in level for child in (item.values() if isinstance(item, dict) else item)
                 if isinstance(child, _CONTAINERS)]
    return depth


class Reading(NamedTuple):
    """A file read: its parsed content or why it cannot be read, and whether its text was plain (see
    `json_text_is_plain`: no control character or NUL can be in the content)."""

    document: Any
    problem: str | None
    plain: bool = False


def reading_of(path: Path, *, size_limit: int = CASE_FILE_SIZE_LIMIT) -> Reading:
    """The parsed file, or why it cannot be read, and whether its text was plain (a case file on the command line:
    a backup need not be looked at for that)."""
    document, problem, text = _parsed(path, size_limit)
    return Reading(document, problem, problem is None and json_text_is_plain(text))


def problem_reading(path: Path, *, size_limit: int = CASE_FILE_SIZE_LIMIT) -> tuple[Any, str | None]:
    """The parsed file, or why it cannot be read (missing, too big, not UTF-8, not JSON, nested too deeply)."""
    document, problem, _ = _parsed(path, size_limit)
    return document, problem


def _parsed(path: Path, size_limit: int) -> tuple[Any, str | None, str]:
    """The parsed file or why it cannot be read, and its text (empty where it was not read)."""
    try:
        size = path.stat().st_size
        if size > size_limit:
            return None, f"is {size:,} bytes, larger than the {size_limit:,} a file of this kind may be", ""
        text = path.read_text(encoding="utf-8")
    except IsADirectoryError:
        return None, "is a folder, not a file", ""
    except OSError as error:
        return None, f"cannot be read: {error.strerror or error}", ""
    except UnicodeDecodeError:
        return None, "is not UTF-8 text; save it as UTF-8", ""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        return None, f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}", text
    except RecursionError:
        return None, _TOO_DEEP, text
    if nesting_depth(document) > MAX_DEPTH:
        return None, _TOO_DEEP, text
    return document, None, text


def read_json(path: Path, *, field: str, size_limit: int = CASE_FILE_SIZE_LIMIT) -> Any:
    """The parsed file, or ValidationFailed naming the file and what is wrong with it."""
    document, problem = problem_reading(path, size_limit=size_limit)
    if problem is not None:
        raise ValidationFailed.one(field, f"{path.name} {problem}")
    return document
