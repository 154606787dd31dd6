"""The sandboxed template engine for letters a council can edit: Jinja2 text in, plain text out.

Three promises, each tested:
- text from the database is data, never template code: values are only ever substituted, so a person
  called ``{{ 7*7 }}`` is printed as written;
- a mistake in a template reports the template, the line and the field, before any file is written;
- data never turns into layout either: only the template's own lines can be headings or bullets;
- a value the recipient must not learn is put in the context as `Withheld`, and a template that asks for
  it stops generation with the reason, rather than printing a blank that hides the mistake.

Templates are found in the council's folder (``settings.template_dir``) first and the shipped ones second,
file by file, so a council can override only the letter it wants to change.
"""

from __future__ import annotations

import hashlib
import re
import threading
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NoReturn

from jinja2 import FileSystemLoader, StrictUndefined, TemplateNotFound, TemplateSyntaxError, UndefinedError, meta
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from fgdm.i18n import catalog_path, translations


def shipped_templates_dir() -> Path:
    """The shipped templates: beside the package when installed, at the repository top in a checkout."""
    shipped = Path(__file__).parent.parent / "_shipped" / "templates"
    return shipped if shipped.is_dir() else Path(__file__).parent.parent.parent / "templates"


def template_search_path(council_dir: Path | None) -> list[Path]:
    return [council_dir, shipped_templates_dir()] if council_dir else [shipped_templates_dir()]


class TemplateProblem(Exception):
    """A template that cannot be rendered: where, and which field, so a council's editor can fix it."""

    def __init__(self, template: str, line: int | None, field: str | None, detail: str) -> None:
        self.template, self.line, self.field, self.detail = template, line, field, detail
        where = f"{template}, line {line}" if line else template
        about = f" (field {field!r})" if field else ""
        super().__init__(f"{where}{about}: {detail}")


class WithheldFieldRequested(Exception):
    """A template asked for something its recipient must not learn; nothing was written."""

    def __init__(self, template: str, line: int | None, field: str, reason: str) -> None:
        self.template, self.line, self.field, self.reason = template, line, field, reason
        where = f"{template}, line {line}" if line else template
        super().__init__(f"{where} asks for {field}, which cannot go in this letter: {reason}")


class _WithheldAccess(Exception):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(field)
        self.field, self.reason = field, reason


class Withheld:
    """A field that exists for other recipients but not this one: any use of it stops the rendering."""

    __slots__ = ("field", "reason")

    def __init__(self, field: str, reason: str) -> None:
        object.__setattr__(self, "field", field)
        object.__setattr__(self, "reason", reason)

    def refuse(self, *_args: Any, **_kwargs: Any) -> NoReturn:
        raise _WithheldAccess(self.field, self.reason)

    __str__ = __format__ = __bool__ = __iter__ = __len__ = __html__ = __getitem__ = __contains__ = refuse
    __eq__ = __lt__ = __add__ = __radd__ = __mod__ = __call__ = refuse
    __hash__ = None  # type: ignore[assignment]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        self.refuse()

    def __repr__(self) -> str:
        return f"Withheld({self.field!r})"


class _LetterSandbox(SandboxedEnvironment):
    """The Jinja2 sandbox, which also refuses a Withheld value the moment a template reaches for it."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        return _guard(super().getattr(obj, attribute))

    def getitem(self, obj: Any, argument: Any) -> Any:
        return _guard(super().getitem(obj, argument))


def _guard(value: Any) -> Any:
    if isinstance(value, Withheld):
        value.refuse()
    return value


HEADING_1, HEADING_2, BULLET, END_OF_BLOCK = "\ue001", "\ue002", "\ue003", "\ue000"
"""Layout marks: the loader turns a template line's ``# ``, ``## `` and ``- `` into a start mark and its end
into `END_OF_BLOCK`, so a heading or bullet is a delimited block, not a line shape. The marks are private-use
characters, not whitespace, so no whitespace control (``-#}``, ``-%}``) can strip or merge them, and data can
never contain them (see `_finalize`): only the template's own text can make a heading or a bullet."""

LAYOUT_MARKS = HEADING_1 + HEADING_2 + BULLET + END_OF_BLOCK
_TEMPLATE_MARKS = (("## ", HEADING_2), ("# ", HEADING_1), ("- ", BULLET))


_STATEMENT_LINE = re.compile(r"^[ \t]*\{%-?\s*(?!trans\b|endtrans\b|pluralize\b)[^%]*%\}[ \t]*$")
"""A line holding nothing but a statement ({% if %}, {% endfor %}, {% include %}): it prints no line of its own."""

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ue000-\ue003]")
"""Characters a Word file cannot hold, and the layout marks: never printed from data."""


