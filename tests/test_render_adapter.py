"""The MkDocs adapter (hooks/adapter.py) driven through MkDocs' own config and plugin events, with
mkdocs-macros rendering the pages' macro calls, as in a build: one page at a time, without writing a site."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"


@pytest.fixture
def project(tmp_path):
    shutil.copytree(FIXTURE / "content", tmp_path / "content")
    shutil.copytree(FIXTURE / "docs", tmp_path / "docs")
    return tmp_path


def configure(project: Path, serving: bool = False, **settings):
    """Load a mkdocs.yml like the real one (this repository's hook, the real settings) for `project`, then
    run on_startup and on_config as `mkdocs build` or `mkdocs serve` does."""
    real = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    explainer = {**real["extra"]["explainer"], **settings}
    config_file = project / "mkdocs.yml"
    config_file.write_text(
        yaml.safe_dump(
            {
                "site_name": "test",
                "plugins": real["plugins"],
                "hooks": [str(ROOT / hook) for hook in real["hooks"]],
                "extra": {"explainer": explainer},
                "markdown_extensions": ["toc"],
            }
        )
    )
    config = load_config(str(config_file))
    config.plugins.on_startup(command="serve" if serving else "build", dirty=False)
    return config.plugins.on_config(config)


def render(config, src_path: str, markdown: str) -> str:
    """What a build does with one page's Markdown up to Python-Markdown: every on_page_markdown handler."""
    file = File(src_path, config.docs_dir, config.site_dir, config.use_directory_urls)
    page = Page(None, file, config)
    page.markdown, page.meta = markdown, {}
    return config.plugins.on_page_markdown(markdown, page=page, config=config, files=Files([file]))


def break_content(project: Path) -> None:
    events = project / "content" / "events.yaml"
    events.write_text(events.read_text().replace("actors: [fixture-government]", "actors: [fixture-governmen]"))


def test_the_pages_markdown_gets_the_external_link_mark_once(project):
    """The pages' own Markdown marks links to other sites (the print style sheet shows their addresses);
    running on_config again on the same config does not add the extension twice."""
    config = configure(project)
    config.plugins.on_config(config)
    extensions = config.markdown_extensions
    assert [type(e).__name__ for e in extensions if not isinstance(e, str)][-1:] == ["ExternalLinks"]
    assert sum(type(e).__name__ == "ExternalLinks" for e in extensions) == 1


def test_macros_render_and_each_page_gets_its_own_notes(project):
    config = configure(project)
    first = render(config, "index.md", 'A{{ cite("wire-1994-05-12-ceasefire") }} B{{ value("fixture-arrivals") }}')
    assert first.startswith('A<sup id="fnref:1">')
    assert '<li id="fn:1">' in first and '<li id="fn:2">' in first
    assert first.rstrip().endswith("</div>")
    second = render(config, "timeline.md", 'C{{ cite("wire-2023-09-27-arrivals") }}')
    assert '<sup id="fnref:1">' in second and '<li id="fn:2">' not in second
    assert render(config, "about.md", "No notes here.") == "No notes here."


def test_unknown_id_fails_the_build_naming_page_and_id(project):
    config = configure(project)
    with pytest.raises(PluginError) as failure:
        render(config, "index.md", '{{ figure("fixture-arival") }}')
    assert str(failure.value) == "docs/index.md: unknown figure 'fixture-arival' (did you mean 'fixture-arrivals'?)"


def test_unknown_id_under_serve_is_shown_on_the_page(project):
    config = configure(project, serving=True)
    page = render(config, "index.md", 'Text {{ actor("nobody") }}')
    assert page.startswith('<div class="admonition danger nk-content-errors">')
    assert "docs/index.md: unknown actor &#39;nobody&#39;" in page


def test_content_errors_fail_the_build_with_file_and_line(project):
    break_content(project)
    with pytest.raises(PluginError, match=r"content/events\.yaml:\d+:\d+: error: .*fixture-governmen"):
        configure(project)


def test_content_errors_under_serve_are_shown_and_recovered_from(project):
    break_content(project)
    config = configure(project, serving=True)
    page = render(config, "index.md", '{{ value("fixture-arrivals") }}')
    assert "nk-content-errors" in page and "fixture-governmen" in page
    assert "content unavailable" in page

    events = project / "content" / "events.yaml"
    events.write_text(events.read_text().replace("fixture-governmen]", "fixture-government]"))
    config.plugins.on_config(config)  # the next build of the same server
    page = render(config, "index.md", '{{ value("fixture-arrivals") }}')
    assert "nk-content-errors" not in page and "100,617 people" in page


def test_serve_keeps_the_last_good_content_under_the_errors(project):
    config = configure(project, serving=True)
    break_content(project)
    config.plugins.on_config(config)
    page = render(config, "index.md", '{{ value("fixture-arrivals") }}')
    assert "nk-content-errors" in page and "fixture-governmen" in page
    assert "100,617 people" in page


def test_the_content_dir_is_a_setting(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("other") / "records"
    shutil.move(project / "content", elsewhere)
    config = configure(project, content_dir=str(elsewhere))
    assert "Example Spokesperson" in render(config, "index.md", '{{ actor("fixture-spokesperson") }}')


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"timeline_page_events": 0}, "timeline_page_events"),
        ({"timeline_page_events": "many"}, "timeline_page_events"),
        ({"content_dir": "no-such-folder"}, "content_dir"),
        ({"index_page_records": {"sources": 5, "people": 5}}, "index_page_records"),
    ],
)
def test_settings_are_checked_and_a_wrong_one_is_named(project, settings, named):
    with pytest.raises(ConfigurationError, match=f"extra.explainer.{named}"):
        configure(project, **settings)


def test_markdown_footnotes_next_to_cite_are_refused(project):
    config = configure(project)
    with pytest.raises(PluginError, match="docs/index.md: Markdown footnotes"):
        render(config, "index.md", 'A[^x] B{{ cite("wire-1994-05-12-ceasefire") }}\n\n[^x]: A note.')
    assert "[^x]" in render(config, "about.md", "A[^x]\n\n[^x]: A note without cite().")


def test_wrong_arguments_are_reported_with_the_page(project):
    config = configure(project)
    with pytest.raises(PluginError, match=r"docs/timeline.md: timeline\(\): .*unexpected keyword argument 'eras'"):
        render(config, "timeline.md", '{{ timeline(eras="first-war") }}')


def test_a_bug_in_a_renderer_fails_with_its_traceback(project, monkeypatch, caplog):
    """A TypeError raised inside the renderer is not a problem of the page: mkdocs-macros stops the build
    and logs the error with its traceback."""
    from macros.render import Renderer

    def broken(self, page, term_id, text=None):
        return len(None)

    monkeypatch.setattr(Renderer, "term", broken)
    config = configure(project)
    with caplog.at_level(logging.WARNING), pytest.raises(SystemExit):
        render(config, "index.md", '{{ term("fixture-term") }}')
    assert "Traceback" in caplog.text and "len(None)" in caplog.text
