"""The one line People and institutions gives each person: their role without the country that the
heading above already names ("President of Azerbaijan" under Azerbaijan reads "President").

Pure: strings in, strings out; the renderer and its template (people_index.html) do the rest."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Actor, Role

__all__ = ["PARTY_SIDES", "current_role", "earlier_roles", "short_title"]

# The sides whose heading names one country or authority, with how role titles name it: the name, then the
# adjective ("Prime Minister of Armenia", "Armenia's Security Council", "the Armenian Foreign Ministry").
PARTY_SIDES: dict[str, tuple[str, str]] = {
    "armenia": ("Armenia", "Armenian"),
    "azerbaijan": ("Azerbaijan", "Azerbaijani"),
    "nagorno-karabakh": ("Nagorno-Karabakh", "Nagorno-Karabakh"),
    "russia": ("Russia", "Russian"),
    "soviet-union": ("the Soviet Union", "Soviet"),
}


def short_title(title: str, side: str) -> str:
    """A role's title without the name of the side's country or authority; unchanged for other sides."""
    if side not in PARTY_SIDES:
        return title
    name, adjective = (re.escape(word) for word in PARTY_SIDES[side])
    short = re.sub(rf"\s+of\s+{name}(?=$|[,;]|\s\(|\s+(?:in|and)\s)", "", title)  # President of Azerbaijan
    short = re.sub(rf"\b{name}'s\s+", "the ", short)  # Secretary of Armenia's Security Council
    short = re.sub(rf"\b(the|de facto)\s+{adjective}\s+", r"\1 ", short)  # the Azerbaijani Foreign Ministry
    short = short.strip()
    return short[:1].upper() + short[1:] if short else title


def current_role(actor: Actor) -> Role | None:
    """The role People shows: the last listed (the schema asks for roles oldest first)."""
    return actor.roles[-1] if actor.roles else None


def earlier_roles(actor: Actor) -> Sequence[Role]:
    return actor.roles[:-1]
