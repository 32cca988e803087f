from macros.model import Quantity
from macros.render.format import format_amount, format_number, format_quantity


def exact(value):
    return Quantity("exact", value, value)


def test_thousands_separators():
    assert format_number(100617) == "100,617"
    assert format_number(1234567.0) == "1,234,567"
    assert format_number(11.5) == "11.5"


def test_plain_units_follow_the_number():
    assert format_quantity(exact(100617), "people") == "100,617 people"
    assert format_quantity(exact(68), "deaths") == "68 deaths"


def test_singular_unit_for_one():
    assert format_amount(1, "people") == "1 person"
    assert format_amount(1, "deaths") == "1 death"


def test_currencies_in_words_above_a_million():
    assert format_amount(11_500_000, "USD") == "$11.5 million"
    assert format_amount(5_000_000, "EUR") == "€5 million"
    assert format_amount(1_000_000, "GBP") == "£1 million"
    assert format_amount(500_000, "EUR") == "€500,000"
    assert format_amount(2_250_000_000, "USD") == "$2.25 billion"


def test_bounds_and_approximations_keep_their_words():
    assert format_quantity(Quantity("at-least", 200, None), "deaths") == "at least 200 deaths"
    assert format_quantity(Quantity("more-than", 53000, None), "people") == "more than 53,000 people"
    assert format_quantity(Quantity("about", 120000, 120000), "people") == "about 120,000 people"
    assert format_quantity(Quantity("at-most", None, 100), "deaths") == "up to 100 deaths"
    assert format_quantity(Quantity("more-than", 11_500_000, None), "USD") == "more than $11.5 million"


def test_ranges_use_an_en_dash():
    assert format_quantity(Quantity("range", 300000, 500000), "people") == "300,000–500,000 people"
    assert format_quantity(Quantity("range", 1_000_000, 2_000_000), "USD") == "$1 million–$2 million"


def test_a_span_of_dates_says_once_what_its_ends_share():
    from macros.dates import parse_date as d
    from macros.render.format import date_range

    assert date_range(d("1988-02-27"), d("1988-02-29")) == ("27", "29 February 1988")
    assert date_range(d("1992-02-25"), d("1992-03-26")) == ("25 February", "26 March 1992")
    assert date_range(d("1991-04"), d("1991-06")) == ("April", "June 1991")
    assert date_range(d("1992"), d("1994-05-12")) == ("1992", "12 May 1994")
    assert date_range(d("1990-01-19"), d("1991-01-20")) == ("19 January 1990", "20 January 1991")
    assert date_range(d("2023-09-19"), None) == ("19 September 2023", None)


def test_a_period_is_named_by_its_years():
    from macros.dates import parse_date as d
    from macros.model import Era
    from macros.render.facets import era_span

    assert era_span(Era("a", "A", d("1988"), d("1994-05"), "")) == "1988–1994"
    assert era_span(Era("b", "B", d("2020-09-27"), d("2020-11-10"), "")) == "2020"
    assert era_span(Era("c", "C", d("2024-01-01"), None, "")) == "since 2024"
