"""`ftgitops plan release`: 12 tenants in 3 groups across both regions over 4 weeks, every wave
in its region's upgrade slot on the local wall clock, none in a freeze or maintenance window,
UAT and Training before production, group order and slot sizes kept, the notice period kept;
`--write` keeps the file's comments, validate and conflicts are clean, a second run is a no-op."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from conftest import PROJECT_ROOT, CliResult

from ftgitops.conflicts.calendar import freeze_timeline, slot_timeline
from ftgitops.load import load_directory
from ftgitops.model import Maintenance, Model
from ftgitops.plan.release import plan_release

NOW = "2027-02-15T00:00Z"
NOW_AT = datetime(2027, 2, 15, tzinfo=UTC)
RELEASE = "changes/2027/REL-2027-0101.yaml"
Cli = Callable[..., CliResult]
LONDON = ZoneInfo("Europe/London")

FREEZE = """    - id: apac-march-payroll
      name: APAC March payroll freeze
      hard: true
      regions: [apac]
      window:
        start: 2027-03-11T00:00
        end: 2027-03-13T00:00
"""
TENANTS = {  # id: region, group, training kept (a decommissioned one is not upgraded)
    "acacia-staffing": ("apac", 1, True),
    "banksia-nursing": ("apac", 1, False),
    "coral-labour": ("apac", 2, True),
    "dingo-recruitment": ("apac", 2, True),
    "eucalypt-care": ("apac", 3, False),
    "fern-health": ("apac", 3, True),
    "avon-locums": ("uk", 1, True),
    "brecon-staffing": ("uk", 1, True),
    "cotswold-care": ("uk", 2, False),
    "dales-recruitment": ("uk", 2, True),
    "exmoor-nursing": ("uk", 3, True),
    "fenland-council": ("uk", 3, True),
}
RELEASE_TEXT = """# yaml-language-server: $schema=../../schemas/release.schema.json
# FastTrack360 2027.1: the waves below are planned by `ftgitops plan release`.
id: REL-2027-0101
kind: release
title: FastTrack360 2027.1
release_type: enhancement
version: "2027.1.0"
status: proposed
owner: isla
implementers: [alice, ben]
services: [web, api]  # what the release changes
notes:
  summary: Roster templates and faster invoice exports.
waves:  # planned, not typed
  - name: a first guess
    region: apac
    groups: [1]
    environments: [uat]
    window:
      start: 2027-03-02T20:00
      end: 2027-03-02T22:00
risk:
  likelihood: 2  # the regression suite passed
  impact: 3
  treatment: mitigate
  controls: [Regression suite passed]
rollback:
  plan: Redeploy 2026.2.1 from Octopus.
  tested: true
  max_minutes: 60
"""
CHANGE_TEXT = """# yaml-language-server: $schema=../../schemas/change.schema.json
id: CHG-2027-0101
kind: change
title: Resize the APAC web tier
description: More web servers for the APAC web tier.
category: infrastructure
type: normal
status: approved
owner: alice
implementers: [alice]
window:
  start: 2027-03-18T20:00
  end: 2027-03-18T23:00
targets:
  regions: [apac]
  sites: [primary]
  services: [web]
  tenants: all
  environments: [production]
impact:
  downtime: true
  public_summary: The web application is unavailable during the window.
risk:
  likelihood: 1
  impact: 2
rollback:
  plan: Scale back.
  tested: true
  max_minutes: 10
