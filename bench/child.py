"""One timed `mkdocs build`, run by `python -m bench` in a child process: `python -m bench.child mkdocs.yml SITE_DIR`.

Prints one JSON line: the whole build's time (config load included) and the time spent inside the macros
plugin's and the project hooks' event handlers, each as CPU time of this process (what `python -m bench`
reports: on a shared machine other jobs stretch wall time, not CPU time) and as wall time. Method: after the config is loaded, every handler
MkDocs registered for the macros plugin and for `hooks:` modules is replaced by a wrapper that adds its
wall time to a counter (handlers never call each other, so nothing is counted twice). That covers the
content load and validation (on_config), rendering every macro call (on_page_markdown), the generated
timeline pages (on_files, on_nav) and the open-data export (on_post_build). Not counted: Python-Markdown
and the theme turning the macros' output into HTML pages, which MkDocs would do for hand-written HTML
of the same size too (the plain-Material baseline measures that)."""

from __future__ import annotations

import json
import logging
import sys
import time
from functools import wraps


def _timed(handler, spent: list[float]):
    @wraps(handler)
    def wrapper(*args, **kwargs):
        started, started_cpu = time.perf_counter(), time.process_time()
        try:
            return handler(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started
            spent[1] += time.process_time() - started_cpu

    return wrapper


def _ours(handler) -> bool:
    owner = getattr(handler, "__self__", None)
    module = getattr(handler, "__module__", "") or ""
    return type(owner).__module__.startswith("mkdocs_macros") or not module.startswith(("mkdocs", "material"))


def main(config_file: str, site_dir: str) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")  # strict: why it failed
    started, started_cpu = time.perf_counter(), time.process_time()
    config = load_config(config_file, site_dir=site_dir, strict=True)
    spent = [0.0, 0.0]  # wall, CPU
    for name, handlers in config.plugins.events.items():
        config.plugins.events[name] = [_timed(h, spent) if _ours(h) else h for h in handlers]
    build(config)
    print(
        json.dumps(
            {
                "build": time.process_time() - started_cpu,
                "macros": spent[1],
                "build_wall": time.perf_counter() - started,
                "macros_wall": spent[0],
            }
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
