"""The date the site's content last changed, for the footer of every page (overrides/partials/copyright.html).

It is the date of the newest commit that changed the records (content/) or the pages' text (docs/, less its
style sheets, scripts and images), read from git when the site is built. A date kept by hand in mkdocs.yml
would go stale the first time an editor forgot it; this one follows every change, and two builds of one
commit show the same date. A correction of a comma counts as a change too: how far the site's coverage
reaches is said in words on the Overview. Outside a git checkout (an archive of the sources) the build falls
back to SOURCE_DATE_EPOCH, which the Makefile sets from the last commit, and shows no date without either.
Sets config.extra.content_updated to a datetime.date, or None.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path


def content_date(docs_dir: Path, content_dir: Path) -> datetime.date | None:
    try:
        run = subprocess.run(
            [
                "git",
                "log",
                "-1",
                "--format=%cs",
                "--",
                str(content_dir),
                str(docs_dir),
                f":(exclude){docs_dir / 'assets'}",
            ],
            cwd=docs_dir,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        found = run.stdout.strip() if run.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        found = ""
    if found:
        return datetime.date.fromisoformat(found)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return None


def on_config(config):
    docs_dir = Path(config["docs_dir"]).resolve()
    # The content folder as extra.explainer gives it (hooks/adapter.py checks it), relative to mkdocs.yml.
    content_dir = Path(config["config_file_path"]).resolve().parent / config["extra"]["explainer"]["content_dir"]
    config["extra"]["content_updated"] = content_date(docs_dir, content_dir.resolve())
    return config
