"""No confidential value reaches a public or tenant edition: every output file is searched.

The values are collected generically: every string under a path the schemas mark
`x-confidential`, every tenant's id and name, every person's name and e-mail, and the titles
and texts of internal changes and security incidents. Each is searched for as written, as
HTML escapes it and as JSON escapes it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from site_helpers import CALENDAR, PROJECT_ROOT, build, copy_fixture, example_config, read_all

from ftgitops.load.documents import discover, kind_of
from ftgitops.load.schemas import load_schema_documents
from ftgitops.site.filter import confidential_paths

MIN_LENGTH = 10
# Every machine-readable file an edition serves: the search below covers each (a leak test
# that never saw a file would pass for the wrong reason).
MACHINE_FILES = {
    "api/v2/summary.json",
    "api/v2/status.json",
    "api/v2/components.json",
    "api/v2/incidents.json",
    "api/v2/incidents/unresolved.json",
    "api/v2/scheduled-maintenances.json",
    "api/v2/scheduled-maintenances/upcoming.json",
    "api/v2/scheduled-maintenances/active.json",
    "banner.json",
    "maintenance.ics",
    "feeds/status.rss",
    "feeds/status.atom",
}


def leaves(data: Any, path: tuple[str, ...], wanted: frozenset[tuple[str, ...]]) -> Iterator[str]:
    """Strings found under any wanted path."""
    if path in wanted:
        yield from strings(data)
        return
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, (*path, str(key)), wanted)
    elif isinstance(data, list):
        for value in data:
            yield from leaves(value, (*path, "*"), wanted)


def strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data.strip()
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def secret_item(data: dict[str, Any], kind: str) -> bool:
    internal = data.get("visibility", "internal" if kind == "change" else "public") == "internal"
    return internal or bool(data.get("security"))


def confidential_values(root: Path) -> dict[str, set[str]]:
    """Confidential strings by owner: a tenant id, or `*` for everyone's secrets."""
    paths = confidential_paths(load_schema_documents())
    found: dict[str, set[str]] = {"*": set()}
    for relative in discover(root):
        kind = kind_of(relative)
        data = yaml.safe_load((root / relative).read_text(encoding="utf-8"))
        if kind == "tenant":
            found[data["id"]] = {
                *telling(leaves(data, (), paths["tenant"])),
                data["id"],
                data["name"],
            }
            continue
        found["*"].update(leaves(data, (), paths.get(kind or "", frozenset())))
        if kind != "platform" and secret_item(data, kind or ""):
            found["*"].update([data["title"], *(u["text"] for u in data.get("updates", []))])
    found["*"] = telling(found["*"])
    return found


def telling(values: Iterator[str] | set[str]) -> set[str]:
    """Phrases and e-mails: not single words (`accept`, `maintenance`) that match by chance."""
    return {v for v in values if len(v) >= MIN_LENGTH and (" " in v or "@" in v)}


def forms(value: str) -> set[str]:
    first_line = value.splitlines()[0] if value else value
    return {first_line, html.escape(first_line), json.dumps(first_line)[1:-1]}


def leaks(site: Path, values: set[str]) -> list[tuple[str, str]]:
    found = []
    files = read_all(site)
    assert set(files) >= MACHINE_FILES, MACHINE_FILES - set(files)
    for path, text in files.items():
        for value in values:
            if any(form in text for form in forms(value)):
                found.append((path, value))
    return found


def everyone_but(values: dict[str, set[str]], tenant: str | None) -> set[str]:
    return set().union(*(v for owner, v in values.items() if owner != tenant))


def test_the_fixture_has_secrets_to_find() -> None:
    values = confidential_values(copy_fixture_root())
    assert "POSTMORTEM-SECRET the root cause was a failed disk controller." in values["*"]
    assert "ROLLBACK-SECRET-PLAN redeploy the previous version." in values["*"]
    assert "zeb.subscriber@zebra-secret.example" in values["zebra-secret"]
    assert "Zebra Secret Holdings" in values["zebra-secret"]


def copy_fixture_root() -> Path:
    from site_helpers import HOSTILE

    return HOSTILE


def test_public_edition_of_the_fixture_leaks_nothing(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "repo")
    assert build(root) == 0
    assert leaks(root / "public", everyone_but(confidential_values(root), None)) == []


@pytest.mark.parametrize("tenant", ["zebra-secret", "quokka-confidential"])
def test_a_tenant_edition_leaks_no_other_tenant(tmp_path: Path, tenant: str) -> None:
    root = copy_fixture(tmp_path / "repo")
    assert build(root, "--audience", f"tenant:{tenant}") == 0
    site = root / "public-tenants" / tenant
    assert leaks(site, everyone_but(confidential_values(root), tenant)) == []


