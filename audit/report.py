"""Lighthouse reports -> the audit table: median scores per page, transfer sizes, what failed."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
# Issue #16: the overview at 98, every other page (long pages of records) at 95.
PERFORMANCE_ELSEWHERE = 95


def target(page: str, category: str) -> int:
    return PERFORMANCE_ELSEWHERE if category == "performance" and page != "" else TARGETS[category]


@dataclass(frozen=True)
class Run:
    """One Lighthouse run of one page."""

    scores: dict[str, int]  # category -> 0..100
    transfer_bytes: int  # every request of the page load, as transferred (gzip)
    failed: tuple[str, ...]  # ids of the scored audits that did not pass


def parse_run(report: dict) -> Run:
    """The parts of a Lighthouse JSON report (lhr) the audit uses."""
    if report.get("runtimeError"):
        raise ValueError(f"Lighthouse failed: {report['runtimeError'].get('message')}")
    categories = report["categories"]
    scores = {}
    for name in CATEGORIES:
        score = categories[name]["score"]
        if score is None:
            raise ValueError(f"Lighthouse gave no {name} score (an audit errored)")
        scores[name] = round(score * 100)
    audits = report["audits"]
    failed = sorted(
        {
            ref["id"]
            for name in CATEGORIES
            for ref in categories[name]["auditRefs"]
            if ref.get("weight", 0) > 0
            and audits[ref["id"]].get("score") is not None
            and audits[ref["id"]]["score"] < 1
            and audits[ref["id"]].get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
        }
    )
    return Run(scores, int(audits["total-byte-weight"]["numericValue"]), tuple(failed))


@dataclass(frozen=True)
class PageResult:
    page: str
    scores: dict[str, float]  # medians
    transfer_bytes: int  # median
    failed: tuple[str, ...]  # failed in any run
    runs: int

    def misses(self) -> list[str]:
        return [
            f"{name} {self.scores[name]:g} < {target(self.page, name)}"
            for name in CATEGORIES
            if self.scores[name] < target(self.page, name)
        ]


def summarise(page: str, runs: list[Run]) -> PageResult:
    if not runs:
        raise ValueError(f"no runs for {page}")
    return PageResult(
        page=page,
        scores={name: statistics.median(run.scores[name] for run in runs) for name in CATEGORIES},
        transfer_bytes=int(statistics.median(run.transfer_bytes for run in runs)),
        failed=tuple(sorted({audit for run in runs for audit in run.failed})),
        runs=len(runs),
    )


def table(
    results: list[PageResult], baseline: PageResult | None = None, allowances: dict[str, int] | None = None
) -> str:
    """A Markdown table, one row per page (and the stock Material baseline first)."""
    allowances = allowances or {}
    lines = [
        "| page | perf | a11y | best practices | SEO | transfer (KB) | allowed (KB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows = ([("stock Material (baseline)", baseline)] if baseline else []) + [(r.page or "/", r) for r in results]
    for label, r in rows:
        allowed = allowances.get(r.page)
        lines.append(
            f"| {label} | "
            + " | ".join(f"{r.scores[name]:g}" for name in CATEGORIES)
            + f" | {r.transfer_bytes / 1024:.1f} | {'' if allowed is None or r is baseline else f'{allowed / 1024:.1f}'} |"
        )
    return "\n".join(lines)
