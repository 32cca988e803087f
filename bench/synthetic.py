"""Synthetic, valid content of any size, for benchmarks: `write_synthetic_content(directory, events=5000)`.

Proportions follow the real content (per 10 events: 2 actors, 5 sources, 1 place, 1 figure with 1-4 claims);
a fixed seed makes runs comparable. Dates are written unquoted, as editors write them.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from macros.dates import parse_date

__all__ = ["write_synthetic_content"]

_WORDS = (
    "ceasefire talks convoy border checkpoint refugees shelling corridor blockade statement mission monitors "
    "government ministry humanitarian aid fuel shortage road crossing village region displaced families "
    "negotiations agreement observers peacekeepers reported announced according officials said"
).split()
_ERAS = (
    ("first-war", 1988, 1994),
    ("between-wars", 1994, 2020),
    ("second-war", 2020, 2020),
    ("blockade", 2020, 2023),
    ("offensive-exodus", 2023, 2024),
)
_ACTOR_KINDS = ("person", "state", "government-body", "international-organisation", "ngo", "media")
_SIDES = ("armenia", "azerbaijan", "nagorno-karabakh", "russia", "other-states", "international", "others")
_PLACE_KINDS = ("city", "town", "village", "district", "road", "checkpoint")


def write_synthetic_content(directory: Path, events: int, seed: int = 1) -> None:
    """Write the seven content files for `events` events (and proportional other records) to `directory`."""
    rng = random.Random(seed)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    ids = _ids(events)
    actors, sources, places, figures = ids["actor"], ids["source"], ids["place"], ids["figure"]
    files = {
        "eras": _eras(rng),
        "events": [_event(rng, i, sources, actors, places, figures) for i in range(events)],
        "actors": [_actor(rng, i, actors) for i in range(len(actors))],
        "figures": [_figure(rng, i, actors, sources) for i in range(len(figures))],
        "sources": [_source(rng, source_id) for source_id in sources],
        "places": [_place(rng, i) for i in range(len(places))],
        "glossary": [_term(rng, i, sources) for i in range(len(ids["term"]))],
    }
    # In the order CONTRIBUTING gives and `make check` enforces: events by date, the others by id.
    files["events"].sort(key=lambda record: parse_date(record["date"]).sort_key)
    for name in ("actors", "sources", "places", "glossary"):
        files[name].sort(key=lambda record: record["id"])
    for name, records in files.items():
        header = f"# yaml-language-server: $schema=../schemas/{name}.schema.json\n"
        (directory / f"{name}.yaml").write_text(header + "".join(_record(r) for r in records), encoding="utf-8")


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _date(rng: random.Random, first: int, last: int) -> str | int:
    year = rng.randint(first, last)
    precision = rng.random()
    if precision < 0.1:
        return year  # written unquoted: YAML reads it as a number
    if precision < 0.2:
        return f"{year}-{rng.randint(1, 12):02d}"
    if precision < 0.9:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.choice((0, 30)):02d}+04:00"


def _eras(rng: random.Random) -> list[dict]:
    return [
        {"id": era_id, "title": f"Era {era_id}", "start": start, "end": end, "summary": _sentence(rng, 20)}
        for era_id, start, end in _ERAS
    ]


def _event(
    rng: random.Random, i: int, sources: list[str], actors: list[str], places: list[str], figures: list[str]
) -> dict:
    era_id, first, last = rng.choice(_ERAS)
    record = {
        "id": f"event-{i}",
        "date": _date(rng, first, last),
        "title": _sentence(rng, 7),
        "summary": _sentence(rng, 35),
        "era": era_id,
        # every source is cited by some event, as on the real site
        "sources": list(dict.fromkeys([sources[i % len(sources)], *rng.sample(sources, rng.randint(0, 2))])),
        "actors": rng.sample(actors, rng.randint(0, 3)),
        "places": rng.sample(places, rng.randint(0, 2)),
        "tags": rng.sample(["humanitarian", "military", "diplomacy", "displacement"], rng.randint(0, 2)),
    }
    if rng.random() < 0.2:
        record["figures"] = [rng.choice(figures)]
    return {key: value for key, value in record.items() if value != []}


def _actor(rng: random.Random, i: int, actors: list[str]) -> dict:
    record: dict = {
        "id": actors[i],
        "name": f"Actor {i} {rng.choice(_WORDS).title()}",
        "kind": rng.choice(_ACTOR_KINDS),
        "side": _SIDES[i % len(_SIDES)],  # not drawn from rng: the other fields stay those of earlier runs
    }
    if rng.random() < 0.3:
        record["aliases"] = [f"Aktor {i}"]
    if i and rng.random() < 0.3:
        record["affiliation"] = actors[rng.randrange(i)]
    record["description"] = _sentence(rng, 15)
    if rng.random() < 0.4:
        record["roles"] = [
            {"title": _sentence(rng, 5), "start": f"20{rng.randint(10, 19)}-0{rng.randint(1, 9)}", "end": 2022}
        ]
    return record


def _figure(rng: random.Random, i: int, actors: list[str], sources: list[str]) -> dict:
    claims = []
    count = rng.randint(1, 4)
    for n in range(count):
        value = rng.choice(
            [
                rng.randint(1, 100000),
                {"about": rng.randint(1, 100000)},
                {"at_least": rng.randint(1, 1000)},
                {"min": 100, "max": rng.randint(100, 5000)},
            ]
        )
        claims.append(
            {
                "value": value,
                "as_of": f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "claimed_by": rng.choice(actors),
                "source": rng.choice(sources),
                "status": "current" if n == count - 1 else "superseded",
            }
        )
    return {
        "id": f"figure-{i}",
        "label": _sentence(rng, 6),
        "unit": rng.choice(["people", "deaths", "USD"]),
        "claims": claims,
    }


def _source(rng: random.Random, source_id: str) -> dict:
    return {
        "id": source_id,
        "publisher": f"Publisher {rng.randint(1, 40)}",
        "origin": "international",
        "publisher_kind": "media",
        "title": _sentence(rng, 10),
        "url": f"https://news.example.org/{source_id}",
        "published": _date(rng, 1988, 2024),
        "accessed": "2026-11-28",
        "language": rng.choice(["en", "hy", "az", "ru"]),
    }


def _place(rng: random.Random, i: int) -> dict:
    english = [f"Place{i}"] if rng.random() < 0.7 else [f"Place{i}", f"Yer{i}"]
    return {
        "id": f"place-{i}",
        "names": {"en": english, "hy": f"Վայր {i}"},
        "kind": rng.choice(_PLACE_KINDS),
        "coordinates": [round(rng.uniform(38.5, 41), 4), round(rng.uniform(44, 48), 4)],
    }


def _term(rng: random.Random, i: int, sources: list[str]) -> dict:
    return {"id": f"term-{i}", "term": f"Term {i}", "definition": _sentence(rng, 25), "sources": [rng.choice(sources)]}


def _record(record: dict) -> str:
    """One block-style list item, written the way editors write content."""
    lines = []
    for key, value in record.items():
        lines.extend(_field(key, value, "  "))
    return "- " + "\n".join(lines)[2:] + "\n"


def _field(key: str, value: object, indent: str) -> list[str]:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        lines = [f"{indent}{key}:"]
        for item in value:
            inner = [line for k, v in item.items() for line in _field(k, v, indent + "    ")]
            inner[0] = indent + "  - " + inner[0].lstrip()
            lines.extend(inner)
        return lines
    if isinstance(value, dict):
        if all(not isinstance(v, (dict, list)) for v in value.values()) and len(value) <= 2 and key == "value":
            return [f"{indent}{key}: {{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items()) + "}"]
        return [f"{indent}{key}:", *[line for k, v in value.items() for line in _field(k, v, indent + "  ")]]
    return [f"{indent}{key}: {_scalar(value)}"]


def _scalar(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, str) and (" " in value or not value.isascii()):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar
    return str(value)


# ---- docs pages that call the macros the way the real pages do (same files as docs/, same nav) ----------

_INDEX_PAGES = {
    "timeline.md": ("Timeline", "{{ timeline() }}"),
    "people.md": ("People and institutions", "{{ people_index() }}"),
    "figures.md": ("Figures", "{{ figures_index() }}"),
    "sources.md": ("Sources", "{{ sources_index() }}"),
    "names.md": ("Names and terms", "## Places\n\n{{ places_index() }}\n\n## Terms\n\n{{ glossary_index() }}"),
}
_PLAIN_PAGES = ("data.md", "about.md")  # no macro calls on the real ones either: copied as they are


def write_synthetic_docs(docs_dir: Path, real_docs: Path, events: int, seed: int = 1) -> None:
    """Pages for content written by `write_synthetic_content(…, events, seed)`: an overview and five
    background pages of prose whose macro calls (cite, event, actor, place, term, value, figure, claims,
    chart, timeline(era=…)) are as frequent as on the real pages, and the index pages. The assets are
    copied from the real docs, so the theme has the same CSS and JavaScript to copy."""
    import shutil

    rng = random.Random(seed + 1)
    docs_dir = Path(docs_dir)
    shutil.copytree(Path(real_docs) / "assets", docs_dir / "assets", dirs_exist_ok=True)
    (docs_dir / "background").mkdir(parents=True, exist_ok=True)
    ids = _ids(events)
    (docs_dir / "index.md").write_text(_prose_page(rng, "Overview", ids, sections=6, era=None), encoding="utf-8")
    for era_id, *_ in _ERAS:
        page = _prose_page(rng, f"Background: {era_id}", ids, sections=4, era=era_id)
        (docs_dir / "background" / f"{era_id}.md").write_text(page, encoding="utf-8")
    for name, (title, body) in _INDEX_PAGES.items():
        (docs_dir / name).write_text(f"# {title}\n\n{_sentence(rng, 40)}\n\n{body}\n", encoding="utf-8")
    for name in _PLAIN_PAGES:
        shutil.copy(Path(real_docs) / name, docs_dir / name)


def _ids(events: int) -> dict[str, list[str]]:
    """The ids write_synthetic_content gives each kind of record (same counts, same names)."""
    actors = max(5, events // 5)
    sources = max(5, events // 2)
    return {
        "event": [f"event-{i}" for i in range(events)],
        "actor": [f"actor-{i}" for i in range(actors)],
        "source": [f"publisher-{2000 + i % 24}-0{1 + i % 9}-1{i % 9}-story-{i}" for i in range(sources)],
        "place": [f"place-{i}" for i in range(max(5, events // 10))],
        "figure": [f"figure-{i}" for i in range(max(3, events // 10))],
        "term": [f"term-{i}" for i in range(max(3, events // 50))],
    }


def _prose_page(rng: random.Random, title: str, ids: dict[str, list[str]], sections: int, era: str | None) -> str:
    """Paragraphs of prose; each sentence carries a macro call or two, about 25 citations a page."""
    lines = [f"# {title}", ""]
    for section in range(sections):
        lines += [f"## Section {section + 1}", ""]
        for _ in range(3):
            sentences = []
            for _ in range(rng.randint(2, 4)):
                call = rng.choice(
                    (
                        f'{{{{ actor("{rng.choice(ids["actor"])}") }}}}',
                        f'{{{{ place("{rng.choice(ids["place"])}") }}}}',
                        f'{{{{ term("{rng.choice(ids["term"])}") }}}}',
                        f'{{{{ value("{rng.choice(ids["figure"])}") }}}}',
                        f'{{{{ event("{rng.choice(ids["event"])}") }}}}',
                    )
                )
                cite = f'{{{{ cite("{rng.choice(ids["source"])}") }}}}'
                sentences.append(f"{_sentence(rng, 12)[:-1]} {call} {_sentence(rng, 8)[:-1].lower()} {cite}.")
            lines += [" ".join(sentences), ""]
        if section == 0:
            figure = rng.choice(ids["figure"])
            lines += [f'{{{{ figure("{figure}") }}}}', "", f'{{{{ claims("{figure}") }}}}', ""]
    if era is not None:
        lines += ["## Events of this period", "", f'{{{{ timeline(era="{era}") }}}}', ""]
    return "\n".join(lines)