def test_public_edition_of_the_example_data_leaks_nothing(tmp_path: Path) -> None:
    config = example_config(tmp_path)
    out = tmp_path / "out"
    assert build(PROJECT_ROOT, "--config", str(config), "--output", str(out)) == 0
    values = everyone_but(confidential_values(PROJECT_ROOT), None)
    assert len(values) > 50
    assert leaks(out, values) == []


def test_every_tenant_edition_of_the_calendar_fixture_leaks_no_other_tenant(
    tmp_path: Path,
) -> None:
    root = copy_fixture(tmp_path / "repo", CALENDAR)
    assert build(root, "--all-tenants") == 0
    values = confidential_values(root)
    assert {"wombat-works", "Numbat Cooperative Recruiting", "ned@numbat-co.example"} <= (
        values["wombat-works"] | values["numbat-co"]
    )
    for tenant in ("wombat-works", "numbat-co"):
        assert leaks(root / "public-tenants" / tenant, everyone_but(values, tenant)) == []


def test_the_internal_edition_holds_what_the_others_must_not(tmp_path: Path) -> None:
    """The positive control: the same search finds descriptions, risk controls, rollback
    plans, postmortems and people in the internal edition, so its silence elsewhere counts."""
    root = copy_fixture(tmp_path / "repo", CALENDAR)
    assert build(root) == 0
    assert build(root, "--audience", "internal") == 0
    secrets = everyone_but(confidential_values(root), None)
    assert leaks(root / "public", secrets) == []
    found = {value for _, value in leaks(root / "public-internal", secrets)}
    assert {
        "DESCRIPTION-SECRET of CHG-2026-0001 for engineers only.",
        "RISK-CONTROL-SECRET rehearsed on UAT",
        "ROLLBACK-SECRET restore the snapshot of CHG-2026-0001.",
        "POSTMORTEM-SECRET a missing index after the patch.",
        "Alice Calendarperson",
        "Wombat Works Staffing",
    } <= found


def test_every_tenant_edition_of_the_example_data_leaks_no_other_tenant(tmp_path: Path) -> None:
    config = example_config(tmp_path)
    out = tmp_path / "tenants"
    assert build(PROJECT_ROOT, "--config", str(config), "--all-tenants", "--output", str(out)) == 0
    values = confidential_values(PROJECT_ROOT)
    built = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert built == sorted(owner for owner in values if owner != "*")
    for tenant in built:
        assert (out / tenant / "tenant" / "index.html").is_file()
        assert leaks(out / tenant, everyone_but(values, tenant)) == [], tenant


def test_the_internal_edition_of_the_example_data_is_built_and_holds_its_secrets(
    tmp_path: Path,
) -> None:
    config = example_config(tmp_path)
    out = tmp_path / "internal"
    args = ("--config", str(config), "--audience", "internal", "--output", str(out))
    assert build(PROJECT_ROOT, *args) == 0
    values = confidential_values(PROJECT_ROOT)
    found = {value for _, value in leaks(out, values["*"])}
    assert len(found) > 20


@pytest.mark.parametrize(
    "audience", ["public", "tenant:zebra-secret", "tenant:quokka-confidential"]
)
def test_the_permanent_item_pages_are_searched_and_leak_nothing(
    tmp_path: Path, audience: str
) -> None:
    """The incident and window pages (written after MkDocs' own pages, through the theme's
    shell) are among the files searched: the incident of the other tenant has no page, and
    no page names a confidential value or another tenant."""
    root = copy_fixture(tmp_path / "repo")
    out = tmp_path / "out"
    assert build(root, "--audience", audience, "--output", str(out)) == 0
    pages = sorted(p.parent.name for p in (out / "incidents").glob("*/index.html"))
    windows = sorted(p.parent.name for p in (out / "maintenance").glob("*/index.html"))
    tenant = audience.partition(":")[2] or None
    expected = {
        "public": (["inc-2026-0001", "inc-2026-0002"], ["mnt-2026-0001", "mnt-2026-0002"]),
        "zebra-secret": (["inc-2026-0001"], ["mnt-2026-0002"]),
        "quokka-confidential": (["inc-2026-0002"], ["mnt-2026-0001"]),
    }
    assert (pages, windows) == expected[tenant or "public"]
    assert leaks(out, everyone_but(confidential_values(root), tenant)) == []
