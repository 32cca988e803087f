"""The site's one MkDocs adapter (listed under `hooks:` in mkdocs.yml). Everything MkDocs-specific is here;
the `macros` package it drives knows nothing of MkDocs.

Per build:

* `on_config` reads the settings under `extra: explainer:` in mkdocs.yml, loads and checks the content once
  (macros/site.py), registers the macros with mkdocs-macros, and adds the split lists' part pages to the nav;
* `on_files` adds those part pages (each only a macro call);
* `on_page_markdown` runs around mkdocs-macros' own rendering of each page: before it, a fresh page state
  (its notes); after it, the notes at the bottom and any problems on the page;
* `on_post_build` writes the open data into site/data/.

Under `mkdocs serve` (known from `on_startup`) content errors are shown on every page instead of failing the
build, and an edit to any file of macros/ is picked up at the next rebuild (the package is imported afresh).
An edit to this file needs a restart: MkDocs imports hooks once per process.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import logging
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File

# mkdocs counts warnings from loggers under "mkdocs", so `--strict` sees ours.
log = logging.getLogger("mkdocs.plugins.karabakh")

PACKAGE = "macros"
PACKAGE_DIR = Path(__file__).resolve().parent.parent / PACKAGE
# A Markdown footnote definition ("[^1]: …"): its ids (fn:1) would clash with the numbers of cite()'s notes.
_FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^[^\]]+\]:", re.MULTILINE)


class _Budget(c.Type):
    """A page budget: a whole number of records, at least one."""

    def __init__(self) -> None:
        super().__init__(int)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < 1:
            raise base.ValidationError(f"expected a whole number of records, at least 1, not {value!r}")
        return number


class _IndexBudgets(base.Config):
    sources = _Budget()
    people = _Budget()
    figures = _Budget()


class Settings(base.Config):
    """`extra: explainer:` in mkdocs.yml. Every option is required: mkdocs.yml is the one place they are set."""

    content_dir = c.Dir(exists=True)  # the YAML records, relative to mkdocs.yml
    timeline_page_events = _Budget()  # events on the timeline's page before it splits into one page per period
    index_page_records = c.SubConfig(_IndexBudgets)  # records on Sources, People, Figures before each splits


def read_settings(config) -> Settings:
    settings = Settings(config_file_path=config.config_file_path)
    raw = config.extra.get("explainer")
    settings.load_dict(dict(raw) if isinstance(raw, dict) else {})
    errors, warnings = settings.validate()
    problems = [f"extra.explainer.{name}: {error}" for name, error in [*errors, *warnings]]
    if problems:
        raise ConfigurationError("mkdocs.yml: " + "; ".join(problems))
    return settings


@dataclass
class _Page:
    context: Any  # render.PageContext
    where: str  # 'docs/index.md', the prefix of every message about this page
    errors: list[str] = field(default_factory=list)


class _Build:
    """One build: the site the macros render, and the page being rendered."""

    def __init__(self, package: ModuleType, site: Any, docs_label: str, serving: bool) -> None:
        self.package = package
        self.site = site
        self.docs_label = docs_label
        self.serving = serving
        self.page: _Page | None = None

    @property
    def renderer(self):
        return self.site.renderer if self.site.renderer is not None else _state.last_good

    def macro(self, name: str):
        def call(*args, **kwargs):
            page = self.page
            assert page is not None, f"{name}() called outside a page"
            renderer = self.renderer
            if renderer is None:
                return Markup(f'<span class="nk-render-error">[{escape(name)}: content unavailable]</span>')
            method = getattr(renderer, name)
            try:
                # A page calling a macro with arguments it does not take is a problem of that page. Only
                # the binding is checked here: a TypeError inside the renderer is a bug and keeps its traceback.
                inspect.signature(method).bind(page.context, *args, **kwargs)
            except TypeError as error:
                message = f"{page.where}: {name}(): {error}"
            else:
                try:
                    return method(page.context, *args, **kwargs)
                except self.package.render.RenderError as error:  # the page asked for what the content lacks
                    message = f"{page.where}: {error}"
            page.errors.append(message)
            return Markup(f'<span class="nk-render-error">[{escape(message)}]</span>')

        call.__name__ = name
        return call

    def before_page(self, page) -> None:
        context = self.package.render.PageContext(src_path=page.file.src_path, url=page.url)
        self.page = _Page(context, where=f"{self.docs_label}/{context.src_path}")

    def after_page(self, markdown: str) -> str:
        page, self.page = self.page, None
        assert page is not None
        renderer = self.renderer
        notes = renderer.notes(page.context) if renderer is not None else ""
        if notes and _FOOTNOTE_DEFINITION.search(markdown):
            page.errors.append(
                f"{page.where}: Markdown footnotes ([^…]) and cite() on one page would share note numbers; use cite()"
            )
        if page.errors and not self.serving:
            raise PluginError("\n".join(page.errors))
        for message in page.errors:
            log.error(message)
        messages = [*self.site.errors, *page.errors]
        if messages:
            markdown = f"{self.package.render.error_admonition(messages)}\n\n{markdown}"
        if notes:
            markdown = f"{markdown}\n\n{notes}\n"
        return markdown


class _State:
    """What outlives one build, in this process: serve mode, the package as imported, and (under serve)
    the last renderer whose content had no error, shown under the errors of a broken edit."""

    def __init__(self) -> None:
        self.serving = False
        self.code_stamp: tuple | None = None
        self.last_good: Any = None
        self.build: _Build | None = None


_state = _State()


def on_startup(command: str, dirty: bool) -> None:
    global _state
    _state = _State()
    _state.serving = command == "serve"


@event_priority(-50)  # after mkdocs-macros' on_config, which makes the environment the macros go into
def on_config(config):
    settings = read_settings(config)
    package = _package()
    # The pages' own links to other sites get the content's mark (rel="noopener"): printed, they show their
    # addresses. By class name: after a code reload the class is a new one.
    if not any(type(ext).__name__ == "ExternalLinks" for ext in config.markdown_extensions):
        config.markdown_extensions.append(package.render.ExternalLinks())

    docs_dir = Path(config.docs_dir)
    project_dir = Path(config.config_file_path or ".").resolve().parent
    site = package.site.load_site(
        Path(settings.content_dir).resolve(),
        docs_dir,
        use_directory_urls=config.use_directory_urls,
        budgets={"timeline": settings.timeline_page_events, **settings.index_page_records},
    )
    for warning in site.warnings:
        log.info("content: %s", warning)
    if site.errors:
        if not _state.serving:
            raise PluginError("the content has errors:\n" + "\n".join(site.errors))
        for message in site.errors:
            log.error(message)
    elif _state.serving:
        _state.last_good = site.renderer

    build = _state.build = _Build(package, site, os.path.relpath(docs_dir, project_dir), _state.serving)
    macros_plugin = config.plugins["macros"]
    macros_plugin.register_macros({name: build.macro(name) for name in package.render.MACROS})
    if config.nav:
        config.nav = site.nav(config.nav)
    return config


def on_files(files, config):
    site = _current().site
    for page in site.generated_pages():
        files.append(File.generated(config, page.src_path, content=page.markdown))
    return files


@event_priority(50)  # before mkdocs-macros renders the page
def _before_macros(markdown: str, page, config, files) -> str:
    _current().before_page(page)
    return markdown


@event_priority(-50)  # after it
def _after_macros(markdown: str, page, config, files) -> str:
    return _current().after_page(markdown)


on_page_markdown = CombinedEvent(_before_macros, _after_macros)


def on_post_build(config) -> None:
    """The content as open data (JSON, CSV, CSL-JSON; see docs/data.md) in the site's data/ folder."""
    build = _current()
    if build.site.renderer is not None:  # with errors, a build has already failed (serve: nothing to publish)
        build.package.opendata.write_open_data(build.site.renderer.content, Path(config.site_dir) / "data")


