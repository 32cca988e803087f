"""macros/render/attribution.py: the short credit a number gets in running text names the body that counted,
and the full attribution stays in the hint."""

import pytest

from macros.dates import parse_date
from macros.model import Actor, Claim, Content, Figure, Quantity
from macros.render.attribution import (
    bare_value,
    credit_phrase,
    credited_to,
    day_text,
    is_money,
    possessive,
    preposition,
    short_date,
    value_hint,
)

ACTORS = (
    Actor("armenia", "Armenia", "state"),
    Actor(
        "gov", "Government of Armenia", "government-body", affiliation="armenia", short_name="the Armenian government"
    ),
    Actor("spokes", "Nazeli Baghdasaryan", "person", affiliation="gov"),
    Actor("ministry", "Azerbaijani Health Ministry", "government-body", short_name="Azerbaijan's Health Ministry"),
    Actor(
        "ombudsman", "Nagorno-Karabakh Human Rights Defender", "de-facto-authority", short_name="the Karabakh ombudsman"
    ),
    Actor("president", "Ilham Aliyev", "person", affiliation="az", short_name="President Aliyev"),
    Actor("az", "Azerbaijan", "state"),
    Actor("analyst", "Vusal Gasimli", "person"),
    Actor("loop-a", "A Person", "person", affiliation="loop-b"),
    Actor("loop-b", "B Person", "person", affiliation="loop-a"),
    Actor("unhcr", "UNHCR", "international-organisation"),
)


def claim(value, as_of="2023-10-03T12:00+04:00", by="spokes", status="current", method=None):
    return Claim(value, parse_date(as_of), by, "src", status, method=method)


def figure(unit="people", *claims):
    return Figure("f", "Full label of the figure", unit, claims or (claim(Quantity("exact", 100617, 100617)),))


CONTENT = Content(actors=ACTORS)


@pytest.mark.parametrize(
    "actor, expected",
    [
        ("spokes", "the Armenian government"),  # a person speaks for the body she belongs to
        ("gov", "the Armenian government"),
        ("ministry", "Azerbaijan's Health Ministry"),
        ("president", "President Aliyev"),  # a person with a short name keeps it
        ("analyst", "Vusal Gasimli"),  # no short name, no affiliation: the name
        ("unhcr", "UNHCR"),
        ("loop-a", "B Person"),  # a circle of affiliations ends (at the last person not yet seen)
    ],
)
def test_credited_to_the_body_that_counted(actor, expected):
    assert credited_to(CONTENT, actor) == expected


def test_possessive():
    assert possessive("the Armenian government") == "the Armenian government's"
    assert possessive("Azerbaijan's prosecutors") == "Azerbaijan's prosecutors'"
    assert possessive("UNHCR") == "UNHCR's"


def test_credit_phrase_says_count_estimate_or_according_to():
    exact = claim(Quantity("exact", 100617, 100617))
    assert credit_phrase(CONTENT, exact, figure()) == "by the Armenian government's count"
    about = claim(Quantity("about", 120000, 120000), by="unhcr")
    assert credit_phrase(CONTENT, about, figure()) == "by UNHCR's estimate"
    ranged = claim(Quantity("range", 50, 1000), by="ombudsman")
    assert credit_phrase(CONTENT, ranged, figure()) == "by the Karabakh ombudsman's estimate"
    money = claim(Quantity("more-than", 11_500_000, None), by="gov")
    assert credit_phrase(CONTENT, money, figure("USD")) == "according to the Armenian government"
    assert credit_phrase(CONTENT, exact, figure(), according=True) == "according to the Armenian government"


def test_is_money():
    assert is_money("USD") and is_money("AMD") and is_money("EUR")
    assert not is_money("people") and not is_money("deaths")


@pytest.mark.parametrize(
    "text, day, phrase, short",
    [
        ("2023-10-03T12:00+04:00", "3 October 2023", "on 3 October 2023", "3 Oct 2023"),
        ("2023-09-25", "25 September 2023", "on 25 September 2023", "25 Sep 2023"),
        ("2024-09", "September 2024", "in September 2024", "Sep 2024"),
        ("1994", "1994", "in 1994", "1994"),
    ],
)
def test_dates_without_the_time_of_day(text, day, phrase, short):
    date = parse_date(text)
    assert day_text(date) == day
    assert f"{preposition(date)} {day_text(date)}" == phrase
    assert short_date(date) == short


@pytest.mark.parametrize(
    "quantity, unit, expected",
    [
        (Quantity("exact", 100617, 100617), "people", "100,617"),
        (Quantity("about", 120000, 120000), "people", "about 120,000"),
        (Quantity("at-least", 200, None), "deaths", "at least 200"),
        (Quantity("more-than", 10000, None), "people", "more than 10,000"),
        (Quantity("at-most", 1000, None), "people", "up to 1,000"),
        (Quantity("range", 50, 1000), "people", "50–1,000"),
        (Quantity("more-than", 11_500_000, None), "USD", "more than $11.5 million"),
    ],
)
def test_bare_value_leaves_the_unit_to_the_label_but_keeps_a_currency(quantity, unit, expected):
    assert bare_value(quantity, unit) == expected


def test_value_hint_has_the_full_attribution():
    c = claim(Quantity("exact", 100617, 100617), method="border crossings")
    hint = value_hint(CONTENT, c, figure("people", c))
    assert hint.startswith(
        "100,617 people: claimed by Nazeli Baghdasaryan (Government of Armenia), as of 3 October 2023, 12:00"
    )
    assert "; border crossings" in hint
    assert hint.endswith("Every claim for this figure is on the Figures page.")
    disputed = claim(Quantity("exact", 5, 5), by="unhcr", status="disputed")
    assert "(disputed)" in value_hint(CONTENT, disputed, figure("people", disputed))
