"""Who a number is credited to in running text, briefly: "100,617 people, by the Armenian government's count
on 3 October 2023". The claimant's full name, the time of day and the method go in the value's hint and the
figure's history on the Figures page; the short form keeps only the side or body and the day.

Pure functions over the model: Content in, strings out (the templates escape them)."""

from __future__ import annotations

from ..dates import PartialDate, Precision
from ..model import Claim, Content, Figure, Quantity
from .format import CURRENCY_SYMBOLS, format_number, format_quantity

__all__ = [
    "credited_to",
    "possessive",
    "credit_phrase",
    "preposition",
    "day_text",
    "short_date",
    "bare_value",
    "value_hint",
    "is_money",
]

_MONTHS_SHORT = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_BOUND_WORDS = {"about": "about ", "at-least": "at least ", "more-than": "more than ", "at-most": "up to "}


def credited_to(content: Content, actor_id: str) -> str:
    """The side or body a number is credited to: the actor's short name; for a person without one, that of
    the body they belong to (a spokeswoman speaks for her government); else the actor's name."""
    actor = content.actor(actor_id)
    seen = {actor_id}
    while not actor.short_name and actor.kind == "person" and actor.affiliation and actor.affiliation not in seen:
        seen.add(actor.affiliation)
        actor = content.actor(actor.affiliation)
    return actor.short_name or actor.name


def possessive(name: str) -> str:
    """'the Armenian government' -> "the Armenian government's"; 'the Karabakh authorities' -> "…authorities'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def is_money(unit: str) -> bool:
    """A sum rather than a count: USD, EUR, AMD…"""
    return unit in CURRENCY_SYMBOLS or (len(unit) == 3 and unit.isalpha() and unit.isupper())


def credit_phrase(content: Content, claim: Claim, figure: Figure, *, according: bool = False) -> str:
    """'by the Armenian government's count', 'by UNHCR's estimate'; a sum, or any number with
    `according` (a target, a size a statement set: no count), 'according to USAID'."""
    name = credited_to(content, claim.claimed_by)
    if according or is_money(figure.unit):
        return f"according to {name}"
    noun = "estimate" if claim.value.kind in ("about", "range") else "count"
    return f"by {possessive(name)} {noun}"


def day_text(date: PartialDate) -> str:
    """A date without its time of day: '3 October 2023', 'October 2023', '2023'."""
    if date.precision <= Precision.DAY:
        return date.human()
    return PartialDate(date.year, date.month, date.day).human()


def preposition(date: PartialDate) -> str:
    """What a date takes in running text: 'on' 3 October 2023, 'in' October 2023, 'in' 2023."""
    return "on" if date.day is not None else "in"


def short_date(date: PartialDate) -> str:
    """For a line of small print: '3 Oct 2023', 'Oct 2023', '2023'."""
    if date.month is None:
        return str(date.year)
    month = _MONTHS_SHORT[date.month - 1]
    return f"{date.day} {month} {date.year}" if date.day is not None else f"{month} {date.year}"


def bare_value(quantity: Quantity, unit: str) -> str:
    """The value as a headline number, its unit left to the words after it: '100,617', 'about 120,000',
    '50–1,000'; a sum keeps its currency: '$11.5 million'."""
    if is_money(unit):
        return format_quantity(quantity, unit)
    if quantity.kind == "range":
        return f"{format_number(quantity.low)}–{format_number(quantity.high)}"  # type: ignore[arg-type]
    value = quantity.low if quantity.low is not None else quantity.high
    return _BOUND_WORDS.get(quantity.kind, "") + format_number(value)  # type: ignore[arg-type]


def value_hint(content: Content, claim: Claim, figure: Figure) -> str:
    """The full attribution, for the value's hint: who exactly, when to the minute, how counted."""
    actor = content.actor(claim.claimed_by)
    who = actor.name
    if actor.kind == "person" and actor.affiliation:
        who += f" ({content.actor(actor.affiliation).name})"
    text = f"{format_quantity(claim.value, figure.unit)}: claimed by {who}, as of {claim.as_of.human()}"
    if claim.method:
        text += f"; {claim.method}"
    if claim.status != "current":
        text += f" ({claim.status})"
    return f"{text}. Every claim for this figure is on the Figures page."
