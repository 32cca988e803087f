"""`python -m macros check [--content DIR] [--docs DIR]`: validate the content, errors as file:line:column.

Exit codes: 0 content ok (warnings allowed), 1 content errors, 2 a bug in the checker or bad arguments.
No traceback reaches an editor: anything unexpected becomes one line, "internal error: …".

`python -m macros fields [--write]`: the editors' field reference, generated from the schemas'
descriptions; --write puts it into CONTRIBUTING.md between its marker comments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate content/*.yaml and macro ids in docs/**/*.md")
    check.add_argument(
        "--content", type=Path, default=REPO_ROOT / "content", help="content directory (default: content/)"
    )
    check.add_argument(
        "--docs", type=Path, default=None, help="docs directory to scan for macro calls (default: docs/ if it exists)"
    )
    fields = commands.add_parser("fields", help="print the field reference generated from schemas/*.schema.json")
    fields.add_argument("--write", action="store_true", help="regenerate its section of CONTRIBUTING.md instead")
    args = parser.parse_args(argv)
    try:
        if args.command == "fields":
            return run_fields(args.write)
        return run_check(args.content, args.docs)
    except Exception as exc:  # the CLI boundary: a checker bug must not print a traceback at an editor
        print(f"internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


def run_check(content_dir: Path, docs_dir: Path | None) -> int:
    from .loader import load_content

    if docs_dir is None and (REPO_ROOT / "docs").is_dir():
        docs_dir = REPO_ROOT / "docs"
    if docs_dir is not None and not docs_dir.is_dir():
        print(f"error: docs directory '{docs_dir}' not found", file=sys.stderr)
        return 2
    result = load_content(content_dir, docs_dir)
    # One stream per outcome keeps the order: warnings above the summary, or every problem then the count.
    stream = sys.stdout if result.content is not None else sys.stderr
    for diagnostic in result.diagnostics:
        print(diagnostic, file=stream)
    if result.content is None:
        print(
            f"content has {_count(len(result.errors), 'error')}, {_count(len(result.warnings), 'warning')}",
            file=sys.stderr,
        )
        return 1
    print(summary(result.content, len(result.warnings)))
    return 0


def run_fields(write: bool) -> int:
    from .field_reference import GUIDE, reference, updated_guide

    if not write:
        print(reference())
        return 0
    text = GUIDE.read_text(encoding="utf-8")
    updated = updated_guide(text)
    if updated != text:
        GUIDE.write_text(updated, encoding="utf-8")
    print(f"{GUIDE.name}: field reference {'updated' if updated != text else 'already current'}")
    return 0


def summary(content, warnings: int) -> str:
    claims = sum(len(figure.claims) for figure in content.figures)
    counts = ", ".join(
        [
            _count(len(content.events), "event"),
            _count(len(content.actors), "actor"),
            f"{_count(len(content.figures), 'figure')} ({_count(claims, 'claim')})",
            _count(len(content.sources), "source"),
            _count(len(content.places), "place"),
            _count(len(content.eras), "era"),
            _count(len(content.glossary), "term"),
        ]
    )
    return f"content ok: {counts}; {_count(warnings, 'warning')}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


if __name__ == "__main__":
    sys.exit(main())