"""
PLAN = [
    "REL-2027-0101 FastTrack360 2027.1: 8 waves, 0 kept; from Mon 01 Mar 2027 over 4 weeks, "
    "at most 6 tenants a slot",
    "wave  plan  region  environments   groups   window" + " " * 70 + "tenants",
    "1     new   uk      uat, training  1, 2, 3  Mon 01 Mar 2027 23:00–Tue 02 Mar 01:00 GMT "
    "(01 Mar 23:00–02 Mar 01:00 UTC)  avon-locums, brecon-staffing, cotswold-care, "
    "dales-recruitment, exmoor-nursing, fenland-council",
    "2     new   apac    uat, training  1, 2, 3  Thu 04 Mar 2027 20:00–Fri 05 Mar 00:00 AEDT "
    "(04 Mar 09:00–13:00 UTC)        acacia-staffing, banksia-nursing, coral-labour, "
    "dingo-recruitment, eucalypt-care, fern-health",
    "3     new   uk      production     1        Mon 08 Mar 2027 23:00–Tue 09 Mar 01:00 GMT "
    "(08 Mar 23:00–09 Mar 01:00 UTC)  avon-locums, brecon-staffing",
    "4     new   uk      production     2        Mon 15 Mar 2027 23:00–Tue 16 Mar 01:00 GMT "
    "(15 Mar 23:00–16 Mar 01:00 UTC)  cotswold-care, dales-recruitment",
    "5     new   apac    production     1        Fri 19 Mar 2027 20:00–Sat 20 Mar 00:00 AEDT "
    "(19 Mar 09:00–13:00 UTC)        acacia-staffing, banksia-nursing",
    "6     new   uk      production     3        Mon 22 Mar 2027 23:00–Tue 23 Mar 01:00 GMT "
    "(22 Mar 23:00–23 Mar 01:00 UTC)  exmoor-nursing, fenland-council",
    "7     new   apac    production     2        Thu 25 Mar 2027 20:00–Fri 26 Mar 00:00 AEDT "
    "(25 Mar 09:00–13:00 UTC)        coral-labour, dingo-recruitment",
    "8     new   apac    production     3        Fri 26 Mar 2027 20:00–Sat 27 Mar 00:00 AEDT "
    "(26 Mar 09:00–13:00 UTC)        eucalypt-care, fern-health",
]
FIRST_WAVES = """waves:  # planned, not typed
  - name: UK UAT and Training, groups 1, 2 and 3
    region: uk
    groups: [1, 2, 3]
    environments: [uat, training]
    window:
      start: 2027-03-01T23:00
      end: 2027-03-02T01:00
  - name: APAC UAT and Training, groups 1, 2 and 3
    region: apac
    groups: [1, 2, 3]
    environments: [uat, training]
    window:
      start: 2027-03-04T20:00
      end: 2027-03-05T00:00
  - name: UK production, group 1
