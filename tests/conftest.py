"""Shared test helpers: a scratch copy of the small valid content in tests/fixtures/loader/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.loader import LoadResult, load_content

LOADER_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "loader"


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
            if where.file == file and where.line == line and diagnostic.severity == severity and text in diagnostic.message:
                return diagnostic
        reported = "\n".join(map(str, result.diagnostics)) or "(nothing)"
        raise AssertionError(f"no {severity} at {file}:{line} containing {text!r}; reported:\n{reported}")


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sandbox:
    monkeypatch.chdir(tmp_path)
    return Sandbox(tmp_path)


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory):
    """The real docs built from a hostile copy of the real content (tests/fixtures/hostile_content.py), once
    per session: defined here, not in a test module, so the HTML and the Chromium checks share one build."""
    from tests.fixtures.hostile_content import write_hostile_copy
    from tests.test_site_build import ROOT, _build

    workdir = tmp_path_factory.mktemp("payload")
    shutil.copytree(ROOT / "docs", workdir / "docs")
    shutil.copytree(ROOT / "content", workdir / "content")
    write_hostile_copy(workdir / "content")
    return _build("payload", workdir, workdir / "docs", workdir / "content", None)


# The builds the HTML, language and browser checks share. Defined here, not in a test module: a session
# fixture imported into several modules is a separate fixture in each, and the site was built four times.
@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real docs and content, built strictly (tests/test_site_build.py has the checks)."""
    from tests.test_site_build import ROOT, _build

    # A snapshot, so that the build and the checks see the same files while editors keep writing.
    workdir = tmp_path_factory.mktemp("real")
    shutil.copytree(ROOT / "docs", workdir / "docs")
    shutil.copytree(ROOT / "content", workdir / "content")
    return _build("real", workdir, workdir / "docs", workdir / "content", None)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    """Fixture overview/background pages and content (tests/fixtures/site) with the real data pages."""
    from tests.test_site_build import DATA_PAGES, FIXTURE, ROOT, _build

    workdir = tmp_path_factory.mktemp("fixture")
    docs = workdir / "docs"
    shutil.copytree(FIXTURE / "docs", docs)
    for page in DATA_PAGES:
        shutil.copy(ROOT / "docs" / page, docs / page)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    return _build("fixture", workdir, docs, FIXTURE / "content", pages)
