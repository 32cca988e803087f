"""Synthetic projects for the build benchmark: the site with its macros, and a plain-Material baseline.

Both use the real mkdocs.yml's theme and nav; the synthetic docs pages have the real pages' file names."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import yaml

from .synthetic import write_synthetic_content, write_synthetic_docs

ROOT = Path(__file__).resolve().parent.parent


def _config() -> dict:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(ROOT / config["theme"].get("custom_dir", "overrides"))
    config["hooks"] = [str(ROOT / hook) for hook in config.get("hooks", [])]
    config["watch"] = []
    return config


def write_site_project(directory: Path, events: int) -> Path:
    """content/ and docs/ for `events` synthetic events and a mkdocs.yml using this repository's macros.
    Returns the config file."""
    directory = Path(directory)
    write_synthetic_content(directory / "content", events)
    write_synthetic_docs(directory / "docs", ROOT / "docs", events)
    config = _config()
    config["docs_dir"] = str(directory / "docs")
    config["nav"] = _existing(config["nav"], directory / "docs")
    config["extra"]["explainer"]["content_dir"] = str(directory / "content")
    return _write_config(directory, config)


def _existing(nav: list, docs: Path) -> list:
    """The real nav without the pages the synthetic docs do not have (a background page added since)."""
    kept = []
    for item in nav:
        ((title, target),) = item.items()
        if isinstance(target, list):
            target = _existing(target, docs)
            if target:
                kept.append({title: target})
        elif (docs / target).is_file():
            kept.append(item)
    return kept


def write_baseline_project(directory: Path, site_project: Path, site_dir: Path) -> Path:
    """A plain Material site (search only, no macros, no hooks) with the pages of the built `site_dir`:
    each page's Markdown is the text of the macros site's page (headings, paragraphs, list items), so both
    have the same number of pages and comparable text. Returns its config file."""
    directory = Path(directory)
    docs = directory / "docs"
    shutil.copytree(Path(site_project).parent / "docs" / "assets", docs / "assets")
    pages = []
    for html_file in sorted(Path(site_dir).rglob("index.html")):
        relative = html_file.parent.relative_to(site_dir).as_posix()
        if relative.startswith(("assets", "search", "data")):
            continue
        source = "index.md" if relative == "." else f"{relative}.md"
        article = _ArticleText()
        article.feed(html_file.read_text(encoding="utf-8"))
        (docs / source).parent.mkdir(parents=True, exist_ok=True)
        (docs / source).write_text("\n\n".join(article.blocks) + "\n", encoding="utf-8")
        pages.append(source)
    config = _config()
    config.pop("hooks", None)
    config["docs_dir"] = str(docs)
    config["plugins"] = ["search"]
    config["nav"] = pages
    config["extra_javascript"] = []
    return _write_config(directory, config)


class _ArticleText(HTMLParser):
    """The text blocks of a built page's article, as Markdown: '## heading', paragraphs, '- item'."""

    _BLOCKS = {"h1": "# ", "h2": "## ", "h3": "### ", "p": "", "li": "- ", "dd": "", "td": ""}

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._in_article = False
        self._prefix: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self._in_article = True
        elif self._in_article and tag in self._BLOCKS:
            self._flush()
            self._prefix = self._BLOCKS[tag]

    def handle_endtag(self, tag):
        if tag in self._BLOCKS:
            self._flush()
        elif tag == "article":
            self._flush()
            self._in_article = False

    def handle_data(self, data):
        if self._in_article and self._prefix is not None:
            self._text.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split()).replace("#", "").replace("<", "&lt;")
        if self._prefix is not None and text.strip(" ¶"):
            self.blocks.append(self._prefix + text.strip(" ¶"))
        self._prefix, self._text = None, []


def _write_config(directory: Path, config: dict) -> Path:
    config_file = Path(directory) / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_file
