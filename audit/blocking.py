"""Main-thread blocking time of pages in Chromium with a 4x CPU slowdown, median of several loads.

    python -m audit.blocking [SITE_DIR ...] [--runs 5] [--pages timeline/ figures/]

Lighthouse's total blocking time is simulated from one trace and swings by a second between runs on
this machine; this measures the same quantity (the part of each long task past 50 ms, from first
contentful paint until 3 s after load) directly, several times, so that two builds can be compared:
give two site directories (e.g. before and after a change) and it prints both, page by page. Without
one it builds the site into .audit/site first, as `make audit` does.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from .server import serve

CPU_SLOWDOWN = 4  # Lighthouse's mobile default
VIEWPORT = {"width": 412, "height": 823}  # Lighthouse's mobile screen
SETTLE_MS = 3000
BROWSER_PATH = "/usr/bin/chromium"
# Collects long tasks from the start of the load (buffered), before any script of the page runs.
_OBSERVE = (
    "window.__longTasks = [];"
    "new PerformanceObserver(list => { for (const e of list.getEntries())"
    " window.__longTasks.push([e.startTime, e.duration]); }).observe({type: 'longtask', buffered: true});"
)


def blocking_time(long_tasks: list[tuple[float, float]], first_paint: float) -> float:
    """Total blocking time: what each task that starts after first paint spends past 50 ms."""
    return sum(max(0.0, duration - 50.0) for start, duration in long_tasks if start >= first_paint)


def measure(site_dirs: list[Path], pages: list[str], runs: int) -> dict[tuple[str, str], list[float]]:
    from playwright.sync_api import sync_playwright

    servers = [serve(site_dir) for site_dir in site_dirs]
    results: dict[tuple[str, str], list[float]] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=BROWSER_PATH, args=["--no-sandbox"])
            for _ in range(runs):  # interleaved, so that a busy moment of the machine hits every build alike
                for site_dir, (_, base) in zip(site_dirs, servers):
                    for page_path in pages:
                        context = browser.new_context(viewport=VIEWPORT, is_mobile=True)
                        page = context.new_page()
                        page.add_init_script(_OBSERVE)
                        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
                        page.goto(f"{base}/{page_path}", wait_until="load")
                        page.wait_for_timeout(SETTLE_MS)
                        tasks = page.evaluate("window.__longTasks")
                        paint = page.evaluate(
                            "(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: 0}).startTime"
                        )
                        results.setdefault((str(site_dir), page_path), []).append(blocking_time(tasks, paint))
                        context.close()
            browser.close()
    finally:
        for server, _ in servers:
            server.shutdown()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m audit.blocking", description=__doc__.splitlines()[0])
    parser.add_argument("site_dirs", nargs="*", type=Path, help="built sites to compare (default: build this one)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", nargs="*", default=["", "about/", "figures/", "timeline/"])
    args = parser.parse_args(argv)
    site_dirs = args.site_dirs
    if not site_dirs:
        from .__main__ import AUDIT_DIR, ROOT, build

        site_dirs = [AUDIT_DIR / "site"]
        build(ROOT / "mkdocs.yml", site_dirs[0])
    results = measure(site_dirs, args.pages, args.runs)
    print(f"Blocking time after first paint, {CPU_SLOWDOWN}x CPU slowdown, median of {args.runs} loads (ms)")
    for page_path in args.pages:
        for site_dir in site_dirs:
            values = results[(str(site_dir), page_path)]
            print(
                f"  {page_path or '/':<28} {str(site_dir):<24} {statistics.median(values):7.0f}"
                f"   (runs: {', '.join(f'{v:.0f}' for v in values)})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
