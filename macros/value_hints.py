"""What to write instead: the exact value behind a schema error an editor commonly makes.

A number copied from a source arrives as "115,183", "11.5 million", "about 120,000" or "120000 people";
a date as "12 May 1994"; a kind of value as {around: N}. The schema can only say "not one of …"; these
functions find the number, the date or the key that was meant, so the message can show it. Pure: text in,
text out, nothing about files or locations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from .diagnostics import closest

__all__ = ["number_text", "quantity_problem", "date_text"]

# Thousands separators as sources print them: comma, space, no-break and thin spaces, apostrophes.
_SEPARATORS = ",' \u00a0\u202f\u2009’"
_GROUPED = re.compile(rf"^\d{{1,3}}(?:[{_SEPARATORS}]\d{{3}})+(?:\.\d+)?$")
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")
_MULTIPLIERS = {
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
}
_CURRENCY = "$€£֏₼₽"
# Words before a number -> the kind of value they mean (the keys of a claim's value).
_BOUND_WORDS = (
    (
        "about",
        (
            "about",
            "around",
            "approximately",
            "approx.",
            "approx",
            "roughly",
            "nearly",
            "almost",
            "some",
            "circa",
            "c.",
            "ca.",
            "~",
            "≈",
        ),
    ),
    ("at_least", ("at least", "no fewer than", "no less than", "a minimum of", "minimum", "≥", ">=")),
    ("more_than", ("more than", "over", "above", "upwards of", "in excess of", ">")),
    ("at_most", ("up to", "at most", "no more than", "a maximum of", "maximum", "≤", "<=")),
)
# Other names editors give the keys of a claim's value.
_KEY_SYNONYMS = {
    "around": "about",
    "approximately": "about",
    "approx": "about",
    "circa": "about",
    "roughly": "about",
    "nearly": "about",
    "almost": "about",
    "some": "about",
    "approximate": "about",
    "over": "more_than",
    "above": "more_than",
    "more": "more_than",
    "morethan": "more_than",
    "greater_than": "more_than",
    "least": "at_least",
    "atleast": "at_least",
    "minimum": "at_least",
    "no_less_than": "at_least",
    "up_to": "at_most",
    "upto": "at_most",
    "most": "at_most",
    "atmost": "at_most",
    "maximum": "at_most",
    "under": "at_most",
    "from": "min",
    "low": "min",
    "lower": "min",
    "to": "max",
    "high": "max",
    "upper": "max",
}


def _format(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else repr(number)


def _number(text: str) -> tuple[float, list[str], str] | None:
    """A number written as a source prints it: (value, what is wrong with how it is written, unit left over)."""
    problems: list[str] = []
    text = text.strip()
    unit = ""
    if text[:1] in _CURRENCY:
        unit, text = text[0], text[1:].strip()
    match = re.match(r"^([\d.,'\u00a0\u202f\u2009’ ]*\d)\s*(.*)$", text)
    if not match:
        return None
    digits, rest = match.group(1).strip(), match.group(2).strip()
    if _GROUPED.match(digits):
        problems.append("a thousands separator")
        digits = re.sub(f"[{_SEPARATORS}]", "", digits)
    elif not _PLAIN.match(digits):
        return None
    value = float(digits)
    words = rest.lower().split()
    if words and words[0] in _MULTIPLIERS:
        value *= _MULTIPLIERS[words.pop(0)]
        problems.append("words")
    if words:
        unit = (unit + " " + " ".join(words)).strip()
    if unit:
        problems.append("a unit")
    return value, problems, unit


def number_text(text: str) -> tuple[str, str] | None:
    """For text where a claim's value belongs: (what is wrong, the value to write), or None.

    '115,183' -> ('has a thousands separator', '115183'); 'about 120,000' -> ('has words and a thousands
    separator', '{about: 120000}'); '300,000-500,000' -> a range; '68' -> ('is in quotation marks', '68')."""
    original = text
    text = " ".join(text.split())
    lower = text.lower()
    key = None
    for kind, phrases in _BOUND_WORDS:
        phrase = next(
            (p for p in phrases if lower.startswith(p) and (not p[-1].isalpha() or lower[len(p) :][:1] in (" ", ""))),
            None,
        )
        if phrase:
            key, text = kind, text[len(phrase) :].strip()
            break
    problems: list[str] = ["words"] if key else []
    low_high = re.split(r"\s*(?:–|—|-|\bto\b|\band\b)\s*", re.sub(r"^between\s+", "", text, flags=re.IGNORECASE))
    if key is None and len(low_high) == 2 and all(low_high):
        low, high = _number(low_high[0]), _number(low_high[1])
        if low is not None and high is not None:
            found = sorted(set(low[1] + high[1]), key=_ORDER.index)
            suggestion = f"{{min: {_format(low[0])}, max: {_format(high[0])}}}"
            return "is a range" + (" with " + _what(found, low[2] or high[2])[4:] if found else ""), suggestion
    parsed = _number(text)
    if parsed is None:
        return None
    value, found, unit = parsed
    problems += found
    number = _format(value)
    suggestion = f"{{{key}: {number}}}" if key else number
    if not problems:
        return ("is in quotation marks" if original.strip() == original else "has spaces"), number
    return _what(sorted(set(problems), key=_ORDER.index), unit), suggestion


_ORDER = ["words", "a thousands separator", "a unit"]


def _what(problems: list[str], unit: str) -> str:
    listed = problems[0] if len(problems) == 1 else ", ".join(problems[:-1]) + " and " + problems[-1]
    return f"has {listed}" + (f" ('{unit}' goes in the figure's 'unit')" if unit else "")


def quantity_problem(instance: Any, keys: Iterable[str]) -> tuple[str | None, str] | None:
    """For a claim's value the schema refused: (the mapping key to point at or None, the message), or None
    when nothing more precise than the schema's own message can be said. `keys` are the allowed keys."""
    keys = list(keys)
    if isinstance(instance, str):
        found = number_text(instance)
        return (None, f"'{instance}' {found[0]}: write {found[1]}") if found else None
    if isinstance(instance, (int, float)) and not isinstance(instance, bool) and instance < 0:
        return None, f"{_format(instance)} is negative; a count or sum is 0 or more"
    if not isinstance(instance, Mapping) or not instance:
        return None
    # {about: 115,183}: in braces, YAML reads the comma as the start of a new entry, '183'.
    known = [key for key in instance if key in keys]
    rest = [key for key in instance if key not in keys]
    if len(known) == 1 and rest and all(key.isdigit() and instance[key] is None for key in rest):
        number = str(instance[known[0]]) + "".join(rest)
        written = f"{known[0]}: {instance[known[0]]},{','.join(rest)}"
        return None, f"'{{{written}}}': in braces a comma starts a new entry; write {{{known[0]}: {number}}}"
    if rest:
        meant = _meant_key(rest[0], keys)
        hint = f" (did you mean '{meant}'?)" if meant else f"; the keys are {', '.join(keys)}"
        return rest[0], f"unknown key '{rest[0]}'{hint}"
    if ("min" in instance or "max" in instance) and set(instance) != {"min", "max"}:
        missing = "max" if "min" in instance else "min"
        return None if len(instance) > 2 else (None, f"a range needs both 'min' and 'max': add '{missing}'")
    if len(known) > 1 and set(known) != {"min", "max"}:
        return None, f"give one of {', '.join(known)}, not {len(known)}"
    for key in known:
        value = instance[key]
        if isinstance(value, str):
            found = number_text(value)
            if found:
                inner = (
                    found[1] if found[1].startswith("{") else f"{{{key}: {found[1]}}}" if len(known) == 1 else found[1]
                )
                return key, f"'{value}' {found[0]}: write {inner}"
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
            return key, f"'{key}' is negative ({_format(value)}); a count or sum is 0 or more"
    return None


def _meant_key(key: str, keys: list[str]) -> str | None:
    normal = re.sub(r"[\s-]+", "_", str(key).strip().lower())
    if normal in keys:
        return normal
    synonym = _KEY_SYNONYMS.get(normal)
    if synonym in keys:
        return synonym
    return closest(normal, keys)


_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if len(word) < 3:
        return None
    found = [i + 1 for i, month in enumerate(_MONTHS) if month.startswith(word)]
    return found[0] if len(found) == 1 else None


def date_text(text: str) -> str | None:
    """The ISO 8601 form of a date written another way, when it is certain: '12 May 1994' -> '1994-05-12',
    'May 1994' -> '1994-05', 'September 25, 2023' -> '2023-09-25', '25/09/2023' -> '2023-09-25' (but not
    '05/09/2023', which could be either day first or month first)."""
    words = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text.strip().replace(",", " ")).split()
    day = month = year = None
    if len(words) == 3 and words[0].isdigit() and words[2].isdigit():  # 12 May 1994
        day, month, year = int(words[0]), _month(words[1]), words[2]
    elif len(words) == 3 and words[1].isdigit() and words[2].isdigit():  # May 12 1994
        month, day, year = _month(words[0]), int(words[1]), words[2]
    elif len(words) == 2 and words[1].isdigit():  # May 1994
        month, year = _month(words[0]), words[1]
    else:
        parts = re.fullmatch(r"(\d{1,4})[./](\d{1,2})[./](\d{1,4})", text.strip())
        if not parts:
            return None
        first, second, third = parts.groups()
        if len(first) == 4:  # 1994/05/12
            year, month, day = first, int(second), int(third)
        elif len(third) == 4 and (int(first) > 12 or int(first) == int(second)):  # 25/09/2023: day first
            year, month, day = third, int(second), int(first)
        elif len(third) == 4 and int(second) > 12:  # 09/25/2023: month first
            year, month, day = third, int(first), int(second)
        else:
            return None
    if month is None or year is None or len(year) != 4 or not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{day:02d}" if 1 <= day <= 31 else None