def _mark_layout(source: str) -> str:
    """Turn the template's layout into delimited blocks, and make statement-only lines vanish.

    A vanishing line's newline goes inside a template comment, so Jinja still counts it and an error's
    line number is the one the council's editor sees.
    """
    marked = []
    for line in source.split("\n"):
        for written, mark in _TEMPLATE_MARKS:
            if line.startswith(written):
                line = mark + line[len(written):] + END_OF_BLOCK
                break
        marked.append(line)
    pieces = [line + ("{#\n#}" if _STATEMENT_LINE.match(line) else "\n") for line in marked[:-1]]
    return "".join(pieces) + marked[-1]


class _LayoutLoader(FileSystemLoader):
    def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        return _mark_layout(source), filename, uptodate


def _finalize(value: Any) -> Any:
    """Every printed value: refuse Withheld ones, and keep data from carrying a layout mark or a control
    character (a pasted ``\\x1e`` would otherwise stop the whole document being written)."""
    value = _guard(value)
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    return value


@dataclass(frozen=True)
class Block:
    """One block of a rendered letter: a heading, a bullet or a paragraph (whose lines stay separate)."""

    style: str
    """``Heading1``, ``Heading2``, ``ListBullet`` or ``Normal``: the Word style id it is written with."""
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


_STYLE_OF_MARK = {HEADING_1: "Heading1", HEADING_2: "Heading2", BULLET: "ListBullet"}
_MARKED = re.compile(f"([{HEADING_1}{HEADING_2}{BULLET}])([^{LAYOUT_MARKS}]*){END_OF_BLOCK}")


def layout_blocks(text: str) -> list[Block]:
    """The rendered text as blocks: each marked block exactly as delimited, whatever whitespace control did
    around it; the text between them split into paragraphs at blank lines."""
    blocks: list[Block] = []
    position = 0
    for match in _MARKED.finditer(text):
        blocks.extend(_paragraphs(text[position:match.start()]))
        words = " ".join(match.group(2).split())
        if words:
            blocks.append(Block(_STYLE_OF_MARK[match.group(1)], (words,)))
        position = match.end()
    blocks.extend(_paragraphs(text[position:]))
    return blocks


def _paragraphs(text: str) -> list[Block]:
    paragraphs, current = [], []
    for raw in text.replace("\r", "").split("\n"):
        line = raw.translate(_UNMARK).strip()
        if line:
            current.append(line)
        elif current:
            paragraphs.append(Block("Normal", tuple(current)))
            current = []
    if current:
        paragraphs.append(Block("Normal", tuple(current)))
    return paragraphs


_UNMARK = str.maketrans("", "", LAYOUT_MARKS)


def plain_text(text: str) -> str:
    """The rendered text as a reader sees it: blocks on their own lines, marks gone."""
    return "\n\n".join(block.text for block in layout_blocks(text))


@dataclass(frozen=True)
class Rendered:
    text: str
    template_name: str
    template_path: Path
    template_version: str


_INCLUDES: dict[tuple[tuple[str, ...], str], tuple[list[Path], tuple[int, ...]]] = {}
"""Each template's files (itself and what it includes) by template folders and name, kept while none of the files
has changed."""
_INCLUDES_LOCK = threading.Lock()


def _modified(files: Sequence[Path]) -> tuple[int, ...]:
    return tuple(path.stat().st_mtime_ns for path in files)


def _files_of(env: SandboxedEnvironment, name: str) -> list[Path]:
    """`_template_files`, parsed again only once a file of them has changed (parsing every template of a letter
    again for each letter took an eighth of writing one)."""
    assert isinstance(env.loader, FileSystemLoader)
    key = (tuple(env.loader.searchpath), name)
    with _INCLUDES_LOCK:
        kept = _INCLUDES.get(key)
    try:
        if kept is not None and _modified(kept[0]) == kept[1]:
            return kept[0]
    except OSError:
        pass  # a file gone: find them again, which says which
    files = _template_files(env, name, {name})
    with _INCLUDES_LOCK:
        _INCLUDES[key] = (files, _modified(files))
    return files


