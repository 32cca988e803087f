"""`python -m bench`: load+validate and full-build timings of synthetic content, with the issue #7 targets.

The validation section times load+validate against a bare libyaml parse of the same files (bench/builds.py
times the builds).

The bare parse (`yaml.load` with CSafeLoader) is the floor any YAML-based loader pays; the target is for
the whole content layer (read, schema, model, references) to stay within 1.5x of it and grow linearly.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from macros.loader import CONTENT_FILES, load_content

from .builds import PAGE_LIMIT, TARGET_BUILD_GROWTH, TARGET_MACROS_SHARE, BuildRow, build_table
from .synthetic import write_synthetic_content

SIZES = (500, 5000)
RUNS = 7
TARGET_RATIO = 1.5


def bare_parse(content_dir: Path) -> None:
    for name in CONTENT_FILES:
        yaml.load((content_dir / f"{name}.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def bare_parse_gc_paused(content_dir: Path) -> None:
    """The same parse with the cyclic GC paused, as load_content runs: the like-for-like floor."""
    gc.disable()
    try:
        bare_parse(content_dir)
    finally:
        gc.enable()


def load_and_validate(content_dir: Path) -> None:
    result = load_content(content_dir, None)
    if result.content is None:
        raise SystemExit("synthetic content did not validate:\n" + "\n".join(map(str, result.errors[:10])))


def median_cpu_seconds(actions: dict[str, Callable[[], None]], runs: int = RUNS) -> dict[str, float]:
    """Median CPU time of each action. Runs are interleaved and timed in process CPU time because the
    machine is shared: other jobs then slow every action alike instead of whichever ran at a bad moment."""
    timings: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            started = time.process_time()
            action()
            timings[name].append(time.process_time() - started)
    return {name: statistics.median(values) for name, values in timings.items()}


def validation_table(sizes: tuple[int, ...], runs: int) -> list[tuple]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-content-") as temporary:
        for events in sizes:
            directory = Path(temporary) / str(events)
            write_synthetic_content(directory, events)
            size = sum((directory / f"{name}.yaml").stat().st_size for name in CONTENT_FILES)
            load_and_validate(directory)  # warm-up: compiles the schemas once, as a real run does
            medians = median_cpu_seconds(
                {
                    "bare": lambda: bare_parse(directory),
                    "bare_paused": lambda: bare_parse_gc_paused(directory),
                    "ours": lambda: load_and_validate(directory),
                },
                runs,
            )
            rows.append((events, size, medians["bare"], medians["bare_paused"], medians["ours"]))
    print(
        f"## Load and validate vs a bare libyaml parse (median CPU time of {runs} interleaved runs, Python {sys.version.split()[0]})"
    )
    print("bare = yaml.load(CSafeLoader) of each file; bare, GC off = the same with the cyclic GC paused, as")
    print("load_content runs; ratios are load+validate over each")
    print()
    print("| events | size | bare parse | bare, GC off | load+validate | vs bare | vs GC off | µs/event |")
    print("|-------:|-----:|-----------:|-------------:|--------------:|--------:|----------:|---------:|")
    for events, size, bare, paused, ours in rows:
        print(
            f"| {events:,} | {size / 1024:.0f} KiB | {bare * 1000:.1f} ms | {paused * 1000:.1f} ms | {ours * 1000:.1f} ms"
            f" | {ours / bare:.2f}× | {ours / paused:.2f}× | {ours / events * 1e6:.1f} |"
        )
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        growth = (large[4] / small[4]) / (large[0] / small[0])
        print(f"\nGrowth {small[0]:,} → {large[0]:,} events: {growth:.2f}× of linear.")
    print()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default=os.environ.get("BENCH_SIZES", "100,1000,5000"),
        help="comma-separated event counts for the build benchmark (env BENCH_SIZES)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=int(os.environ.get("BENCH_RUNS", "3")),
        help="builds per size and per site; the median is reported (env BENCH_RUNS)",
    )
    parser.add_argument("--validation-runs", type=int, default=RUNS)
    parser.add_argument("--skip-validation", action="store_true")
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sizes = tuple(int(size) for size in args.sizes.split(","))

    validation = [] if args.skip_validation else validation_table((500, 5000), args.validation_runs)
    builds = [] if args.skip_build else build_table(sizes, args.runs)
    print("## Targets")
    print()
    verdicts = targets(validation, builds)
    for line in verdicts:
        print(f"- {line}")
    print(f"\n(make bench took {time.perf_counter() - started:.0f} s)")
    return 0


def targets(validation: list[tuple], builds: list[BuildRow]) -> list[str]:
    lines = []
    by_events = {row.events: row for row in builds}

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT MET"

    if 1000 in by_events and 5000 in by_events:
        ratio = by_events[5000].build / by_events[1000].build
        lines.append(
            f"5,000-event build ≤ {TARGET_BUILD_GROWTH}× the 1,000-event build: {ratio:.2f}×, {verdict(ratio <= TARGET_BUILD_GROWTH)}"
        )
    if 1000 in by_events:
        share = by_events[1000].macros_share
        lines.append(
            f"macros' share ≤ {TARGET_MACROS_SHARE:.0%} at 1,000 events: {share:.0%}, {verdict(share <= TARGET_MACROS_SHARE)}"
        )
    if validation:
        worst = max(ours / paused for _, _, _, paused, ours in validation)
        lines.append(
            f"validation ≤ {TARGET_RATIO}× a bare libyaml parse (GC off, worst size): {worst:.2f}×, {verdict(worst <= TARGET_RATIO)}"
        )
    if 5000 in by_events:
        row = by_events[5000]
        lines.append(
            f"no page > 1 MB at 5,000 events: largest {row.largest_page} {row.largest_bytes / 1e6:.2f} MB, {verdict(row.largest_bytes <= PAGE_LIMIT)}"
        )
    return lines


if __name__ == "__main__":
    sys.exit(main())
