"""Read one content file into plain Python values, safely, keeping every node's line and column.

PyYAML's own `load` is not used: it turns unquoted dates into `datetime` objects (so `1994-05-12` and
`"1994-05-12"` would load differently), keeps the last of two duplicate keys without a word, and follows
anchors and aliases. Instead the file is *composed* (libyaml's C parser when available) and the node tree is
turned into dicts, lists and scalars here, refusing anything the content format does not allow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Diagnostic, error, warning
from .model import Location

__all__ = [
    "MAX_FILE_BYTES",
    "DEFAULT_LOADER",
    "REFERENCE_FIELDS",
    "YamlDocument",
    "read_yaml",
    "parse_yaml_text",
]

MAX_FILE_BYTES = 8 * 1024 * 1024

# Fields whose values are ids: an invisible bidi control character there is an error, elsewhere a warning.
REFERENCE_FIELDS = frozenset(
    {
        "id",
        "era",
        "sources",
        "actors",
        "places",
        "figures",
        "affiliation",
        "of",
        "claimed_by",
        "source",
        "correction",
        "tags",
    }
)

_BIDI_CHARS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_BIDI_RE = re.compile(f"[{_BIDI_CHARS}]")
_TAB_INDENT_RE = re.compile(r"^ *\t", re.MULTILINE)
# What YAML 1.1 calls non-printable (its readers refuse these anywhere in a file)
_NON_PRINTABLE_RE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# A comment at the start of a line made of or framed by rules (# --- Era: blockade ---, # ====, ## …):
# a heading between records. The files have none: records keep a fixed order instead (CONTRIBUTING).
_HEADING_RE = re.compile(r"^#[ \t]*(?:[-=*#~]{2,}|[^\n]*[-=*#~]{3}[ \t]*$)", re.MULTILINE)
# Cheap pre-filter: only a file with something that looks like an anchor is scanned event by event.
_ANCHOR_HINT_RE = re.compile(r"(?:^|[ \t\[{,])&[^\s\]},]", re.MULTILINE)

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
_TIMESTAMP, _MAP, _SEQ = _TAG + "timestamp", _TAG + "map", _TAG + "seq"
_BOOLS = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()  # only for YAML 1.1's odd number forms (0x1F, 1_000.5)


# libyaml's C parser when installed; the pure-Python one gives the same result, slower.
DEFAULT_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlDocument:
    """A parsed file: its plain values plus the node tree, kept to point at `line:column` on demand."""

    file: str
    data: Any
    root: Node

    def location(self, path: tuple[str | int, ...] = ()) -> Location:
        """Where the value at `path` starts; for a missing key, where its mapping starts."""
        return _mark(self.file, _node_at(self.root, path))

    def key_location(self, path: tuple[str | int, ...]) -> Location:
        """Where the key of the last step is written (for unknown or duplicate fields)."""
        parent = _node_at(self.root, path[:-1])
        if isinstance(parent, MappingNode):
            for key_node, _ in parent.value:
                if key_node.value == path[-1]:
                    return _mark(self.file, key_node)
        return self.location(path)


def read_yaml(path: Path, file: str, loader: type = DEFAULT_LOADER) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Read and parse `path` (shown to editors as `file`); never raises for a problem in the file."""
    start = Location(file, 1, 1)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            return None, [error(start, f"file is {size / 1048576:.1f} MiB; the limit is {limit} MiB")]
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [error(start, "file is missing")]
    except OSError as exc:
        return None, [error(start, f"cannot read file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        return None, [
            error(
                Location(file, line, column),
                f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded; save the file as UTF-8",
            )
        ]
    return parse_yaml_text(text, file, loader)


def parse_yaml_text(
    text: str, file: str, loader: type = DEFAULT_LOADER
) -> tuple[YamlDocument | None, list[Diagnostic]]:
    if _ANCHOR_HINT_RE.search(text):
        anchors = _anchor_diagnostics(text, file, loader)
        if anchors:
            return None, anchors
    try:
        parser = loader(text)
        try:
            root = parser.get_single_node()
        finally:
            parser.dispose()
    except yaml.MarkedYAMLError as exc:
        # A tab inside a quoted or block scalar is legal, so tabs are blamed only once parsing fails.
        tabs = [
            error(_position(file, text, m.end() - 1), "tab character in indentation; indent with spaces")
            for m in _TAB_INDENT_RE.finditer(text)
        ]
        return None, tabs or [_syntax_error(exc, file, _run_on_quote(text, loader, exc.problem_mark))]
    except yaml.reader.ReaderError:
        # The C and Python readers give the offset in bytes and in characters; finding the characters
        # again here reports every one of them, at its line and column, either way.
        return None, [
            error(
                _position(file, text, m.start()), f"control character U+{ord(m.group()):04X} is not allowed; delete it"
            )
            for m in _NON_PRINTABLE_RE.finditer(text)
        ] or [error(Location(file, 1, 1), "the file contains characters YAML does not allow")]
    except yaml.YAMLError as exc:
        return None, [error(Location(file, 1, 1), f"YAML error: {exc}")]
    if root is None:
        return None, [error(Location(file, 1, 1), "file is empty; expected a list of records (write [] for none)")]
    converter = _Converter(file, check_bidi=_BIDI_RE.search(text) is not None)
    try:
        data = converter.convert(root, None)
    except _Refused as refused:
        return None, [*converter.diagnostics, refused.diagnostic]
    diagnostics = converter.diagnostics
    diagnostics += [
        error(
            _position(file, text, m.start()),
            "a heading comment between records; delete it: records are not grouped under headings but kept in order (see CONTRIBUTING)",
        )
        for m in _HEADING_RE.finditer(text)
    ]
    if converter.bidi_id_ranges is not None:
        diagnostics += _bidi_diagnostics(text, file, converter.bidi_id_ranges)
    return YamlDocument(file, data, root), diagnostics


class _Refused(Exception):
    """Something that makes the whole file untrustworthy (a foreign tag, an alias): stop reading it."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


class _Converter:
    def __init__(self, file: str, check_bidi: bool) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        # An alias is the same node object reached twice; checking collections also stops "billion laughs".
        self.seen: set[int] = set()
        # (start, end) positions of id scalars holding a bidi character; None when the file has none.
        self.bidi_id_ranges: list[tuple[tuple[int, int], tuple[int, int]]] | None = [] if check_bidi else None

    def convert(self, node: Node, key: str | None, reached_from: Node | None = None) -> Any:
        cls = node.__class__
        if cls is ScalarNode:
            value = self.scalar(node)
            if self.bidi_id_ranges is not None and key in REFERENCE_FIELDS and isinstance(value, str):
                self.note_bidi_id(node)
            return value
        if id(node) in self.seen:
            # The shared node's own mark is where it was first written; `reached_from` is where it recurs.
            raise _Refused(
                error(_mark(self.file, reached_from or node), "aliases (*name) are not allowed; repeat the value")
            )
        self.seen.add(id(node))
        if cls is MappingNode:
            if node.tag != _MAP:
                raise self.refuse_tag(node)
            return self.mapping(node)
        if node.tag != _SEQ:
            raise self.refuse_tag(node)
        return [self.convert(item, key, node) for item in node.value]

    def mapping(self, node: MappingNode) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                self.diagnostics.append(error(_mark(self.file, key_node), "a field name must be plain text"))
                continue
            name = key_node.value
            if self.bidi_id_ranges is not None:
                self.note_bidi_id(key_node)
            if name in result:
                first = first_seen[name].start_mark.line + 1
                self.diagnostics.append(
                    error(_mark(self.file, key_node), f"duplicate field '{name}' (first given on line {first})")
                )
                continue
            first_seen[name] = key_node
            result[name] = self.convert(value_node, name, key_node)
        return result

    def scalar(self, node: ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == _STR or tag == _TIMESTAMP:  # dates stay text: quoted or not, they load the same
            return text
        if tag == _INT:
            return (
                int(text)
                if text.isdigit() and (text[0] != "0" or text == "0")
                else _CONSTRUCTOR.construct_yaml_int(node)
            )
        if tag == _FLOAT:
            return _CONSTRUCTOR.construct_yaml_float(node)
        if tag == _BOOL:
            return _BOOLS[text.lower()]
        if tag == _NULL:
            return None
        raise self.refuse_tag(node)

    def refuse_tag(self, node: Node) -> _Refused:
        tag = node.tag.replace(_TAG, "!!")
        return _Refused(error(_mark(self.file, node), f"tag '{tag}' is not allowed; write plain YAML values"))

    def note_bidi_id(self, node: ScalarNode) -> None:
        if _BIDI_RE.search(node.value):
            start, end = node.start_mark, node.end_mark
            self.bidi_id_ranges.append(((start.line, start.column), (end.line, end.column)))


def _bidi_diagnostics(
    text: str, file: str, id_ranges: list[tuple[tuple[int, int], tuple[int, int]]]
) -> list[Diagnostic]:
    found = []
    for line_number, line in enumerate(text.splitlines()):
        for match in _BIDI_RE.finditer(line):
            where = Location(file, line_number + 1, match.start() + 1)
            code = f"U+{ord(match.group()):04X}"
            position = (line_number, match.start())
            if any(start <= position < end for start, end in id_ranges):
                found.append(error(where, f"invisible bidirectional control character {code} in an id; delete it"))
            else:
                found.append(
                    warning(
                        where, f"invisible bidirectional control character {code} in text; delete it unless intended"
                    )
                )
    return found


def _anchor_diagnostics(text: str, file: str, loader: type) -> list[Diagnostic]:
    found = []
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                found.append(error(_mark(file, event), f"alias '*{event.anchor}' is not allowed; repeat the value"))
            elif getattr(event, "anchor", None):
                found.append(error(_mark(file, event), f"anchor '&{event.anchor}' is not allowed; repeat the value"))
    except yaml.YAMLError:
        pass  # a syntax error is reported by the full parse that follows
    return found


def _syntax_error(exc: yaml.MarkedYAMLError, file: str, quote: yaml.Mark | None = None) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file, 1, 1)
    problem = exc.problem or exc.context or "cannot be parsed"
    if exc.context and exc.problem and exc.context_mark and exc.problem_mark:
        problem += f" ({exc.context} at line {exc.context_mark.line + 1})"
    if quote is not None:
        problem += (
            f"; the quote opened on line {quote.line + 1}, column {quote.column + 1} runs on to here:"
            " is its closing quote missing?"
        )
    return error(where, f"YAML syntax error: {problem}")


def _run_on_quote(text: str, loader: type, problem: yaml.Mark | None) -> yaml.Mark | None:
    """Where the quoted value just before a syntax error began, when that value spans lines. A quote left
    open swallows the lines after it up to the next quote, and the parser fails only there (a quote opened
    on line 6 is reported at line 28): the error then also names the line the quote was opened on."""
    if problem is None:
        return None
    last = None
    try:
        for token in yaml.scan(text, Loader=loader):
            if (token.end_mark.line, token.end_mark.column) > (problem.line, problem.column):
                break
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass  # the scanner stops at its own error; the tokens before it are enough
    if last is not None and last.style in ('"', "'") and last.end_mark.line > last.start_mark.line:
        return last.start_mark
    return None


def _node_at(root: Node, path: tuple[str | int, ...]) -> Node:
    node = root
    for step in path:
        if isinstance(node, MappingNode):
            child = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            child = node.value[step]
        else:
            child = None
        if child is None:
            break
        node = child
    return node


def _mark(file: str, item: Node | yaml.Event) -> Location:
    return Location(file, item.start_mark.line + 1, item.start_mark.column + 1)


def _position(file: str, text: str, index: int) -> Location:
    line_start = text.rfind("\n", 0, index) + 1
    return Location(file, text.count("\n", 0, index) + 1, index - line_start + 1)
