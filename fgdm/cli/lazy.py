"""Sub-commands registered by name and imported only when used: click's lazy-loading group, for typer.

Each command's module imports the services, the database layer and the libraries it needs; importing all of
them before parsing an argument made `fgdm --version` take seconds. A `LazyGroup` knows each command by its
module, the name in it (a typer app or a command function) and the one-line summary `--help` lists, so
`fgdm --help` imports none of them, and `fgdm cases` imports only `fgdm.cli.cases`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import typer
from typer import _click
from typer.core import TyperCommand, TyperGroup


@dataclass(frozen=True)
class LazyCommand:
    """Where a sub-command lives, and the summary `fgdm --help` shows for it without importing it."""

    module: str
    attribute: str
    summary: str
    """The first paragraph of the command's help, as its module gives it (a test keeps the two the same)."""

    def load(self, name: str) -> _click.Command:
        """The command as typer makes it: a typer app becomes a group, a function a command of that name."""
        target = getattr(importlib.import_module(self.module), self.attribute)
        holder = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False, add_completion=False)
        if isinstance(target, typer.Typer):
            holder.add_typer(target, name=name)
        else:
            holder.command(name)(target)
        return typer.main.get_group(holder).commands[name]


class LazyCommands(MutableMapping[str, _click.Command]):
    """A group's commands by name, in the order registered; each is imported the first time it is looked up.

    While `summaries` is in force, a command not yet imported is looked up as a stand-in carrying only its
    summary: listing every command in `--help` then imports none.
    """

    def __init__(self, lazy: dict[str, LazyCommand]) -> None:
        self._lazy = lazy
        self._loaded: dict[str, _click.Command] = {}
        self._summaries_only = False

    def __getitem__(self, name: str) -> _click.Command:
        if name not in self._loaded:
            if name not in self._lazy:
                raise KeyError(name)
            if self._summaries_only:
                return TyperCommand(name, help=self._lazy[name].summary)
            self._loaded[name] = self._lazy[name].load(name)
        return self._loaded[name]

    def __setitem__(self, name: str, command: _click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self._loaded.pop(name, None)
        self._lazy.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        yield from self._lazy
        yield from (name for name in self._loaded if name not in self._lazy)

    def __len__(self) -> int:
        return len(self._lazy.keys() | self._loaded.keys())

    @contextmanager
    def summaries(self) -> Iterator[None]:
        self._summaries_only = True
        try:
            yield
        finally:
            self._summaries_only = False


class LazyGroup(TyperGroup):
    """A typer group whose sub-commands (`LAZY`, set by a subclass) are imported on first use."""

    LAZY: dict[str, LazyCommand] = {}

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        commands = LazyCommands(dict(self.LAZY))
        commands.update(self.commands)
        self.commands = commands

    def list_commands(self, ctx: _click.Context) -> list[str]:
        return list(self.commands)

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The list of commands in `--help`, from their summaries: nothing is imported to show it."""
        assert isinstance(self.commands, LazyCommands)
        with self.commands.summaries():
            super().format_commands(ctx, formatter)
