"""Shared test helpers: the lanes every test is put in, a scratch copy of the small valid content in
tests/fixtures/loader/, and the site builds the HTML, language and browser checks share."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.loader import LoadResult, load_content
from tests.support import DATA_PAGES, FIXTURE, ROOT, BuiltSite, build_once, real_sources

LOADER_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "loader"
BROWSER_TESTS = Path(__file__).resolve().parent / "browser"

# ---- lanes ---------------------------------------------------------------------------------------------
# Every test gets one of three markers (declared in pyproject.toml), so that a lane runs alone:
# `make test-fast` is `pytest -m unit`. A module may say its lane with `pytestmark`; otherwise:
#   browser  tests in tests/browser (Chromium through Playwright);
#   build    tests that use a fixture building a site with MkDocs or ProperDocs (directly or through another
#            fixture), or serving one with `mkdocs serve`;
#   unit     the rest.
LANES = ("unit", "build", "browser")
BUILD_FIXTURES = frozenset(
    {
        "real_site",
        "fixture_site",
        "payload_site",  # below: one build each per test process
        "site",  # tests/test_site_build.py: real_site and fixture_site by name (getfixturevalue, not seen here)
        "split_site",  # tests/test_timeline_split_build.py, tests/test_index_split_build.py
        "properdocs_site",  # tests/test_properdocs.py
        "two_builds",  # tests/test_reproducible.py
        "served_copy",  # tests/test_serve.py
    }
)


def lane_of(item: pytest.Item) -> str:
    if BROWSER_TESTS in item.path.parents:
        return "browser"
    if BUILD_FIXTURES.intersection(getattr(item, "fixturenames", ())):
        return "build"
    return "unit"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if not any(item.get_closest_marker(lane) for lane in LANES):
            item.add_marker(lane_of(item))


class Sandbox:
    """content/ and docs/ in a temporary directory that is also the current directory, so diagnostics
    read `content/events.yaml:…` exactly as an editor sees them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        shutil.copytree(LOADER_FIXTURE / "content", root / "content")
        shutil.copytree(LOADER_FIXTURE / "docs", root / "docs")

    def path(self, name: str) -> Path:
        return self.root / "content" / f"{name}.yaml" if "/" not in name else self.root / name

    def text(self, name: str) -> str:
        return self.path(name).read_text(encoding="utf-8")

    def write(self, name: str, text: str) -> None:
        self.path(name).write_text(text, encoding="utf-8")

    def line_of(self, name: str, needle: str) -> int:
        """1-based line of the only line containing `needle` (so tests never hard-code line numbers)."""
        lines = [i for i, line in enumerate(self.text(name).splitlines(), 1) if needle in line]
        assert len(lines) == 1, f"{needle!r} is on lines {lines} of {name}"
        return lines[0]

    def replace(self, name: str, old: str, new: str) -> int:
        """Replace the only occurrence of `old`; returns the line it was on."""
        text = self.text(name)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
        line = text[: text.index(old)].count("\n") + 1
        self.write(name, text.replace(old, new))
        return line

    def load(self, **options) -> LoadResult:
        return load_content(Path("content"), Path("docs"), **options)

    @staticmethod
    def expect(result: LoadResult, file: str, line: int, severity: str, text: str):
        """The diagnostic at file:line with `text` in its message; fails listing what was reported instead."""
        for diagnostic in result.diagnostics:
            where = diagnostic.location
            if (
                where.file == file
                and where.line == line
                and diagnostic.severity == severity
                and text in diagnostic.message
            ):
                return diagnostic
        reported = "\n".join(map(str, result.diagnostics)) or "(nothing)"
        raise AssertionError(f"no {severity} at {file}:{line} containing {text!r}; reported:\n{reported}")


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sandbox:
    monkeypatch.chdir(tmp_path)
    return Sandbox(tmp_path)


# The builds the HTML, language and browser checks share. Defined here, not in a test module: a session
# fixture imported into several modules is a separate fixture in each, and the site was built four times.
# Each is built once per run even with several pytest-xdist workers (tests/support.py, build_once).


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> BuiltSite:
    """The real docs and content, built strictly (tests/test_site_build.py has the checks)."""
    return build_once(tmp_path_factory, "real", real_sources)


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory) -> BuiltSite:
    """The real docs built from a hostile copy of the real content (tests/fixtures/hostile_content.py): the
    HTML checks (tests/test_untrusted.py) and the Chromium checks share it."""
    from tests.fixtures.hostile_content import write_hostile_copy

    def sources(workdir: Path) -> tuple[Path, Path, None]:
        docs, content, _ = real_sources(workdir)
        write_hostile_copy(content)
        return docs, content, None

    return build_once(tmp_path_factory, "payload", sources)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> BuiltSite:
    """Fixture overview/background pages and content (tests/fixtures/site) with the real data pages."""

    def sources(workdir: Path) -> tuple[Path, Path, set[str]]:
        docs = workdir / "docs"
        shutil.copytree(FIXTURE / "docs", docs)
        for page in DATA_PAGES:
            shutil.copy(ROOT / "docs" / page, docs / page)
        shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
        return docs, FIXTURE / "content", {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}

    return build_once(tmp_path_factory, "fixture", sources)
