"""Unpublished work reaches no customer: draft and proposed items are in no file of the public
or a tenant edition (pages, search index, feeds, calendar, API, badge, banner), and adding them
changes nothing customers get; the internal edition shows them."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from site_helpers import CALENDAR, build, copy_fixture, read_all

TENANT = "wombat-works"  # uk, upgrade group 2

# Each would show on a customer's page if its status let it: in the next 30 days or open now
# (--now is 2026-11-21T12:00Z), public, in the uk region and touching every tenant there.
UNPUBLISHED = {
    "MNT-2026-0081": (
        "maintenance",
        "Unpublished upcoming storage migration",
        """status: draft
owner: alice
published: 2026-11-10T10:00
window: {start: 2026-11-28T23:00, end: 2026-11-29T01:00}
regions: [uk]
services: all
environments: [production]
tenants: all
downtime: true
public_text: Unpublished text about the storage migration.
""",
    ),
    "MNT-2026-0082": (
        "maintenance",
        "Unpublished window open right now",
        """status: draft
owner: alice
published: 2026-11-10T10:00
window: {start: 2026-11-21T10:00, end: 2026-11-21T14:00}
regions: [uk]
services: all
environments: [production]
tenants: all
downtime: true
public_text: Unpublished text about an open window.
updates:
  - {at: 2026-11-21T10:00, status: in-progress, text: Unpublished update text now.}
""",
    ),
    "REL-2026-0081": (
        "release",
        "Unpublished draft release 2026.13",
        """release_type: enhancement
version: "2026.13"
status: draft
owner: bob
services: [web]
notes: {summary: Unpublished summary of a draft release.}
waves:
  - {name: Unpublished draft wave, region: uk, groups: [2], environments: [production],
     window: {start: 2026-11-21T10:00, end: 2026-11-21T14:00}}
risk: {likelihood: 1, impact: 2}
""",
    ),
    "REL-2026-0082": (
        "release",
        "Unpublished proposed release 2026.14",
        """release_type: service-patch
version: "2026.14"
status: proposed
owner: bob
services: [web]
notes: {summary: Unpublished summary of a proposed release.}
waves:
  - {name: Unpublished wave marked scheduled, region: uk, groups: [2],
     environments: [production], status: scheduled,
     window: {start: 2026-11-25T20:00, end: 2026-11-25T23:00}}
risk: {likelihood: 1, impact: 2}
""",
    ),
    "CHG-2026-0081": (
        "change",
        "Unpublished proposed public change",
        """category: code
type: normal
status: proposed
visibility: public
owner: alice
window: {start: 2026-11-25T20:00, end: 2026-11-25T21:00}
targets: {regions: [uk], sites: [primary], services: [web], tenants: all,
          environments: [production]}
impact: {downtime: true, public_summary: Unpublished public summary of a change.}
risk: {likelihood: 1, impact: 2}
""",
    ),
}
TEXTS = [
    "Unpublished text about the storage migration.",
    "Unpublished update text now.",
    "Unpublished summary of a draft release.",
    "Unpublished draft wave",
    "Unpublished wave marked scheduled",
    "Unpublished public summary of a change.",
]


def add_unpublished(root: Path) -> None:
    for item_id, (kind, title, body) in UNPUBLISHED.items():
        head = f"id: {item_id}\nkind: {kind}\ntitle: {title}\n"
        (root / "changes" / "2026" / f"{item_id}.yaml").write_text(head + body, encoding="utf-8")


def needles() -> set[str]:
    return {*UNPUBLISHED, *(title for _, title, _ in UNPUBLISHED.values()), *TEXTS}


def found(site: Path) -> dict[str, list[str]]:
    """Which needles each file holds, as written, HTML-escaped or JSON-escaped."""
    hits: dict[str, list[str]] = {}
    for path, text in read_all(site).items():
        for needle in sorted(needles()):
            forms = (needle, html.escape(needle), json.dumps(needle)[1:-1])
            if any(form in text for form in forms):
                hits.setdefault(path, []).append(needle)
    return hits


@pytest.fixture(scope="module")
def repos(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The calendar fixture as it is, and with the unpublished items; every edition built."""
    folder = tmp_path_factory.mktemp("publication")
    plain = copy_fixture(folder / "plain", CALENDAR)
    drafts = copy_fixture(folder / "drafts", CALENDAR)
    add_unpublished(drafts)
    for root in (plain, drafts):
        assert build(root) == 0
        assert build(root, "--audience", f"tenant:{TENANT}") == 0
    assert build(drafts, "--audience", "internal") == 0
    return plain, drafts


def edition(root: Path, audience: str) -> Path:
    return root / "public" if audience == "public" else root / "public-tenants" / TENANT


@pytest.mark.parametrize("audience", ["public", "tenant"])
def test_no_customer_file_names_an_unpublished_item(
    repos: tuple[Path, Path], audience: str
) -> None:
    site = edition(repos[1], audience)
    files = read_all(site)
    assert {"index.html", "search/search_index.json", "maintenance.ics", "badge.svg"} <= set(files)
    assert {"api/v2/summary.json", "banner.json", "feeds/status.rss"} <= set(files)
    assert found(site) == {}


@pytest.mark.parametrize("audience", ["public", "tenant"])
def test_unpublished_items_change_nothing_customers_get(
    repos: tuple[Path, Path], audience: str
) -> None:
    plain, drafts = (read_all(edition(root, audience)) for root in repos)
    assert sorted(drafts) == sorted(plain)
    differ = [path for path in plain if plain[path] != drafts[path]]
    assert differ == []


def test_the_internal_edition_shows_every_unpublished_item(repos: tuple[Path, Path]) -> None:
    site = repos[1] / "public-internal"
    shown = {needle for names in found(site).values() for needle in names}
    assert set(UNPUBLISHED) <= shown
    assert {title for _, title, _ in UNPUBLISHED.values()} <= shown