"""
PLAN_ARGS = ("plan", "release", "REL-2027-0101", "--start", "2027-03-01", "--now", NOW)


def fixture_repo(root: Path) -> Path:
    """The example platform (its slots, maintenance rule, notice period and people) with an
    extra APAC freeze, twelve tenants, the release and one APAC change in a Thursday slot."""
    platform = (PROJECT_ROOT / "ftgitops.yaml").read_text(encoding="utf-8")
    marker = "  freezes:\n"
    (root / "ftgitops.yaml").write_text(platform.replace(marker, marker + FREEZE, 1), "utf-8")
    shutil.copytree(PROJECT_ROOT / "schemas", root / "schemas")
    (root / "tenants").mkdir()
    for tenant_id, (region, group, training) in TENANTS.items():
        (root / "tenants" / f"{tenant_id}.yaml").write_text(
            tenant(tenant_id, region, group, training)
        )
    (root / "changes" / "2027").mkdir(parents=True)
    (root / RELEASE).write_text(RELEASE_TEXT, encoding="utf-8")
    (root / "changes" / "2027" / "CHG-2027-0101.yaml").write_text(CHANGE_TEXT, encoding="utf-8")
    return root


def tenant(tenant_id: str, region: str, group: int, training: bool) -> str:
    manager = "grace" if region == "apac" else "harry"
    training_end = "permanent: true" if training else "decommissioned: 2024-02-01"
    return (
        "# yaml-language-server: $schema=../schemas/tenant.schema.json\n"
        f"id: {tenant_id}\nname: {tenant_id.replace('-', ' ').title()}\nregion: {region}\n"
        f"product: end-to-end\nupgrade_group: {group}\naccount_manager: {manager}\n"
        "environments:\n  production:\n    go_live: 2024-01-08\n"
        "  uat:\n    go_live: 2023-10-02\n    permanent: true\n"
        f"  training:\n    go_live: 2023-11-06\n    {training_end}\n"
        f"subscribers:\n  - name: {tenant_id} service desk\n"
        f"    email: desk@{tenant_id}.example.com\n"
    )


def loaded(root: Path) -> Model:
    return load_directory(root).platform_model()


def test_the_plan_is_printed_exactly(tmp_path: Path, cli: Cli) -> None:
    root = fixture_repo(tmp_path)
    result = cli("--root", root, *PLAN_ARGS)
    assert (result.code, result.out.splitlines()) == (0, PLAN)
    assert (root / RELEASE).read_text(encoding="utf-8") == RELEASE_TEXT  # no --write


def test_every_wave_in_its_slot_clear_of_freezes_and_maintenance_in_order(tmp_path: Path) -> None:
    model = loaded(fixture_repo(tmp_path))
    plan = plan_release(model, "REL-2027-0101", NOW_AT, date(2027, 3, 1), 4)
    waves = [entry.wave for entry in plan.waves]
    assert len(waves) == 8
    for wave in waves:
        region = model.platform.regions[wave.region]
        start, end = (
            moment.astimezone(region.zone) for moment in (wave.window.start, wave.window.end)
        )
        if wave.region == "apac":  # Thursday or Friday, 20:00 to midnight, Sydney time
            assert (start.strftime("%a %H:%M"), end.strftime("%H:%M")) in {
                ("Thu 20:00", "00:00"),
                ("Fri 20:00", "00:00"),
            }
        else:  # Monday 23:00 to 01:00, London time
            assert (start.strftime("%a %H:%M"), end.strftime("%H:%M")) == ("Mon 23:00", "01:00")
        assert end - start == timedelta(hours=4 if wave.region == "apac" else 2)
        low, high = wave.window.start.timestamp(), wave.window.end.timestamp()
        for freeze in model.platform.policies.freezes:
            if wave.region in freeze.regions:
                timeline = freeze_timeline(freeze, region.zone, NOW_AT, NOW_AT + timedelta(days=90))
                assert not timeline.touches(low, high), (wave.name, freeze.id)
        upper = NOW_AT + timedelta(days=90)
        assert not slot_timeline(region, NOW_AT, upper, "maintenance").touches(low, high)
        for notice in model.of_kind(Maintenance):
            assert notice.window is None or not notice.window.overlaps(wave.window)
        assert len({t for e in plan.waves if e.wave is wave for t in e.tenants}) <= 6
    for region in ("apac", "uk"):
        production = [w for w in waves if w.region == region and "production" in w.environments]
        ordered = sorted(production, key=lambda w: w.window.start)
        assert [w.groups for w in ordered] == [(1,), (2,), (3,)]
    for entry in plan.waves:
        if "production" in entry.wave.environments:
            for tenant in entry.tenants:
                tested = [
                    e.wave
                    for e in plan.waves
                    if tenant in e.tenants and "uat" in e.wave.environments
                ]
                assert tested and all(t.window.end <= entry.wave.window.start for t in tested)
    assert plan_release(model, "REL-2027-0101", NOW_AT, date(2027, 3, 1), 4) == plan


def test_write_keeps_comments_then_validate_and_conflicts_are_clean(
    tmp_path: Path, cli: Cli
) -> None:
    root = fixture_repo(tmp_path)
    wrote = cli("--root", root, *PLAN_ARGS, "--write")
    assert (wrote.code, wrote.out.splitlines()) == (0, [*PLAN, f"wrote {RELEASE}"])
    text = (root / RELEASE).read_text(encoding="utf-8")
    head, rest = RELEASE_TEXT.split("waves:", 1)
    assert text.startswith(head + FIRST_WAVES)
    assert text.endswith(rest[rest.index("risk:") :])  # "# the regression suite passed" too
    assert text.count("  - name: ") == 8
    valid = cli("--root", root, "validate", "--now", NOW)
    assert (valid.code, valid.out) == (0, "no problems in 15 files\n")
    conflicts = cli("--root", root, "conflicts", "--now", NOW)
    assert (conflicts.code, conflicts.out) == (0, "0 conflicts (0 errors, 0 warnings)\n")
    again = cli("--root", root, *PLAN_ARGS, "--write")
    assert (again.code, again.out.splitlines()[-1]) == (0, f"unchanged: {RELEASE}")
    assert (root / RELEASE).read_text(encoding="utf-8") == text


def test_a_slot_inside_the_notice_period_is_not_used(tmp_path: Path, cli: Cli) -> None:
    """Now is Wed 24 Feb 12:00 London: Mon 1 Mar 23:00 is 5 days away, so the UK's free
    Mondays up to 5 April are 8, 15 and 22 March (29 March is the maintenance slot): four UK
    waves do not fit in 5 weeks, and in 6 the first is on 8 March."""
    root = fixture_repo(tmp_path)
    late = (
        "plan",
        "release",
        "REL-2027-0101",
        "--start",
        "2027-03-01",
        "--now",
        "2027-02-24T12:00Z",
    )
    short = cli("--root", root, *late, "--weeks", "5")
    assert (short.code, short.out, short.err) == (
        2,
        "",
        "ftgitops: error: REL-2027-0101: no free UK upgrade slot for 'UK UAT and Training, "
        "groups 1, 2 and 3' (wave 1 of 4 in UK) from Mon 01 Mar 2027 to Mon 05 Apr 2027: give "
        "more --weeks or another --start\n",
    )
    model = loaded(root)
    plan = plan_release(
        model, "REL-2027-0101", datetime(2027, 2, 24, 12, tzinfo=UTC), date(2027, 3, 1), 6
    )
    uk = [
        e.wave.window.start.astimezone(LONDON).date() for e in plan.waves if e.wave.region == "uk"
    ]
    assert uk == [date(2027, 3, 8), date(2027, 3, 15), date(2027, 3, 22), date(2027, 4, 5)]


def test_started_waves_are_kept_and_announced_ones_need_replace(tmp_path: Path, cli: Cli) -> None:
    root = fixture_repo(tmp_path)
    cli("--root", root, *PLAN_ARGS, "--write")
    path = root / RELEASE
    text = path.read_text(encoding="utf-8").replace("status: proposed", "status: scheduled")
    done = "    environments: [uat, training]\n    window:\n      start: 2027-03-01T23:00"
    text = text.replace(done, done.replace("    window:", "    status: completed\n    window:"))
    path.write_text(text, encoding="utf-8")
    same = cli("--root", root, *PLAN_ARGS, "--write")
    assert (same.code, same.out.splitlines()[2][:16], same.out.splitlines()[-1]) == (
        0,
        "1     kept  uk  ",
        f"unchanged: {RELEASE}",
    )
    later = ("plan", "release", "REL-2027-0101", "--start", "2027-03-08", "--now", NOW, "--write")
    refused = cli("--root", root, *later)
    assert (refused.code, refused.err) == (
        2,
        "ftgitops: error: REL-2027-0101 is scheduled and 7 of its waves have not started: "
        "customers may have been told of them; --replace replaces them (started waves are "
        "kept)\n",
    )
    assert path.read_text(encoding="utf-8") == text
    replaced = cli("--root", root, *later, "--replace")
    assert replaced.code == 0
    written = path.read_text(encoding="utf-8")
    kept_block = text[text.index("waves:") : text.index("  - name: APAC UAT")]
    assert kept_block in written
    starts = [line.strip() for line in written.splitlines() if line.startswith("      start:")]
    assert starts[0] == "start: 2027-03-01T23:00"
    assert all(s >= "start: 2027-03-08" for s in starts[1:])
    assert cli("--root", root, "validate", "--now", NOW).code == 0


def test_a_group_larger_than_a_slot_is_refused(tmp_path: Path, cli: Cli) -> None:
    root = fixture_repo(tmp_path)
    platform = root / "ftgitops.yaml"
    text = platform.read_text(encoding="utf-8")
    platform.write_text(text.replace("tenants_per_slot: 6", "tenants_per_slot: 1"), "utf-8")
    result = cli("--root", root, *PLAN_ARGS)
    assert (result.code, result.err) == (
        2,
        "ftgitops: error: APAC group 1 has 2 tenants to upgrade (uat, training), more than "
        "policies.upgrade.tenants_per_slot (1) in one slot: split the group or raise the "
        "limit\n",
    )
