"""The MkDocs adapter (macros/__init__.py) driven through a stand-in for mkdocs-macros' env object."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

import macros

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"


class FakeEnv:
    """Just what define_env uses of mkdocs-macros' plugin object."""

    def __init__(self, project: Path, live: bool = False):
        self.project_dir = str(project)
        dev_addr = SimpleNamespace(host="127.0.0.1", port=8000)
        self.conf = {
            "docs_dir": str(project / "docs"),
            "use_directory_urls": True,
            "site_url": "http://127.0.0.1:8000/" if live else "https://example.org/x/",
            "dev_addr": dev_addr,
            "markdown_extensions": ["toc"],
        }
        self.macros: dict = {}
        self.pre_macro_functions: list = []
        self.post_macro_functions: list = []
        self.page = None
        self.markdown = ""

    def macro(self, function, name):
        self.macros[name] = function

    def render_page(self, src_path: str, url: str, body) -> str:
        """What mkdocs-macros does for a page: pre hooks, the macros (here a callable), post hooks."""
        self.page = SimpleNamespace(file=SimpleNamespace(src_path=src_path), url=url)
        for hook in self.pre_macro_functions:
            hook(self)
        self.markdown = body(self.macros)
        for hook in self.post_macro_functions:
            hook(self)
        return self.markdown


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(FIXTURE / "content", tmp_path / "content")
    shutil.copytree(FIXTURE / "docs", tmp_path / "docs")
    monkeypatch.delenv(macros.CONTENT_DIR_ENV, raising=False)
    return tmp_path


def test_the_pages_markdown_gets_the_external_link_mark_once(project):
    """The pages' own Markdown marks links to other sites (the print style sheet shows their addresses);
    a rebuild (mkdocs serve reuses the config) does not add the extension twice."""
    env = FakeEnv(project)
    macros.define_env(env)
    macros.define_env(env)
    extensions = env.conf["markdown_extensions"]
    assert extensions[0] == "toc"
    assert [type(e).__name__ for e in extensions[1:]] == ["ExternalLinks"]


def test_macros_render_and_each_page_gets_its_own_notes(project):
    env = FakeEnv(project)
    macros.define_env(env)
    first = env.render_page("index.md", "", lambda m: f"A{m['cite']('wire-1994-05-12-ceasefire')} B{m['value']('fixture-arrivals')}")
    assert first.startswith('A<sup id="fnref:1">')
    assert '<li id="fn:1">' in first and '<li id="fn:2">' in first
    assert first.rstrip().endswith("</div>")
    second = env.render_page("timeline.md", "timeline/", lambda m: f"C{m['cite']('wire-2023-09-27-arrivals')}")
    assert '<sup id="fnref:1">' in second and '<li id="fn:2">' not in second
    plain = env.render_page("about.md", "about/", lambda m: "No notes here.")
    assert plain == "No notes here."


def test_unknown_id_fails_the_build_naming_page_and_id(project):
    env = FakeEnv(project)
    macros.define_env(env)
    with pytest.raises(PluginError) as failure:
        env.render_page("index.md", "", lambda m: f"{m['figure']('fixture-arival')}")
    assert str(failure.value) == "docs/index.md: unknown figure 'fixture-arival' (did you mean 'fixture-arrivals'?)"


def test_unknown_id_under_serve_is_shown_on_the_page(project):
    env = FakeEnv(project, live=True)
    macros.define_env(env)
    page = env.render_page("index.md", "", lambda m: f"Text {m['actor']('nobody')}")
    assert page.startswith('<div class="admonition danger nk-content-errors">')
    assert "docs/index.md: unknown actor &#39;nobody&#39;" in page


def break_content(project: Path) -> None:
    events = project / "content" / "events.yaml"
    events.write_text(events.read_text().replace("actors: [fixture-government]", "actors: [fixture-governmen]"))


def test_content_errors_fail_the_build_with_file_and_line(project):
    break_content(project)
    with pytest.raises(PluginError, match=r"content/events\.yaml:\d+:\d+: error: .*fixture-governmen"):
        macros.define_env(FakeEnv(project))


def test_content_errors_under_serve_are_shown_and_recovered_from(project):
    break_content(project)
    env = FakeEnv(project, live=True)
    macros.define_env(env)
    page = env.render_page("index.md", "", lambda m: f"{m['value']('fixture-arrivals')}")
    assert "nk-content-errors" in page and "fixture-governmen" in page
    assert "content unavailable" in page

    events = project / "content" / "events.yaml"
    events.write_text(events.read_text().replace("fixture-governmen]", "fixture-government]"))
    os.utime(events, ns=(events.stat().st_atime_ns, events.stat().st_mtime_ns + 10**9))
    env = FakeEnv(project, live=True)
    macros.define_env(env)
    page = env.render_page("index.md", "", lambda m: f"{m['value']('fixture-arrivals')}")
    assert "nk-content-errors" not in page and "100,617 people" in page


def test_content_is_loaded_once_until_a_file_changes(project):
    macros.define_env(FakeEnv(project))
    first = macros._cache[next(k for k in macros._cache if k[0] == (project / "content").resolve())]
    macros.define_env(FakeEnv(project))
    again = macros._cache[next(k for k in macros._cache if k[0] == (project / "content").resolve())]
    assert again is first
    index = project / "docs" / "index.md"
    index.write_text(index.read_text() + "\nMore.\n")
    macros.define_env(FakeEnv(project))
    changed = macros._cache[next(k for k in macros._cache if k[0] == (project / "content").resolve())]
    assert changed is not first and changed.renderer is not first.renderer


def test_content_dir_can_point_elsewhere(project, monkeypatch, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("other") / "content"
    shutil.copytree(project / "content", elsewhere)
    shutil.rmtree(project / "content")
    monkeypatch.setenv(macros.CONTENT_DIR_ENV, str(elsewhere))
    env = FakeEnv(project)
    macros.define_env(env)
    assert "Example Spokesperson" in env.render_page("index.md", "", lambda m: m["actor"]("fixture-spokesperson"))


def test_markdown_footnotes_next_to_cite_are_refused(project):
    env = FakeEnv(project)
    macros.define_env(env)
    with pytest.raises(PluginError, match="docs/index.md: Markdown footnotes"):
        env.render_page("index.md", "", lambda m: f"A[^x] B{m['cite']('wire-1994-05-12-ceasefire')}\n\n[^x]: A note.")
    assert "[^x]" in env.render_page("about.md", "about/", lambda m: "A[^x]\n\n[^x]: A note without cite().")


def test_wrong_arguments_are_reported_with_the_page(project):
    env = FakeEnv(project)
    macros.define_env(env)
    with pytest.raises(PluginError, match=r"docs/timeline.md: .*unexpected keyword argument 'eras'"):
        env.render_page("timeline.md", "timeline/", lambda m: m["timeline"](eras="first-war"))


def test_serve_keeps_the_last_good_content_under_the_errors(project):
    macros.define_env(FakeEnv(project, live=True))
    break_content(project)
    env = FakeEnv(project, live=True)
    macros.define_env(env)
    page = env.render_page("index.md", "", lambda m: f"{m['value']('fixture-arrivals')}")
    assert "nk-content-errors" in page and "fixture-governmen" in page
    assert "100,617 people" in page
