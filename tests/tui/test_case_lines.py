"""A long group of case lines shows its first few and a "more" line that shows the rest where it stands."""

from __future__ import annotations

from textual.app import App, ComposeResult

from fgdm.services.home import CaseLine
from fgdm.tui.widgets.case_lines import SHOWN, CaseLines, LineGroup


class LinesApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[int] = []

    def compose(self) -> ComposeResult:
        yield CaseLines(empty="Nothing.", id="lines")

    def on_case_lines_case_chosen(self, message: CaseLines.CaseChosen) -> None:
        self.chosen.append(message.case_id)


def group(key: str, count: int, first_id: int) -> LineGroup:
    lines = [CaseLine(first_id + n, f"FG-2026-{first_id + n:04d}", "Zoë O'Brien") for n in range(count)]
    return LineGroup(f"{key} ({count})", lines, key)


def prompts(lines: CaseLines) -> list[str]:
    return [str(lines.get_option_at_index(i).prompt) for i in range(lines.option_count)]


async def test_a_long_group_shows_its_first_lines_and_the_rest_on_enter() -> None:
    app = LinesApp()
    async with app.run_test() as pilot:
        lines = app.query_one(CaseLines)
        groups = [group("referred", 20, 100), group("preparing", SHOWN + 1, 200)]
        lines.show_groups(groups)
        await pilot.pause()
        shown = prompts(lines)
        assert shown[0] == "referred (20)"
        assert shown[SHOWN + 1] == f"… {20 - SHOWN} more: Enter shows them"
        assert "FG-2026-0108" not in "".join(shown)
        assert len(shown) == (1 + SHOWN + 1) + (1 + SHOWN + 1), "a group one line longer than SHOWN is shown whole"
        lines.focus()
        await pilot.press(*["down"] * SHOWN, "enter")         # the "more" line
        await pilot.pause()
        shown = prompts(lines)
        assert [p for p in shown if p.startswith("FG-2026-01")] == [f"FG-2026-{100 + n:04d}  Zoë O'Brien"
                                                                    for n in range(20)]
        assert not any("more:" in p for p in shown)
        assert lines.highlighted == SHOWN + 1, "the first line just shown is highlighted"
        await pilot.press("enter")
        assert app.chosen == [100 + SHOWN]
        lines.show_groups([group("referred", 21, 100), group("preparing", SHOWN + 1, 200)])
        await pilot.pause()
        assert not any("more:" in p for p in prompts(lines)), "a refresh keeps an opened group open"


class PartApp(LinesApp):
    """Answers a group's request for the rest of its lines, as home does from the records."""

    def __init__(self, whole: LineGroup) -> None:
        super().__init__()
        self.whole = whole
        self.wanted: list[str] = []

    def on_case_lines_lines_wanted(self, message: CaseLines.LinesWanted) -> None:
        self.wanted.append(message.key)
        self.query_one(CaseLines).show_lines(message.key, self.whole.lines)


async def test_a_group_given_only_its_first_lines_asks_for_the_rest_when_its_more_line_is_chosen() -> None:
    whole = group("referred", 30, 100)
    app = PartApp(whole)
    async with app.run_test() as pilot:
        lines = app.query_one(CaseLines)
        lines.show_groups([LineGroup(whole.heading, whole.lines[:SHOWN + 1], "referred", listed=30)])
        await pilot.pause()
        shown = prompts(lines)
        assert shown[SHOWN + 1] == f"… {30 - SHOWN} more: Enter shows them"
        assert len(shown) == 1 + SHOWN + 1
        lines.focus()
        await pilot.press(*["down"] * SHOWN, "enter")
        await pilot.pause()
        assert app.wanted == ["referred"]
        assert [p for p in prompts(lines) if p.startswith("FG-")] == [f"FG-2026-{100 + n:04d}  Zoë O'Brien"
                                                                      for n in range(30)]
        assert lines.highlighted == SHOWN + 1, "the first line just shown is highlighted"
        assert lines.opened == {"referred"}
        lines.show_groups([LineGroup(whole.heading, whole.lines[:SHOWN + 1], "referred", listed=30)])
        await pilot.pause()
        assert prompts(lines)[SHOWN + 1].startswith("… 22 more"), "given in part again, it asks again"
