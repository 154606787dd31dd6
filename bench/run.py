"""fgdm's performance targets, each measured against a floor taken in the same run.

    python bench/run.py --size large [--url URL] [--repeat 11] [--no-write] [--only tui_start]

Every figure is the median of --repeat runs, shown in milliseconds and as a ratio to its floor: the
simplest way to get the same result on this machine, now (hand-written SQL, a bare Textual app, a blank
python-docx document). Ratios make the targets independent of the machine; timings never fail CI.
Results go to bench/results.json unless --no-write.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import measures  # noqa: E402
import measures_app  # noqa: E402
import measures_case  # noqa: E402
import measures_census  # noqa: E402
import measures_documents  # noqa: E402
import measures_process  # noqa: E402
from generate import SIZES, generate  # noqa: E402

ALL: list[Callable[[measures.Bench], measures.Result | list[measures.Result]]] = [
    measures_process.version, measures_process.help_text, measures_process.workbench_first_look,
    measures_process.workbench_start,
    measures_process.cli_commands, measures_process.import_process, measures_app.tui_start, measures.case_search,
    measures_case.open_case, measures_case.quarterly_return, measures_census.cin_module5,
    measures_documents.offer_letter, measures_documents.family_plan, measures_app.import_case_files,
    measures_app.browsing_memory]


@dataclass
class Figure:
    measure: str
    ms: float
    floor_ms: float | None
    ratio: float | None
    target: str
    met: bool | None
    note: str = ""
    unit: str = "ms"
    spread: str = ""


def _load(averages: tuple[float, float, float]) -> str:
    """Load averages over 1, 5 and 15 minutes, as `uptime` gives them: this machine is shared."""
    return ", ".join(f"{average:.2f}" for average in averages)


def figure_of(result: measures.Result) -> Figure:
    ratio = result.ms / result.floor_ms if result.floor_ms else None
    return Figure(measure=result.name, ms=round(result.ms, 2),
                  floor_ms=None if result.floor_ms is None else round(result.floor_ms, 2),
                  ratio=None if ratio is None else round(ratio, 2), target=result.target, met=result.met(ratio),
                  note=result.note, unit=result.unit, spread=result.spread)


def database_for(size: str, url: str | None) -> str:
    """A generated database of this size, kept in bench/.cache between runs (it is deterministic)."""
    if url:
        return url
    cache = ROOT / "bench" / ".cache"
    cache.mkdir(exist_ok=True)
    path = cache / f"{size}.sqlite3"
    if not path.exists():
        partial = path.with_suffix(".partial")
        for leftover in cache.glob(f"{partial.name}*"):
            leftover.unlink()
        generate(f"sqlite:///{partial}", size)
        partial.rename(path)
    return f"sqlite:///{path}"


def working_copy(url: str, scratch: Path) -> str:
    """A scratch copy of a cached SQLite database, so letters and audit rows written while measuring
    never change the cache; other back-ends are measured in place (a few rows more each run)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return url
    copy = scratch / "bench.sqlite3"
    shutil.copyfile(url[len(prefix):], copy)
    return f"{prefix}{copy}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=sorted(SIZES), default="smoke")
    parser.add_argument("--url", help="an already generated database (default: generate into bench/.cache)")
    # Eleven, not the five the targets ask for at least: on this shared machine a floor of 100 ms takes 80 or
    # 100 by turns, and a median of five pairs swung a ratio by a third from one run to the next.
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--no-write", action="store_true", help="print only; do not update bench/results.json")
    parser.add_argument("--only", help="run only the measures whose name contains this (implies --no-write)")
    arguments = parser.parse_args()
    chosen = [measure for measure in ALL if arguments.only is None or arguments.only in measure.__name__]

    url = database_for(arguments.size, arguments.url)
    load_before = os.getloadavg()
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="fgdm-bench-") as scratch:
        bench = measures.Bench(url=working_copy(url, Path(scratch)), scratch=Path(scratch), repeat=arguments.repeat)
        for measure in chosen:
            started = time.perf_counter()
            measured = measure(bench)
            results = measured if isinstance(measured, list) else [measured]
            print(f"measured {measure.__name__} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            figures.extend(figure_of(result) for result in results)
        bench.close()

    load = f"load average {_load(load_before)} before, {_load(os.getloadavg())} after ({os.cpu_count()} cores)"
    print(load)
    width = max(len(f.measure) for f in figures)
    print(f"{'measure':<{width}}  {'value':>9}  {'unit':<4}  {'floor ms':>9}  {'ratio':>6}  {'target':<22}  met")
    for f in figures:
        floor = "" if f.floor_ms is None else f"{f.floor_ms:9.2f}"
        ratio = "" if f.ratio is None else f"{f.ratio:6.2f}"
        met = {True: "yes", False: "NO", None: "-"}[f.met]
        notes = "; ".join(part for part in (f.note, f.spread and f"spread {f.spread} ms") if part)
        print(f"{f.measure:<{width}}  {f.ms:9.2f}  {f.unit:<4}  {floor:>9}  {ratio:>6}  {f.target:<22}  {met}  "
              f"{notes}")
    if not (arguments.no_write or arguments.only):
        payload = {"size": arguments.size, "url": url.split("@")[-1], "load": load,
                   "figures": [asdict(f) for f in figures]}
        (ROOT / "bench" / "results.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
