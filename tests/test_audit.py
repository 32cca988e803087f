"""The audit's pure parts: Lighthouse JSON -> runs -> medians and the table; the gzip-serving server."""

from __future__ import annotations

import gzip
import urllib.request

import pytest

from audit.report import CATEGORIES, parse_run, summarise, table
from audit.server import serve


def lhr(perf=0.99, a11y=1.0, bp=1.0, seo=1.0, transfer=120_000, failing=()):
    audits = {"total-byte-weight": {"numericValue": transfer, "score": 1, "scoreDisplayMode": "numeric"}}
    refs = {name: [] for name in CATEGORIES}
    for audit_id, category, weight, score, mode in [
        ("largest-contentful-paint", "performance", 25, 0.9 if "largest-contentful-paint" in failing else 1, "numeric"),
        ("color-contrast", "accessibility", 7, 0 if "color-contrast" in failing else 1, "binary"),
        ("errors-in-console", "best-practices", 1, 0 if "errors-in-console" in failing else 1, "binary"),
        ("meta-description", "seo", 1, 1, "binary"),
        ("bf-cache", "performance", 0, 0, "binary"),  # informative: weight 0 never counts as failed
        ("uses-long-cache-ttl", "performance", 0, None, "notApplicable"),
    ]:
        audits[audit_id] = {"score": score, "scoreDisplayMode": mode}
        refs[category].append({"id": audit_id, "weight": weight})
    scores = {"performance": perf, "accessibility": a11y, "best-practices": bp, "seo": seo}
    return {
        "categories": {name: {"score": scores[name], "auditRefs": refs[name]} for name in CATEGORIES},
        "audits": audits,
    }


def test_a_run_keeps_scores_transfer_and_the_weighted_audits_that_failed():
    run = parse_run(
        lhr(perf=0.874, a11y=0.96, transfer=150_123, failing=("color-contrast", "largest-contentful-paint"))
    )
    assert run.scores == {"performance": 87, "accessibility": 96, "best-practices": 100, "seo": 100}
    assert run.transfer_bytes == 150_123
    assert run.failed == ("color-contrast", "largest-contentful-paint")


def test_a_failed_lighthouse_run_is_an_error_not_a_zero():
    with pytest.raises(ValueError, match="NO_FCP"):
        parse_run({"runtimeError": {"code": "NO_FCP", "message": "NO_FCP: the page painted nothing"}})
    broken = lhr()
    broken["categories"]["seo"]["score"] = None
    with pytest.raises(ValueError, match="no seo score"):
        parse_run(broken)


def test_medians_over_runs_and_misses_against_the_targets():
    runs = [parse_run(lhr(perf=p, transfer=t)) for p, t in [(0.99, 100), (0.91, 300), (0.97, 200)]]
    result = summarise("", runs)
    assert result.scores["performance"] == 97 and result.transfer_bytes == 200 and result.runs == 3
    assert result.misses() == ["performance 97 < 98"]  # the overview: 98
    assert summarise("timeline/", runs).misses() == []  # every other page: 95
    assert summarise("timeline/", [parse_run(lhr(perf=0.94))]).misses() == ["performance 94 < 95"]
    assert summarise("", [parse_run(lhr())]).misses() == []


def test_the_table_has_the_baseline_first_and_a_row_per_page():
    baseline = summarise("", [parse_run(lhr(perf=0.9, a11y=0.89, transfer=68_000))])
    pages = [summarise("", [parse_run(lhr(transfer=102_400))]), summarise("timeline/", [parse_run(lhr())])]
    lines = table(pages, baseline, {"": 204_800, "timeline/": 150_000}).splitlines()
    assert lines[2].startswith("| stock Material (baseline) | 90 | 89 | 100 | 100 | 66.4 |")
    assert lines[3] == "| / | 99 | 100 | 100 | 100 | 100.0 | 200.0 |"
    assert lines[4].startswith("| timeline/ | 99 |") and len(lines) == 5


def test_the_server_sends_text_gzipped_to_clients_that_accept_it(tmp_path):
    (tmp_path / "page").mkdir()
    html = "<!doctype html><title>x</title>" + "Stepanakert/Khankendi " * 500
    (tmp_path / "page" / "index.html").write_text(html, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG not text")
    server, base = serve(tmp_path)
    try:
        request = urllib.request.Request(f"{base}/page/", headers={"Accept-Encoding": "gzip, deflate"})
        with urllib.request.urlopen(request) as response:
            body = response.read()
            assert response.headers["Content-Encoding"] == "gzip" and response.headers["Vary"] == "Accept-Encoding"
            assert response.headers["Content-Type"] == "text/html" and int(response.headers["Content-Length"]) == len(
                body
            )
        assert gzip.decompress(body).decode("utf-8") == html and len(body) < len(html) / 10

        with urllib.request.urlopen(f"{base}/page/") as response:  # no Accept-Encoding: plain
            assert response.headers["Content-Encoding"] is None and response.read().decode("utf-8") == html
        png = urllib.request.Request(f"{base}/image.png", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(png) as response:  # already compressed formats go as they are
            assert response.headers["Content-Encoding"] is None and response.read() == b"\x89PNG not text"
        with urllib.request.urlopen(
            urllib.request.Request(f"{base}/page", headers={"Accept-Encoding": "gzip"})
        ) as response:
            assert response.url == f"{base}/page/"  # the directory redirect still happens
    finally:
        server.shutdown()


def test_blocking_time_counts_long_tasks_after_first_paint_past_50_ms():
    from audit.blocking import blocking_time

    tasks = [(100.0, 400.0), (900.0, 50.0), (1000.0, 120.0), (1500.0, 300.0)]
    assert blocking_time(tasks, first_paint=800.0) == 70.0 + 250.0
    assert blocking_time(tasks, first_paint=0.0) == 350.0 + 70.0 + 250.0
    assert blocking_time([], first_paint=0.0) == 0.0
