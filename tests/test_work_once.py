"""Work done once: one `mkdocs build` of the real site loads and validates the content exactly once.

The build runs in a child process whose `macros.loader.load_content` is wrapped by a counter; the adapter
imports it at call time, so every load in the build (pages, hooks, post-build data) goes through it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.build  # the test runs `mkdocs build` itself, through no build fixture

DRIVER = """
import atexit, sys
import macros.loader as loader
calls = []
original = loader.load_content
def counted(*args, **kwargs):
    calls.append(args)
    return original(*args, **kwargs)
loader.load_content = counted
atexit.register(lambda: print(f"LOADS={len(calls)}"))
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--strict", "-d", sys.argv[1]]
cli()
"""


def test_a_build_loads_the_content_exactly_once(tmp_path):
    run = subprocess.run(
        [sys.executable, "-c", DRIVER, str(tmp_path / "site")],
        cwd=ROOT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "LOADS=1" in run.stdout.splitlines(), run.stdout[-500:]
