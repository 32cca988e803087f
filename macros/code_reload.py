"""Pick up edits to this package under `mkdocs serve` without restarting the server.

Python keeps an imported module in `sys.modules`, so a rebuild after an edit to `macros/render/renderer.py`
would still run the old code. Before each build under `mkdocs serve`, hooks/adapter.py asks here whether any
file of the package changed since the last build and, if so, drops the package's modules so that importing
it again reads them from disk.
"""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# Python modules and the files they read at import time; templates are re-read by Jinja on their own,
# but a renderer holding an old Environment would not see them, so they count too.
CODE_SUFFIXES = (".py", ".html", ".json")

Stamp = tuple[tuple[str, int, int], ...]


def code_stamp(package_dir: Path = PACKAGE_DIR) -> Stamp:
    """Every code file of the package with its mtime and size: any edit gives a different stamp."""
    files = sorted(
        path
        for path in package_dir.rglob("*")
        if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts and path.is_file()
    )
    return tuple(
        (path.relative_to(package_dir).as_posix(), path.stat().st_mtime_ns, path.stat().st_size) for path in files
    )


def changed_files(before: Stamp, after: Stamp) -> list[str]:
    """The files added, removed or edited between two stamps, sorted."""
    old, new = {f[0]: f[1:] for f in before}, {f[0]: f[1:] for f in after}
    return sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))


def forget_package(package: str) -> list[str]:
    """Remove the package and its submodules from `sys.modules`. Returns the names dropped."""
    dropped = sorted(name for name in sys.modules if name == package or name.startswith(package + "."))
    for name in dropped:
        del sys.modules[name]
    return dropped
