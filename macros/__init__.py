"""The MkDocs adapter: mkdocs-macros calls `define_env` once per build; everything else lives in `render`.

Nothing MkDocs-related is imported at module level, so `python -m macros check` works without a site."""

from __future__ import annotations

import importlib
import logging
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from .code_reload import changed_files, code_stamp, forget_submodules

if TYPE_CHECKING:
    from .render import PageContext, Renderer

# mkdocs counts warnings from loggers under "mkdocs", so `--strict` sees ours.
log = logging.getLogger("mkdocs.plugins.karabakh")

CONTENT_DIR_ENV = "CONTENT_DIR"  # tests point the build at fixture content with this
INLINE_MACROS = ("cite", "event", "actor", "place", "term", "value", "period_count", "periods")
BLOCK_MACROS = ("figure", "claims", "timeline", "chart", "locator_map")
INDEX_MACROS = ("people_index", "figures_index", "sources_index", "places_index", "glossary_index", "source_balance")

_H1 = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)
# A Markdown footnote definition ("[^1]: …"): its ids (fn:1) would clash with the notes cite() numbers.
_FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^[^\]]+\]:", re.MULTILINE)


@dataclass
class _Loaded:
    """One load of the content, reused while no content or docs file changes (mkdocs serve rebuilds)."""

    stamp: tuple
    renderer: Renderer | None  # under errors the last good one (serve), or None
    errors: tuple[str, ...]


@dataclass
class _PageState:
    context: PageContext
    where: str  # 'docs/index.md', the prefix of every message about this page
    errors: list[str] = field(default_factory=list)


_cache: dict[tuple, _Loaded] = {}  # (content dir, docs dir, directory URLs, timeline budget)
_imported_code = code_stamp()  # the package's code as this process imported it (see code_reload.py)


def define_env(env) -> None:
    reloaded = _reload_if_code_changed()
    if reloaded is not None:
        # Re-executing this file replaced every function in the module (mkdocs-macros reads the hooks
        # from it after this call); hand the build to the new define_env.
        return reloaded.define_env(env)

    from mkdocs.exceptions import PluginError

    from .render import ExternalLinks, PageContext, RenderError, error_admonition

    config = env.conf
    # The pages' own links to other sites get the content's mark (rel="noopener"): printed, they show
    # their addresses. By class name: a code reload under `mkdocs serve` brings a new class.
    if not any(type(ext).__name__ == "ExternalLinks" for ext in config["markdown_extensions"]):
        config["markdown_extensions"].append(ExternalLinks())
    project_dir = Path(env.project_dir)
    docs_dir = Path(config["docs_dir"])
    content_dir = Path(os.environ.get(CONTENT_DIR_ENV) or project_dir / "content").resolve()
    docs_label = os.path.relpath(docs_dir, project_dir)
    live = _is_live_preview(config)
    loaded = _load(content_dir, docs_dir, bool(config["use_directory_urls"]))

    if loaded.errors:
        if not live:
            raise PluginError("the content has errors:\n" + "\n".join(loaded.errors))
        for message in loaded.errors:
            log.error(message)

    state: dict[str, _PageState] = {}

    def pre_page(env) -> None:
        page = env.page
        context = PageContext(src_path=page.file.src_path, url=page.url)
        state["page"] = _PageState(context, where=f"{docs_label}/{context.src_path}")

    def post_page(env) -> None:
        page_state = state.pop("page")
        notes = loaded.renderer.notes(page_state.context) if loaded.renderer is not None else ""
        if notes and _FOOTNOTE_DEFINITION.search(env.markdown):
            page_state.errors.append(
                f"{page_state.where}: Markdown footnotes ([^…]) and cite() on one page would share note numbers; use cite()"
            )
        if page_state.errors and not live:
            raise PluginError("\n".join(page_state.errors))
        for message in page_state.errors:
            log.error(message)
        messages = [*loaded.errors, *page_state.errors]
        if messages:
            env.markdown = f"{error_admonition(messages)}\n\n{env.markdown}"
        if notes:
            env.markdown = f"{env.markdown}\n\n{notes}\n"

    def register(name: str) -> None:
        def macro(*args, **kwargs):
            page_state = state["page"]
            if loaded.renderer is None:
                return Markup(f'<span class="nk-render-error">[{escape(name)}: content unavailable]</span>')
            try:
                return getattr(loaded.renderer, name)(page_state.context, *args, **kwargs)
            except (RenderError, TypeError) as error:
                message = f"{page_state.where}: {error}"
                page_state.errors.append(message)
                return Markup(f'<span class="nk-render-error">[{escape(message)}]</span>')

        macro.__name__ = name
        env.macro(macro, name)

    for name in INLINE_MACROS + BLOCK_MACROS + INDEX_MACROS:
        register(name)
    env.pre_macro_functions.append(pre_page)
    env.post_macro_functions.append(post_page)


