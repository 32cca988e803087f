"""`python -m bench`: time load+validate of synthetic content against a bare libyaml parse of the same files.

The bare parse (`yaml.load` with CSafeLoader) is the floor any YAML-based loader pays; the target is for
the whole content layer (read, schema, model, references) to stay within 1.5x of it and grow linearly.
"""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import yaml

from macros.loader import CONTENT_FILES, load_content

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


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-content-") as temporary:
        for events in SIZES:
            directory = Path(temporary) / str(events)
            write_synthetic_content(directory, events)
            size = sum((directory / f"{name}.yaml").stat().st_size for name in CONTENT_FILES)
            load_and_validate(directory)  # warm-up: compiles the schemas once, as a real run does
            medians = median_cpu_seconds({
                "bare": lambda: bare_parse(directory),
                "bare_paused": lambda: bare_parse_gc_paused(directory),
                "ours": lambda: load_and_validate(directory),
            })
            rows.append((events, size, medians["bare"], medians["bare_paused"], medians["ours"]))
    print(f"content layer vs bare libyaml parse (median CPU time of {RUNS} interleaved runs, Python {sys.version.split()[0]})")
    print("bare = yaml.load(CSafeLoader) of each file; bare/gc-off = the same with the cyclic GC paused, as")
    print("load_content runs; ratios are load+validate over each")
    header = f"{'events':>7} {'size':>9} {'bare':>10} {'bare/gc-off':>12} {'load+validate':>14} {'vs bare':>8} {'vs gc-off':>10} {'µs/event':>9}"
    print(header)
    for events, size, bare, paused, ours in rows:
        print(
            f"{events:>7} {size / 1024:>6.0f}KiB {bare * 1000:>8.1f}ms {paused * 1000:>10.1f}ms {ours * 1000:>12.1f}ms"
            f" {ours / bare:>7.2f}x {ours / paused:>9.2f}x {ours / events * 1e6:>9.1f}"
        )
    small, large = rows[0], rows[-1]
    growth = (large[4] / small[4]) / (large[0] / small[0])
    print(f"load+validate growth {small[0]}->{large[0]} events: {growth:.2f}x of linear; target: <= {TARGET_RATIO}x the bare parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