def _current() -> _Build:
    """This build, which on_config made (MkDocs runs it before every other event)."""
    assert _state.build is not None, "on_config has not run"
    return _state.build


def _package() -> ModuleType:
    """The `macros` package, imported from this repository. Under `mkdocs serve`, after an edit to any of its
    files the package is imported afresh, so the rebuild runs the edited code; the last good renderer goes
    too (it is an instance of the old classes)."""
    package = _import_package()
    if _state.serving:
        stamp = package.code_reload.code_stamp(PACKAGE_DIR)
        if _state.code_stamp is not None and stamp != _state.code_stamp:
            edited = package.code_reload.changed_files(_state.code_stamp, stamp)
            log.info("macros: %s changed; reloading the package", ", ".join(edited))
            package.code_reload.forget_package(PACKAGE)
            package = _import_package()
            _state.last_good = None
        _state.code_stamp = stamp
    return package


def _import_package() -> ModuleType:
    """The package and the submodules the adapter uses. When nothing has imported it yet, it is imported
    from its location (nothing is added to sys.path)."""
    if PACKAGE not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            PACKAGE, PACKAGE_DIR / "__init__.py", submodule_search_locations=[str(PACKAGE_DIR)]
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[PACKAGE] = module
        spec.loader.exec_module(module)
    for name in ("code_reload", "opendata", "render", "site"):
        importlib.import_module(f"{PACKAGE}.{name}")
    return sys.modules[PACKAGE]
