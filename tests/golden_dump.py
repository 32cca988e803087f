"""A hook for tests/test_golden.py: after every other handler has run on a page's Markdown, write it under
GOLDEN_DUMP/pages/ (the macros' whole output, before Python-Markdown and the theme)."""

import os
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    target = Path(os.environ["GOLDEN_DUMP"]) / "pages" / page.file.src_path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return markdown
