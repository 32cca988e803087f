"""Full `mkdocs build` timings of synthetic sites against a plain-Material baseline (issue #7).

Each build runs in a fresh child process (bench/child.py), as `mkdocs build` does, so imports and the
template cache are paid every time. Builds of the macros site and of its baseline alternate, so a busy
machine slows both alike; the median of the runs is reported."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from macros.loader import load_content

from .project import ROOT, write_baseline_project, write_site_project

PAGE_LIMIT = 1_000_000  # bytes: no built page above 1 MB
TARGET_BUILD_GROWTH = 5.5  # the 5,000-event build at most 5.5x the 1,000-event one
TARGET_MACROS_SHARE = 0.25  # the macros' handlers at most a quarter of the 1,000-event build


@dataclass(frozen=True)
class BuildRow:
    events: int
    pages: int
    load_validate: float  # CPU seconds, one load in this process
    build: float  # median CPU seconds of the whole build (config load included), measured in the child
    macros: float  # median CPU seconds inside the macros plugin's and hooks' handlers
    baseline: float  # median CPU seconds of the plain-Material build of the same pages
    build_wall: float  # median wall seconds of the whole build
    largest_page: str
    largest_bytes: int

    @property
    def macros_share(self) -> float:
        return self.macros / self.build


def timed_build(config_file: Path, site_dir: Path) -> dict[str, float]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run(
        [sys.executable, "-m", "bench.child", str(config_file), str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if run.returncode != 0:
        raise SystemExit(f"build of {config_file} failed:\n{run.stderr[-3000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def largest_page(site_dir: Path) -> tuple[str, int]:
    sizes = {path: path.stat().st_size for path in site_dir.rglob("*.html")}
    path = max(sizes, key=sizes.__getitem__)
    return path.relative_to(site_dir).as_posix(), sizes[path]


def measure(events: int, runs: int, workdir: Path) -> BuildRow:
    project = write_site_project(workdir / "site-project", events)
    content_dir = workdir / "site-project" / "content"
    started = time.process_time()
    result = load_content(content_dir, project.parent / "docs")
    load_validate = time.process_time() - started  # CPU time, one cold load (the schemas compiled too)
    if result.content is None:
        raise SystemExit("synthetic content did not validate:\n" + "\n".join(map(str, result.errors[:10])))
    site_dir = workdir / "site"
    timed_build(project, site_dir)  # warm-up (disk cache, .pyc); its output feeds the baseline
    baseline = write_baseline_project(workdir / "baseline-project", project, site_dir)
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    site_runs, baseline_runs = [], []
    for _ in range(runs):
        site_runs.append(timed_build(project, site_dir))
        baseline_runs.append(timed_build(baseline, workdir / "baseline-site"))
    name, size = largest_page(site_dir)
    return BuildRow(
        events=events,
        pages=pages,
        load_validate=load_validate,
        build=statistics.median(r["build"] for r in site_runs),
        macros=statistics.median(r["macros"] for r in site_runs),
        baseline=statistics.median(r["build"] for r in baseline_runs),
        build_wall=statistics.median(r["build_wall"] for r in site_runs),
        largest_page=name,
        largest_bytes=size,
    )


def build_table(sizes: tuple[int, ...], runs: int) -> list[BuildRow]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as temporary:
        for events in sizes:
            rows.append(measure(events, runs, Path(temporary) / str(events)))
            print(f"(built {events:,} events)", file=sys.stderr, flush=True)
    print(f"## Full build (median of {runs} builds each in a child process, CPU time; Python {sys.version.split()[0]})")
    print("build = `mkdocs build --strict` from config load to the last file written (CPU time: other jobs")
    print("on a shared machine stretch wall time, shown as 'wall'); macros = CPU time inside")
    print("the macros plugin's and the hooks' handlers (content load, every macro call, generated pages, open")
    print("data); baseline = a plain Material site (search only) of the same pages and text, no macros")
    print()
    print(
        "| events | pages | load+validate | build | wall | macros | macros' share | baseline | vs baseline | largest page |"
    )
    print(
        "|-------:|------:|--------------:|------:|-----:|-------:|--------------:|---------:|------------:|:-------------|"
    )
    for row in rows:
        print(
            f"| {row.events:,} | {row.pages} | {row.load_validate:.2f} s | {row.build:.2f} s | {row.build_wall:.1f} s | {row.macros:.2f} s"
            f" | {row.macros_share:.0%} | {row.baseline:.2f} s | {row.build / row.baseline:.2f}×"
            f" | {row.largest_page}, {row.largest_bytes / 1024:.0f} KiB |"
        )
    for small, large in zip(rows, rows[1:]):
        print(
            f"\nBuild {small.events:,} → {large.events:,} events: {large.build / small.build:.2f}× "
            f"({large.events / small.events:.0f}× the events)",
            end="",
        )
    print("\n")
    return rows
