"""People and institutions links each actor to the timeline filtered to them instead of listing their
events, so its size follows the number of actors, not of events (issue #16: at 50 times the events the
page had grown to 1.9 MB). Both the real content and the benchmark's synthetic content are rendered as
they are and with every event copied 50 times: the page is the same but for the counts."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from bench.synthetic import write_synthetic_content
from macros.loader import load_content_or_raise
from macros.model import Content
from macros.render import PageContext, Renderer
from tests.support import ROOT, parse_html

FACTOR = 50
PAGE = PageContext("people.md", "people/")
COUNT = re.compile(r">(\d+) events?<")


def multiplied(content: Content, factor: int) -> Content:
    """The content with each event there `factor` times (copies get new ids; the rest is unchanged)."""
    copies = tuple(
        dataclasses.replace(event, id=f"{event.id}-copy-{n}") if n else event
        for event in content.events
        for n in range(factor)
    )
    return dataclasses.replace(content, events=copies)


def _real() -> Content:
    return load_content_or_raise(ROOT / "content", ROOT / "docs")


def _synthetic(tmp_path: Path) -> Content:
    write_synthetic_content(tmp_path / "content", events=300)
    return load_content_or_raise(tmp_path / "content")


@pytest.mark.parametrize("make", [_real, _synthetic], ids=["real", "synthetic"])
def test_the_people_page_does_not_grow_with_the_events(make, tmp_path):
    content = make() if make is _real else make(tmp_path)
    page = str(Renderer(content).people_index(PAGE))
    bigger = str(Renderer(multiplied(content, FACTOR)).people_index(PAGE))
    counts = [int(n) for n in COUNT.findall(page)]
    assert counts and [int(n) for n in COUNT.findall(bigger)] == [n * FACTOR for n in counts]
    # the same page but for the numbers: the same elements, and a few bytes more per actor for the digits
    assert COUNT.sub("><", bigger) == COUNT.sub("><", page)
    assert len(parse_html(bigger).find_all(True)) == len(parse_html(page).find_all(True))
    assert len(bigger.encode()) - len(page.encode()) <= 3 * len(content.actors)
