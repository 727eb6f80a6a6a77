"""`ftgitops plan maintenance`: two years of notices against dateutil's rrule, freezes, notice
period, idempotent writes and a clean `ftgitops validate`, on copies of the example data."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import PROJECT_ROOT, CliResult
from dateutil.relativedelta import relativedelta
from dateutil.rrule import MO, MONTHLY, SA, rrule

from ftgitops.load import load_directory
from ftgitops.plan.maintenance import EXISTS, MOVED, NEW, SKIPPED, TOO_LATE, plan_maintenance

NOW = "2026-12-02T00:30Z"
NOW_AT = datetime(2026, 12, 2, 0, 30, tzinfo=UTC)
SYDNEY, LONDON = ZoneInfo("Australia/Sydney"), ZoneInfo("Europe/London")
Cli = Callable[..., CliResult]


def example_copy(root: Path, notices: bool = True) -> Path:
    """The project's example data; without its maintenance notices when `notices` is False."""
    shutil.copy(PROJECT_ROOT / "ftgitops.yaml", root / "ftgitops.yaml")
    for folder in ("tenants", "changes", "schemas"):
        shutil.copytree(PROJECT_ROOT / folder, root / folder)
    if not notices:
        for path in (root / "changes").rglob("MNT-*.yaml"):
            path.unlink()
    return root


def expected(day: object, zone: ZoneInfo, months: int = 24) -> list[datetime]:
    """The slot's starts by dateutil's rrule on the wall clock, placed in the zone."""
    local_now = NOW_AT.astimezone(zone).replace(tzinfo=None)
    high = local_now + relativedelta(months=months)
    first = local_now.replace(day=1, hour=23, minute=0)
    starts = rrule(MONTHLY, byweekday=day, dtstart=first, until=high)
    return [s.replace(tzinfo=zone) for s in starts if local_now <= s < high]


def test_two_years_land_on_the_rule_across_every_dst_change(tmp_path: Path) -> None:
    model = load_directory(example_copy(tmp_path, notices=False)).platform_model()
    planned = plan_maintenance(model, NOW_AT, months=24)
    for region, day, zone in (("apac", SA(-1), SYDNEY), ("uk", MO(-1), LONDON)):
        mine = [p for p in planned if p.region.id == region]
        want = expected(day, zone)
        assert len(want) == 24
        assert [p.slot_start.astimezone(UTC) for p in mine] == [w.astimezone(UTC) for w in want]
        for entry in mine:
            if entry.action != NEW:
                continue
            local = entry.start.astimezone(zone)
            assert (local.hour, local.minute) == (23, 0)
            assert entry.end - entry.start == timedelta(hours=2)
        offsets = {p.start.astimezone(zone).utcoffset() for p in mine}
        assert len(offsets) == 2  # both sides of daylight saving are in the two years
    apac = [p.action for p in planned if p.region.id == "apac"]
    assert apac == [NEW] * 24


def test_uk_december_moves_to_the_next_free_slot(tmp_path: Path) -> None:
    model = load_directory(example_copy(tmp_path, notices=False)).platform_model()
    uk = [p for p in plan_maintenance(model, NOW_AT, months=24) if p.region.id == "uk"]
    moved = [p for p in uk if p.action == MOVED]
    assert [(p.slot_start.date().isoformat(), p.start.isoformat()) for p in moved] == [
        ("2026-12-28", "2027-01-04T23:00:00+00:00"),  # Monday night, the UK upgrade slot
        ("2027-12-27", "2028-01-10T23:00:00+00:00"),  # Mon 3 Jan 2028 is still frozen
    ]
    assert moved[0].note == (
        "in freeze uk-year-end: moved from Mon 28 Dec 2026 to the next free slot"
    )
    assert [p.action for p in uk].count(NEW) == 22


def test_uk_december_skipped_when_its_freeze_says_skip(tmp_path: Path, cli: Cli) -> None:
    root = example_copy(tmp_path, notices=False)
    platform = root / "ftgitops.yaml"
    text = platform.read_text(encoding="utf-8")
    platform.write_text(text.replace("on_freeze: next", "on_freeze: skip"), encoding="utf-8")
    result = cli("--root", root, "plan", "maintenance", "--region", "uk", "--now", NOW)
    assert result.code == 0
    assert result.out.splitlines()[0] == (
        "uk      Mon 28 Dec 2026 23:00–Tue 29 Dec 01:00 GMT  skipped    "
        "in freeze uk-year-end: skipped"
    )
    result = cli("--root", root, "plan", "maintenance", "--now", NOW, "--write")
    assert result.out.count("wrote ") == 5  # apac Dec, Jan, Feb; uk Jan, Feb
    written = sorted(p.read_text(encoding="utf-8") for p in root.rglob("MNT-*.yaml"))
    assert not [t for t in written if "2026-12-28" in t]