def _template_files(env: SandboxedEnvironment, name: str, seen: set[str]) -> list[Path]:
    """The template and every template it includes, by name, as the loader finds them."""
    assert env.loader is not None
    source, filename, _uptodate = env.loader.get_source(env, name)
    files = [Path(filename or name)]
    for included in meta.find_referenced_templates(env.parse(source)):
        if included is not None and included not in seen:
            seen.add(included)
            files.extend(_template_files(env, included, seen))
    return files


def template_version(files: Sequence[Path]) -> str:
    """A SHA-256 over the files a letter's wording came from: the template, what it includes, and the
    language's catalog. Any edit to any of them gives a new version, so a letter can be traced to its text."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=64)
def _environment(search_path: tuple[Path, ...], language: str, domain: str) -> _LetterSandbox:
    """One environment per template folders, language and catalog, kept: Jinja keeps each template compiled in
    it and compiles again only a file that changed on disk; a new one for each letter compiled every template
    again, a quarter of writing one. (The language's catalog is read once a process, as `translations` is.)"""
    env = _LetterSandbox(loader=_LayoutLoader([str(p) for p in search_path], encoding="utf-8"),
                         undefined=StrictUndefined, autoescape=False, finalize=_finalize,
                         extensions=["jinja2.ext.i18n"], keep_trailing_newline=True, lstrip_blocks=True)
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(translations(language, domain), newstyle=True)  # type: ignore[attr-defined]
    return env


_MISSING = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'|no element '?([^']+?)'?$")


def _template_line(error: BaseException, search_path: Sequence[Path]) -> tuple[str | None, int | None]:
    """The innermost frame that belongs to a template file: Jinja maps its line numbers to the source."""
    roots = [str(p.resolve()) for p in search_path]
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        filename = str(Path(frame.filename).resolve()) if frame.filename else ""
        for root in roots:
            if filename.startswith(root + "/"):
                return filename[len(root) + 1:], frame.lineno
    return None, None


def render(name: str, context: Mapping[str, Any], *, language: str, search_path: Sequence[Path],
           domain: str = "letters") -> Rendered:
    """Render a template in a language (English where the catalog lacks a message) to plain text."""
    env = _environment(tuple(search_path), language, domain)
    try:
        template = env.get_template(name)
    except TemplateNotFound as error:
        folders = ", ".join(str(p) for p in search_path)
        raise TemplateProblem(name, None, None, f"template {error.name} not found in {folders}") from None
    except TemplateSyntaxError as error:
        raise TemplateProblem(error.name or name, error.lineno, None, error.message or str(error)) from None
    path = Path(template.filename or name)
    try:
        text = template.render(**context)
    except TemplateNotFound as error:
        where, line = _template_line(error, search_path)
        raise TemplateProblem(where or name, line, None, f"template {error.name} not found") from None
    except _WithheldAccess as error:
        where, line = _template_line(error, search_path)
        raise WithheldFieldRequested(where or name, line, error.field, error.reason) from None
    except UndefinedError as error:
        where, line = _template_line(error, search_path)
        found = _MISSING.search(str(error))
        field = next((g for g in found.groups() if g), None) if found else None
        raise TemplateProblem(where or name, line, field,
                              f"{error.message}; the fields a letter can use are listed in docs/translation.md"
                              ) from None
    except TemplateSyntaxError as error:
        raise TemplateProblem(error.name or name, error.lineno, None, error.message or str(error)) from None
    except SecurityError as error:
        where, line = _template_line(error, search_path)
        raise TemplateProblem(where or name, line, None, f"not allowed in a letter template: {error}") from None
    except (TypeError, ValueError, KeyError) as error:
        where, line = _template_line(error, search_path)
        raise TemplateProblem(where or name, line, None, str(error)) from None
    catalog = catalog_path(language, domain) if not language.startswith("en") else None
    try:
        files = [*_files_of(env, name), *([catalog] if catalog else [])]
    except TemplateNotFound as error:
        raise TemplateProblem(name, None, None, f"template {error.name} (included) not found") from None
    return Rendered(text=text, template_name=name, template_path=path, template_version=template_version(files))
