"""Customer vocabulary: the words a customer page uses for the model's values.

A customer reads "Production", "All services", "Customer group 2", "In progress" and
"October 2026", never `production`, a list of every service, `groups: [2]`, `in-progress` or
`2026-10`. Every customer page names values through these functions, so one word is used for
one thing everywhere. Names that come from the data are escaped (`text.name`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from ftgitops.model import Service
from ftgitops.site.text import name

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ENVIRONMENTS = {"production": "Production", "uat": "UAT", "training": "Training"}
PRODUCTS = {"end-to-end": "End-to-end suite", "front-office": "Front office"}
# Recorded statuses whose plain capitalised form would read oddly.
STATUS_WORDS = {"in-progress": "In progress", "rolled-back": "Rolled back"}


def joined(words: Iterable[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    items = list(words)
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def environment_word(environment: str) -> str:
    """`Production`, `UAT`, `Training` (an unknown environment, capitalised and escaped)."""
    return ENVIRONMENTS.get(environment) or name(environment.replace("-", " ").capitalize())


def environments_text(environments: Iterable[str]) -> str:
    """`Production`, `UAT and Training`: in the platform's order (production first)."""
    order = list(ENVIRONMENTS)
    ranked = sorted(set(environments), key=lambda e: (order.index(e) if e in order else 9, e))
    return joined(environment_word(e) for e in ranked)


def services_text(services: Iterable[str], known: Mapping[str, Service]) -> str:
    """`All services` when every service the page knows is named, else their names."""
    named = [s for s in known if s in set(services)]
    if known and len(named) == len(known):
        return "All services"
    return joined(name(known[s].name) for s in named)


def groups_text(groups: Iterable[int]) -> str:
    """`Customer group 2`, `Customer groups 1, 2 and 3`."""
    ordered = sorted(set(groups))
    noun = "Customer group" if len(ordered) == 1 else "Customer groups"
    return f"{noun} {joined(str(g) for g in ordered)}"


def status_word(status: str) -> str:
    """A recorded status as a word: `Scheduled`, `In progress`, `Rolled back`."""
    return STATUS_WORDS.get(status) or name(status.replace("-", " ").capitalize())


def product_word(product: str) -> str:
    """`End-to-end suite`, `Front office`."""
    return PRODUCTS.get(product) or status_word(product)


def month_name(month: str) -> str:
    """`2026-10` as `October 2026`."""
    year, _, number = month.partition("-")
    return f"{MONTH_NAMES[int(number) - 1]} {year}"


def date_words(day: date) -> str:
    """`1 October 2026`."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def duration_words(length: timedelta) -> str:
    """`45 minutes`, `2 hours 5 minutes`, `12 days 3 hours`: the two largest units."""
    minutes = max(0, round(length.total_seconds() / 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour"), (mins, "minute")]
    shown = [f"{n} {unit}{'s' * (n != 1)}" for n, unit in parts if n]
    if days:
        shown = shown[:2] if hours else shown[:1]
    return " ".join(shown[:2]) or "0 minutes"
