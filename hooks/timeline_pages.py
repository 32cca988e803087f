"""MkDocs hook: the generated pages of a split timeline (listed under `hooks:` in mkdocs.yml).

Thin on purpose: which events go on which page is decided by macros/timeline_split.py (pure, tested), from
the same cached content load the macros use. When the timeline fits one page (the real site) this hook
adds nothing."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parent.parent)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)  # the macros package, imported under the same name mkdocs-macros gives it


def _plan(config):
    import macros  # looked up at each build: under `mkdocs serve` the package may have been reloaded

    return macros.timeline_plan(config)


def on_config(config):
    plan = _plan(config)
    if plan is not None and plan.split and config["nav"]:
        config["nav"] = _with_parts(config["nav"], plan)
    return config


def on_files(files, config):
    from mkdocs.structure.files import File

    plan = _plan(config)
    for part in plan.parts if plan is not None else ():
        files.append(File.generated(config, part.src_path, content=_page_source(part)))
    return files


def _with_parts(nav: list, plan) -> list:
    """The nav with the timeline's entry turned into a section: the index page, then one entry per part."""
    from macros.timeline_split import INDEX_PAGE

    result = []
    for item in nav:
        if isinstance(item, dict):
            ((title, target),) = item.items()
            if target == INDEX_PAGE:
                item = {title: [INDEX_PAGE, *({part.title: part.src_path} for part in plan.parts)]}
            elif isinstance(target, list):
                item = {title: _with_parts(target, plan)}
        result.append(item)
    return result


def _page_source(part) -> str:
    """The page's Markdown: its heading and events come from the macro, so content text is escaped there."""
    return (
        "---\n"
        "description: Part of the timeline, oldest event first, each event with its sources.\n"
        "---\n\n"
        f"{{{{ timeline(part={part.key!r}) }}}}\n"
    )