def _reload_if_code_changed():
    """Under `mkdocs serve`, an edit to any file of this package since it was imported: forget its
    submodules and re-execute this file in place, so the rebuild runs the edited code. The cached content
    goes too (its renderer is an instance of the old classes). Returns the reloaded module, or None when
    nothing changed, which is always the case in a one-off build."""
    edited = changed_files(_imported_code, code_stamp())
    if not edited:
        return None
    log.info("macros: %s changed; reloading the package", ", ".join(edited))
    forget_submodules(__name__)
    return importlib.reload(sys.modules[__name__])


def _is_live_preview(config) -> bool:
    """True under `mkdocs serve`, which points site_url at its own dev address."""
    dev_addr = config.get("dev_addr")
    if not dev_addr or not config.get("site_url"):
        return False
    return urlsplit(config["site_url"]).netloc == f"{dev_addr.host}:{dev_addr.port}"


def _load(content_dir: Path, docs_dir: Path, use_directory_urls: bool) -> _Loaded:
    from .index_split import budgets_from_env
    from .timeline_split import budget_from_env

    budget = budget_from_env()
    index_budgets = budgets_from_env()
    key = (content_dir, docs_dir, use_directory_urls, budget, tuple(sorted(index_budgets.items())))
    stamp = _stamp(content_dir, docs_dir)
    cached = _cache.get(key)
    if cached is not None and cached.stamp == stamp:
        return cached

    from .loader import load_content
    from .render import Renderer, SitePages

    result = load_content(content_dir, docs_dir)
    errors = tuple(str(d) for d in result.errors)
    if result.content is not None and not errors:
        from .index_split import plan_indexes
        from .timeline_split import plan_timeline

        plan = plan_timeline(result.content.eras, result.content.events_by_date, budget)
        index_plans = plan_indexes(result.content, index_budgets)
        pages = SitePages(
            use_directory_urls=use_directory_urls,
            event_pages=plan.event_pages,
            record_pages={kind: index_plan.record_pages for kind, index_plan in index_plans.items()},
        )
        prose = _prose_citations(result.content, docs_dir, use_directory_urls, plan, index_plans)
        renderer = Renderer(result.content, pages, prose, timeline_plan=plan, index_plans=index_plans)
    else:
        # `mkdocs serve` keeps showing the last content that loaded, under the errors; a build fails anyway.
        renderer = cached.renderer if cached is not None else None
    for warning in result.warnings:
        log.info("content: %s", warning)
    loaded = _cache[key] = _Loaded(stamp, renderer, errors)
    return loaded


def _stamp(content_dir: Path, docs_dir: Path) -> tuple:
    """Every content and page file with its mtime and size: any edit makes a new stamp."""
    files = sorted(content_dir.glob("*.yaml")) + sorted(docs_dir.rglob("*.md"))
    return tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files)


def _prose_citations(content, docs_dir: Path, use_directory_urls: bool, plan, index_plans) -> dict[str, list]:
    """Source id -> the pages whose macro calls cite it (read from the page sources once per load).
    A timeline() or figures_index() call that links to split pages instead of listing records cites nothing
    (the records' own back-links point to the generated pages)."""
    from .render import CitedBy, macro_calls, page_url, sources_cited_by

    def cites(call) -> bool:
        if call.name == "figures_index":
            return not index_plans["figures"].split
        return call.name != "timeline" or plan.shows_events(call.argument(0, "era"))

    found: dict[str, list] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        ids = [source_id for call in macro_calls(text) if cites(call) for source_id in sources_cited_by(content, call)]
        if not ids:
            continue
        src_path = path.relative_to(docs_dir).as_posix()
        heading = _H1.search(text)
        title = heading.group(1) if heading else src_path
        for source_id in dict.fromkeys(ids):
            found.setdefault(source_id, []).append(CitedBy(f"Page: {title}", page_url(src_path, use_directory_urls)))
    return found


def _renderer_for(config):
    project_dir = Path(config["config_file_path"] or ".").resolve().parent
    content_dir = Path(os.environ.get(CONTENT_DIR_ENV) or project_dir / "content").resolve()
    loaded = _load(content_dir, Path(config["docs_dir"]), bool(config["use_directory_urls"]))
    if loaded.renderer is None or loaded.errors:
        return None
    return loaded.renderer


def timeline_plan(config):
    """For hooks/timeline_pages.py: the split of the timeline this build renders (the same cached load
    the macros use), or None when the content has errors (the macros plugin reports them)."""
    renderer = _renderer_for(config)
    return renderer.timeline_plan if renderer is not None else None


def index_plans(config) -> dict:
    """For hooks/timeline_pages.py: the split of the index pages (sources, people, figures), by kind;
    empty when the content has errors."""
    renderer = _renderer_for(config)
    return dict(renderer.index_plans) if renderer is not None else {}


def on_post_build(env) -> None:
    """Publish the content as open data (JSON, CSV, CSL-JSON; see docs/data.md) in the site's data/ folder."""
    from .opendata import write_open_data

    config = env.conf
    content_dir = Path(os.environ.get(CONTENT_DIR_ENV) or Path(env.project_dir) / "content").resolve()
    loaded = _load(content_dir, Path(config["docs_dir"]), bool(config["use_directory_urls"]))
    if loaded.renderer is not None and not loaded.errors:  # with errors, a build has already failed
        write_open_data(loaded.renderer.content, Path(config["site_dir"]) / "data")
