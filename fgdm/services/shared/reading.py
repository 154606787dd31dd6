"""Reading a JSON file someone hands fgdm (a case file, a backup) without trusting its size or its shape.

The size and the depth of nesting are checked before the parser sees the text, so a file nested a thousand
levels deep or far larger than any real one is refused with one line instead of exhausting the stack or
the memory.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from fgdm.services.shared.errors import ValidationFailed

MAX_DEPTH = 64
"""Far deeper than any case file or backup (they nest about six levels), far shallower than Python's stack."""
CASE_FILE_SIZE_LIMIT = 256 * 1024**2

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def nesting_depth(text: str) -> int:
    """How deeply arrays and objects nest in JSON text, not counting brackets inside strings."""
    depth = deepest = 0
    for bracket in _BRACKET.findall(_STRING.sub("", text)):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def problem_reading(path: Path, *, size_limit: int = CASE_FILE_SIZE_LIMIT) -> tuple[Any, str | None]:
    """The parsed file, or why it cannot be read (missing, too big, not UTF-8, not JSON, nested too deeply)."""
    try:
        size = path.stat().st_size
        if size > size_limit:
            return None, f"is {size:,} bytes, larger than the {size_limit:,} a file of this kind may be"
        text = path.read_text(encoding="utf-8")
    except IsADirectoryError:
        return None, "is a folder, not a file"
    except OSError as error:
        return None, f"cannot be read: {error.strerror or error}"
    except UnicodeDecodeError:
        return None, "is not UTF-8 text; save it as UTF-8"
    if nesting_depth(text) > MAX_DEPTH:
        return None, f"is nested more than {MAX_DEPTH} levels deep, so it cannot be a case file or backup"
    try:
        return json.loads(text), None
    except json.JSONDecodeError as error:
        return None, f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
    except RecursionError:
        return None, f"is nested more than {MAX_DEPTH} levels deep, so it cannot be a case file or backup"


def read_json(path: Path, *, field: str, size_limit: int = CASE_FILE_SIZE_LIMIT) -> Any:
    """The parsed file, or ValidationFailed naming the file and what is wrong with it."""
    document, problem = problem_reading(path, size_limit=size_limit)
    if problem is not None:
        raise ValidationFailed.one(field, f"{path.name} {problem}")
    return document
