"""MkDocs hook: the generated pages of a split timeline and of split index pages (listed under `hooks:`
in mkdocs.yml).

Thin on purpose: which records go on which page is decided by macros/timeline_split.py and
macros/index_split.py (pure, tested), from the same cached content load the macros use. When everything
fits one page (the real site) this hook adds nothing."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parent.parent)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)  # the macros package, imported under the same name mkdocs-macros gives it

DESCRIPTIONS = {
    "timeline": "Part of the timeline, oldest event first, each event with its sources.",
    "sources": "Part of the bibliography: sources with where they were read and every place the site cites them.",
    "people": "Part of the index of people and institutions, with their roles and the events they took part in.",
    "figures": "Part of the figures: every number with who gave it, when, and how it changed.",
}


def _split_pages(config) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """(index page, kind, [(title, src path, macro call)]) for every split list; nothing when unsplit."""
    import macros  # looked up at each build: under `mkdocs serve` the package may have been reloaded
    from macros.timeline_split import INDEX_PAGE

    found = []
    plan = macros.timeline_plan(config)
    if plan is not None and plan.split:
        found.append((INDEX_PAGE, "timeline", [(p.title, p.src_path, f"timeline(part={p.key!r})") for p in plan.parts]))
    for kind, index_plan in macros.index_plans(config).items():
        if index_plan.split:
            calls = [(p.title, p.src_path, f"{kind}_index(part={p.key!r})") for p in index_plan.parts]
            found.append((index_plan.index_page, kind, calls))
    return found


def on_config(config):
    split = _split_pages(config)
    if split and config["nav"]:
        sections = {index_page: parts for index_page, _, parts in split}
        config["nav"] = _with_parts(config["nav"], sections)
    return config


def on_files(files, config):
    from mkdocs.structure.files import File

    for _, kind, parts in _split_pages(config):
        for _, src_path, call in parts:
            files.append(File.generated(config, src_path, content=_page_source(kind, call)))
    return files


def _with_parts(nav: list, sections: dict) -> list:
    """The nav with each split page's entry turned into a section: the index page, then one entry per part."""
    result = []
    for item in nav:
        if isinstance(item, dict):
            ((title, target),) = item.items()
            if isinstance(target, str) and target in sections:
                item = {title: [target, *({part_title: src_path} for part_title, src_path, _ in sections[target])]}
            elif isinstance(target, list):
                item = {title: _with_parts(target, sections)}
        result.append(item)
    return result


def _page_source(kind: str, call: str) -> str:
    """The page's Markdown: its heading and records come from the macro, so content text is escaped there."""
    return f"---\ndescription: {DESCRIPTIONS[kind]}\n---\n\n{{{{ {call} }}}}\n"