def test_skip_is_the_default(tmp_path: Path) -> None:
    root = example_copy(tmp_path, notices=False)
    platform = root / "ftgitops.yaml"
    text = platform.read_text(encoding="utf-8")
    platform.write_text(text.replace("      on_freeze: next", "#"), encoding="utf-8")
    model = load_directory(root).platform_model()
    uk = plan_maintenance(model, NOW_AT, months=1, region_ids=["uk"])
    assert [(p.action, p.note) for p in uk] == [(SKIPPED, "in freeze uk-year-end: skipped")]


@pytest.mark.parametrize(
    ("now", "action"),
    [
        ("2026-12-19T23:00+11:00", NEW),  # exactly seven days on the Sydney wall clock
        ("2026-12-19T23:01+11:00", TOO_LATE),
        ("2026-12-26T12:00Z", TOO_LATE),
    ],
)
def test_notice_period_enforced(tmp_path: Path, cli: Cli, now: str, action: str) -> None:
    root = example_copy(tmp_path, notices=False)
    args = ("--root", root, "plan", "maintenance", "--region", "apac", "--months", "1")
    result = cli(*args, "--now", now, "--write")
    first = result.out.splitlines()[0]
    assert first.startswith("apac    Sat 26 Dec 2026 23:00–Sun 27 Dec 01:00 AEDT  ")
    assert first.split()[10] == action
    written = list((root / "changes").rglob("MNT-*.yaml"))
    if action == TOO_LATE:
        assert first.endswith("too-late   7 days' notice can no longer be given")
        assert all("2026-12-26T23:00" not in p.read_text(encoding="utf-8") for p in written)
    else:
        assert [p.read_text(encoding="utf-8") for p in written] == [WRITTEN]


WRITTEN = """\
# yaml-language-server: $schema=../../schemas/maintenance.schema.json
id: MNT-2026-0001
kind: maintenance
title: "APAC maintenance (December 2026)"
status: scheduled  # planned by `ftgitops plan maintenance`; the notice is given when merged
owner: emma
published: 2026-12-19T23:00+11:00
window:
  start: 2026-12-26T23:00
  end: 2026-12-27T01:00
  tz: Australia/Sydney
regions: [apac]
sites: [primary]
services: all
environments: [production, uat, training]
tenants: all
downtime: true
public_text: |-
  FastTrack360 will be unavailable for APAC customers during the
  monthly platform maintenance: Sat 26 Dec 2026 23:00–Sun 27 Dec 01:00 AEDT (Australia/Sydney time).
  Production, UAT and Training environments are affected.
"""


def test_write_twice_changes_nothing_and_validates(tmp_path: Path, cli: Cli) -> None:
    root = example_copy(tmp_path)
    before = {p.name for p in (root / "changes").rglob("*.yaml")}
    args = ("--root", root, "plan", "maintenance", "--months", "24", "--now", NOW, "--write")
    first = cli(*args)
    assert first.code == 0
    assert first.out.count("wrote ") == 43  # 48 windows, 5 with a notice already
    snapshot = {p: p.read_bytes() for p in (root / "changes").rglob("*.yaml")}
    assert len(snapshot) == len(before) + 43
    second = cli(*args)
    assert second.code == 0
    assert "wrote " not in second.out
    assert second.out.count(f"  {EXISTS}  ") == 48
    assert {p: p.read_bytes() for p in (root / "changes").rglob("*.yaml")} == snapshot
    checked = cli("--root", root, "validate", "--now", NOW)
    assert checked.out.splitlines()[-1].startswith("0 errors, ")
    assert "MNT-2026-00" not in checked.out and "MNT-2027-00" not in checked.out
    assert "MNT-2028-00" not in checked.out
    conflicts = cli("--root", root, "conflicts", "--now", NOW)
    assert conflicts.out.splitlines()[-1] == "0 conflicts (0 errors, 0 warnings)"
