"""The conflict engine on small real repositories: each kind found, and not found, as it should."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from dataclasses import fields, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conflict_repo import change, load, make_repo, notice, release, wave
from conftest import CliResult
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ftgitops.codes import Severity
from ftgitops.conflicts import (
    Conflict,
    as_findings,
    describe,
    engine,
    find_conflicts,
    mover,
    shared_labels,
    suggest_slots,
)
from ftgitops.conflicts.calendar import last_business_days
from ftgitops.conflicts.display import SpanTexts
from ftgitops.conflicts.graph import Closure, dependency_closure
from ftgitops.conflicts.keys import keys_of
from ftgitops.conflicts.occupancy import Occupancy
from ftgitops.conflicts.record import NoticeFacts, built
from ftgitops.conflicts.scopes import Scopes, shared_keys, shared_kinds
from ftgitops.conflicts.sweep import all_pairs, overlapping_pairs
from ftgitops.load.schemas import SchemaSet
from ftgitops.model import Model, Service, Targets
from ftgitops.timetext import moment
from ftgitops.validate import validate

NOW = datetime(2026, 11, 21, tzinfo=UTC)
SYDNEY = ZoneInfo("Australia/Sydney")


def found(model: Model, kind: str) -> list[Conflict]:
    return [c for c in find_conflicts(model, NOW) if c.kind == kind]


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# --- same target -------------------------------------------------------------------------


def test_same_tenant_environment_overlapping_is_an_error(tmp_path: Path) -> None:
    a = change(
        "CHG-2026-0101", "2026-12-01T20:00", "2026-12-01T22:00", tenants=["harbour-staffing"]
    )
    b = change(
        "CHG-2026-0102",
        "2026-12-01T21:00",
        "2026-12-01T23:00",
        tenants=["harbour-staffing"],
        services=["reports"],
    )
    [conflict] = found(load(tmp_path, a, b), "same-target")
    assert (conflict.first, conflict.second) == ("CHG-2026-0101", "CHG-2026-0102")
    assert shared_labels(conflict) == ("tenant harbour-staffing production",)
    assert conflict.severity is Severity.ERROR
    assert (conflict.start, conflict.end) == (utc("2026-12-01T10:00"), utc("2026-12-01T11:00"))
    assert "21:00 AEDT" in describe(conflict) and "10:00 to 11:00 UTC" in describe(conflict)
    assert conflict.paths == ("changes/2026/CHG-2026-0101.yaml", "changes/2026/CHG-2026-0102.yaml")


def test_other_environment_of_the_same_tenant_is_no_conflict(tmp_path: Path) -> None:
    a = change(
        "CHG-2026-0101", "2026-12-01T20:00", "2026-12-01T22:00", tenants=["harbour-staffing"]
    )
    b = change(
        "CHG-2026-0102",
        "2026-12-01T21:00",
        "2026-12-01T23:00",
        tenants=["harbour-staffing"],
        services=["reports"],
        environments=["uat"],
    )
    assert find_conflicts(load(tmp_path, a, b), NOW) == []


def test_same_service_region_and_site_is_a_conflict_even_for_other_tenants(tmp_path: Path) -> None:
    a = change(
        "CHG-2026-0101", "2026-12-01T20:00", "2026-12-01T22:00", tenants=["harbour-staffing"]
    )
    b = change("CHG-2026-0102", "2026-12-01T20:30", "2026-12-01T21:00", tenants=["bondi-nursing"])
    [conflict] = found(load(tmp_path, a, b), "same-target")
    assert shared_labels(conflict) == ("service database (apac/primary production)",)


def test_same_service_at_another_site_is_no_conflict(tmp_path: Path) -> None:
    a = change(
        "CHG-2026-0101", "2026-12-01T20:00", "2026-12-01T22:00", tenants=["harbour-staffing"]
    )
    b = change(
        "CHG-2026-0102",
        "2026-12-01T20:30",
        "2026-12-01T21:00",
        tenants=["bondi-nursing"],
        sites=["dr"],
        downtime=False,
    )
    assert find_conflicts(load(tmp_path, a, b), NOW) == []


def test_shared_infrastructure_overlapping(tmp_path: Path) -> None:
    a = change(
        "CHG-2026-0101",
        "2026-12-02T20:00",
        "2026-12-02T22:00",
        tenants=["harbour-staffing"],
        shared=["san-apac"],
        downtime=False,
    )
    b = change(
        "CHG-2026-0102",
        "2026-12-02T21:00",
        "2026-12-02T22:30",
        regions=["uk"],
        tenants=["thames-care"],
        shared=["san-apac"],
        downtime=False,
        implementers=["bob"],
        tz="Australia/Sydney",
    )
    [conflict] = found(load(tmp_path, a, b), "same-target")
    assert shared_labels(conflict) == ("shared san-apac",)
    assert conflict.severity is Severity.WARNING  # neither takes anything down


def test_other_shared_infrastructure_is_no_conflict(tmp_path: Path) -> None:
    a = change(
        "CHG-2026-0101",
        "2026-12-02T20:00",
        "2026-12-02T22:00",
        tenants=["harbour-staffing"],
        shared=["san-apac"],
        downtime=False,
    )
    b = change(
        "CHG-2026-0102",
        "2026-12-02T21:00",
        "2026-12-02T22:30",
        regions=["uk"],
        tenants=["thames-care"],
        shared=["san-uk"],
        downtime=False,
        implementers=["bob"],
        tz="Australia/Sydney",
    )
    assert find_conflicts(load(tmp_path, a, b), NOW) == []


def test_back_to_back_windows_do_not_conflict(tmp_path: Path) -> None:
    a = change("CHG-2026-0101", "2026-12-01T20:00", "2026-12-01T22:00")
    b = change("CHG-2026-0102", "2026-12-01T22:00", "2026-12-01T23:30")
    assert find_conflicts(load(tmp_path, a, b), NOW) == []


def test_ended_work_takes_no_part(tmp_path: Path) -> None:
    a = change("CHG-2026-0101", "2026-12-01T20:00", "2026-12-01T22:00")
    for status in ("cancelled", "completed", "failed", "rolled-back"):
        b = change("CHG-2026-0102", "2026-12-01T21:00", "2026-12-01T23:00", status=status)
        assert find_conflicts(load(tmp_path / status, a, b), NOW) == []


# --- dependencies ------------------------------------------------------------------------


def test_dependency_closure_is_transitive_and_survives_a_cycle() -> None:
    services = {
        "database": Service("database", "Database", "", (), True),
        "api": Service("api", "API", "", ("database",), True),
        "web": Service("web", "Web", "", ("api",), True),
        "loop": Service("loop", "Loop", "", ("loop2",), True),
        "loop2": Service("loop2", "Loop 2", "", ("loop",), True),
    }
    closure = dependency_closure(services)
    assert closure["web"] == {"api", "database"}
    assert closure["database"] == frozenset()
    assert closure["loop"] == {"loop2"}


def test_work_on_a_service_a_dependent_relies_on_transitively(tmp_path: Path) -> None:
    a = change(
        "CHG-2026-0101", "2026-12-01T20:00", "2026-12-01T22:00", tenants=["harbour-staffing"]
    )
    b = change(
        "CHG-2026-0102",
        "2026-12-01T21:00",
        "2026-12-01T22:00",
        tenants=["bondi-nursing"],
        services=["web"],
        implementers=["bob"],
    )
    [conflict] = found(load(tmp_path, a, b), "dependency")
    assert shared_labels(conflict) == (
        "service database (apac/primary production), which web depends on",
    )
    assert conflict.severity is Severity.WARNING
    assert find_conflicts(load(tmp_path / "again", a, b), NOW) == [conflict]


def test_two_dependents_of_one_service_do_not_conflict(tmp_path: Path) -> None:
    a = change(
        "CHG-2026-0101",
        "2026-12-01T20:00",
        "2026-12-01T22:00",
        tenants=["harbour-staffing"],
        services=["identity"],
    )
    b = change(
        "CHG-2026-0102",
        "2026-12-01T21:00",
        "2026-12-01T22:00",
        tenants=["bondi-nursing"],
        services=["reports"],
        implementers=["bob"],
    )
    assert find_conflicts(load(tmp_path, a, b), NOW) == []


# --- slots -------------------------------------------------------------------------------


def test_production_downtime_outside_the_slots(tmp_path: Path) -> None:
    friday = change("CHG-2026-0101", "2026-12-04T20:00", "2026-12-04T22:00")
    [conflict] = find_conflicts(load(tmp_path, friday), NOW)
    assert conflict.kind == "outside-slot" and conflict.severity is Severity.ERROR
    assert conflict.paths == ("changes/2026/CHG-2026-0101.yaml", "ftgitops.yaml")


def test_downtime_inside_a_slot_or_no_downtime_is_allowed(tmp_path: Path) -> None:
    tuesday = change("CHG-2026-0101", "2026-12-01T20:00", "2026-12-01T23:00")
    friday = change(
        "CHG-2026-0102",
        "2026-12-04T20:00",
        "2026-12-04T22:00",
        downtime=False,
        tenants=["bondi-nursing"],
        sites=["dr"],
        implementers=["bob"],
    )
    assert find_conflicts(load(tmp_path, tuesday, friday), NOW) == []


def test_sydney_slot_across_the_october_clock_change(tmp_path: Path) -> None:
    # 2 Oct 2027 23:00 AEST + 240 minutes ends at 04:00 AEDT on 3 Oct (clocks skip 02:00-03:00).
    fits = change("CHG-2027-0101", "2027-10-02T23:00", "2027-10-03T04:00")
    assert find_conflicts(load(tmp_path / "fits", fits), NOW) == []
    too_long = change("CHG-2027-0101", "2027-10-02T23:00", "2027-10-03T04:30")
    [conflict] = find_conflicts(load(tmp_path / "long", too_long), NOW)
    assert conflict.kind == "outside-slot"


def test_london_slot_after_the_march_clock_change(tmp_path: Path) -> None:
    # The last Monday of March 2027 (29th) is in BST: the slot is 23:00 BST, not 23:00 GMT.
    in_slot = change(
        "CHG-2027-0101",
        "2027-03-29T23:00",
        "2027-03-30T01:00",
        regions=["uk"],
        tenants=["thames-care"],
        implementers=["bob"],
    )
    assert find_conflicts(load(tmp_path, in_slot), NOW) == []


# --- daylight saving ---------------------------------------------------------------------


def test_sydney_window_across_the_april_clock_change_overlaps_in_real_time(tmp_path: Path) -> None:
    # 23:00 AEDT (12:00Z) to 03:30 AEST (17:30Z): five and a half hours, not four and a half.
    a = change("CHG-2027-0101", "2027-04-03T23:00", "2027-04-04T03:30", downtime=False)
    b = change(
        "CHG-2027-0102",
        "2027-04-03T17:00",
        "2027-04-03T18:00",
        downtime=False,
        tz="UTC",
        implementers=["bob"],
    )
    [conflict] = find_conflicts(load(tmp_path, a, b), NOW)
    assert (conflict.start, conflict.end) == (utc("2027-04-03T17:00"), utc("2027-04-03T17:30"))
    assert "AEST" in describe(conflict) and "AEDT" not in describe(conflict).split(" to ")[1]


def test_sydney_window_across_the_october_clock_change_ends_an_hour_earlier(tmp_path: Path) -> None:
    # 23:00 AEST (13:00Z) to 04:00 AEDT (17:00Z): back-to-back with 17:00Z-18:00Z.
    a = change("CHG-2027-0101", "2027-10-02T23:00", "2027-10-03T04:00", downtime=False)
    b = change(
        "CHG-2027-0102",
        "2027-10-02T17:00",
        "2027-10-02T18:00",
        downtime=False,
        tz="UTC",
        implementers=["bob"],
    )
    assert find_conflicts(load(tmp_path, a, b), NOW) == []


def test_london_window_across_the_october_clock_change(tmp_path: Path) -> None:
    # 23:00 BST (22:00Z) to 03:00 GMT (03:00Z): five hours.
    uk = {"regions": ["uk"], "tenants": ["thames-care"], "downtime": False}
    a = change("CHG-2027-0101", "2027-10-30T23:00", "2027-10-31T03:00", **uk)
    b = change(
        "CHG-2027-0102",
        "2027-10-31T02:00",
        "2027-10-31T03:30",
        tz="UTC",
        implementers=["bob"],
        **uk,
    )
    [conflict] = find_conflicts(load(tmp_path, a, b), NOW)
    assert (conflict.start, conflict.end) == (utc("2027-10-31T02:00"), utc("2027-10-31T03:00"))
    assert "GMT" in describe(conflict)


# --- freezes -----------------------------------------------------------------------------


def test_hard_freeze_blocks(tmp_path: Path) -> None:
    uk = {"regions": ["uk"], "tenants": ["thames-care"], "implementers": ["bob"]}
    frozen = change("CHG-2026-0101", "2026-12-22T20:00", "2026-12-22T22:00", **uk)
    [conflict] = find_conflicts(load(tmp_path, frozen), NOW)
    assert (conflict.kind, conflict.second, conflict.severity) == (
        "freeze",
        "uk-year-end",
        Severity.ERROR,
    )
    assert shared_labels(conflict) == ("region uk",)


def test_freeze_in_another_region_does_not_apply(tmp_path: Path) -> None:
    apac = change("CHG-2026-0101", "2026-12-22T20:00", "2026-12-22T22:00")
    assert find_conflicts(load(tmp_path, apac), NOW) == []


def test_emergency_override_warns_and_shows_the_reason(tmp_path: Path) -> None:
    reason = "The payroll export fails for every UK tenant until the certificate is renewed."
    uk = {"regions": ["uk"], "tenants": ["thames-care"], "implementers": ["bob"]}
    emergency = change(
        "CHG-2026-0101",
        "2026-12-22T20:00",
        "2026-12-22T22:00",
        type="emergency",
        justification="Payroll is down.",
        freeze_override={"reason": reason},
        **uk,
    )
    [conflict] = find_conflicts(load(tmp_path, emergency), NOW)
    assert conflict.severity is Severity.WARNING
    assert conflict.override == reason and reason in describe(conflict)


def test_override_on_planned_work_does_not_count(tmp_path: Path) -> None:
    uk = {"regions": ["uk"], "tenants": ["thames-care"], "implementers": ["bob"]}
    planned = change(
        "CHG-2026-0101",
        "2026-12-22T20:00",
        "2026-12-22T22:00",
        freeze_override={"reason": "We would rather not wait."},
        **uk,
    )
    [conflict] = find_conflicts(load(tmp_path, planned), NOW)
    assert conflict.severity is Severity.ERROR and conflict.override is None
    assert "counts only for an emergency" in describe(conflict)


def test_last_three_business_days_of_june() -> None:
    assert last_business_days(2026, 6, 3) == [
        date(2026, 6, 26),
        date(2026, 6, 29),
        date(2026, 6, 30),
    ]
    assert last_business_days(2027, 12, 2) == [date(2027, 12, 30), date(2027, 12, 31)]


def test_recurring_freeze_in_the_last_business_days_of_june(tmp_path: Path) -> None:
    frozen = change("CHG-2027-0101", "2027-06-29T20:00", "2027-06-29T22:00")
    [conflict] = find_conflicts(load(tmp_path / "in", frozen), NOW)
    assert (conflict.kind, conflict.second) == ("freeze", "apac-eofy")
    before = change("CHG-2027-0101", "2027-06-24T20:00", "2027-06-24T22:00")
    assert find_conflicts(load(tmp_path / "out", before), NOW) == []


def test_soft_rrule_freeze_warns(tmp_path: Path) -> None:
    close = change("CHG-2027-0101", "2027-03-16T20:00", "2027-03-16T22:00")
    [conflict] = find_conflicts(load(tmp_path / "in", close), NOW)
    assert (conflict.second, conflict.severity) == ("quarter-close", Severity.WARNING)
    after = change("CHG-2027-0101", "2027-03-17T20:00", "2027-03-17T22:00")
    assert find_conflicts(load(tmp_path / "out", after), NOW) == []


def test_tenant_freeze_applies_only_to_that_tenant(tmp_path: Path) -> None:
    harbour = change(
        "CHG-2027-0101", "2027-03-02T20:00", "2027-03-02T22:00", tenants=["harbour-staffing"]
    )
    [conflict] = find_conflicts(load(tmp_path / "in", harbour), NOW)
    assert (conflict.second, shared_labels(conflict)) == (
        "harbour-audit",
        ("tenant harbour-staffing",),
    )
    bondi = change(
        "CHG-2027-0101", "2027-03-02T20:00", "2027-03-02T22:00", tenants=["bondi-nursing"]
    )
    assert find_conflicts(load(tmp_path / "out", bondi), NOW) == []


# --- people, waves, notices --------------------------------------------------------------


def test_same_implementer_in_two_overlapping_changes(tmp_path: Path) -> None:
    a = change(
        "CHG-2026-0101",
        "2026-12-01T20:00",
        "2026-12-01T22:00",
        downtime=False,
        tenants=["harbour-staffing"],
        implementers=["alice"],
    )
    b = change(
        "CHG-2026-0102",
        "2026-12-01T21:00",
        "2026-12-01T22:00",
        downtime=False,
        regions=["uk"],
        tenants=["thames-care"],
        tz="Australia/Sydney",
        implementers=["alice", "bob"],
    )
    [conflict] = find_conflicts(load(tmp_path, a, b), NOW)
    assert (conflict.kind, shared_labels(conflict)) == ("same-implementer", ("implementer alice",))
    other = change(
        "CHG-2026-0102",
        "2026-12-01T21:00",
        "2026-12-01T22:00",
        downtime=False,
        regions=["uk"],
        tenants=["thames-care"],
        tz="Australia/Sydney",
        implementers=["bob"],
    )
    assert find_conflicts(load(tmp_path / "other", a, other), NOW) == []


def test_release_wave_overlapping_the_regions_maintenance(tmp_path: Path) -> None:
    mnt = notice("MNT-2027-0101", "2027-01-30T23:00", "2027-01-31T01:00", "2027-01-20T10:00")
    rel = release(
        "REL-2027-0101", [wave("apac", [1], ["uat"], "2027-01-31T00:00", "2027-01-31T01:00")]
    )
    [conflict] = find_conflicts(load(tmp_path, mnt, rel), NOW)
    assert (conflict.kind, conflict.first, conflict.second) == (
        "wave-maintenance",
        "REL-2027-0101 wave 1",
        "MNT-2027-0101",
    )
    assert conflict.json_path == ("waves", 0, "window")
    uk = release(
        "REL-2027-0101", [wave("uk", [1], ["uat"], "2027-01-31T00:00", "2027-01-31T01:00")]
    )
    assert find_conflicts(load(tmp_path / "uk", mnt, uk), NOW) == []


def test_notice_is_the_face_of_the_change_it_lists(tmp_path: Path) -> None:
    work = change("CHG-2026-0101", "2026-12-26T23:00", "2026-12-27T01:00")
    listed = notice(
        "MNT-2026-0101",
        "2026-12-26T23:00",
        "2026-12-27T01:00",
        "2026-11-20T10:00",
        changes=["CHG-2026-0101"],
    )
    assert find_conflicts(load(tmp_path / "listed", work, listed), NOW) == []
    unlisted = notice("MNT-2026-0101", "2026-12-26T23:00", "2026-12-27T01:00", "2026-11-20T10:00")
    kinds = {c.kind for c in find_conflicts(load(tmp_path / "unlisted", work, unlisted), NOW)}
    assert kinds == {"same-target"}


def test_production_wave_before_the_uat_wave(tmp_path: Path) -> None:
    rel = release(
        "REL-2026-0101",
        [
            wave("apac", [1], ["uat"], "2026-12-08T20:00", "2026-12-08T22:00"),
            wave("apac", [1, 2], ["production"], "2026-12-01T20:00", "2026-12-01T22:00"),
        ],
    )
    [conflict] = find_conflicts(load(tmp_path, rel), NOW)
    assert (conflict.kind, conflict.first, conflict.second) == (
        "wave-order",
        "REL-2026-0101 wave 2",
        "REL-2026-0101 wave 1",
    )
    assert shared_labels(conflict) == ("tenant harbour-staffing production/uat",)


def test_production_after_uat_or_for_other_tenants_is_fine(tmp_path: Path) -> None:
    rel = release(
        "REL-2026-0101",
        [
            wave("apac", [1], ["uat"], "2026-12-01T20:00", "2026-12-01T22:00"),
            wave("apac", [1], ["production"], "2026-12-08T20:00", "2026-12-08T22:00"),
            wave("apac", [2], ["production"], "2026-12-02T20:00", "2026-12-02T22:00"),
            wave("apac", [2], ["uat"], "2026-12-09T20:00", "2026-12-09T22:00"),
        ],
    )
    [conflict] = find_conflicts(load(tmp_path, rel), NOW)
    assert (conflict.first, conflict.second) == ("REL-2026-0101 wave 3", "REL-2026-0101 wave 4")


def test_public_notice_with_short_notice(tmp_path: Path) -> None:
    late = notice("MNT-2026-0101", "2026-12-26T23:00", "2026-12-27T01:00", "2026-12-22T10:00")
    [conflict] = find_conflicts(load(tmp_path / "late", late), NOW)
    assert (conflict.kind, conflict.severity) == ("short-notice", Severity.ERROR)
    assert "4.5 days" in describe(conflict) and conflict.json_path == ("published",)
    early = notice("MNT-2026-0101", "2026-12-26T23:00", "2026-12-27T01:00", "2026-12-19T10:00")
    assert find_conflicts(load(tmp_path / "early", early), NOW) == []


def test_notice_is_counted_on_the_wall_clock_as_the_policy_counts_it(tmp_path: Path) -> None:
    """Sydney's clocks go forward on 3 Oct 2027: Tue 28 Sep 20:00 AEST to Tue 5 Oct 20:00 AEDT
    (an upgrade slot) is seven calendar days though 6 days 23 hours pass. The policy (FT306)
    accepts it, and so does the engine (FT408): one count, `policy.notice_given`."""
    notice_ = notice(
        "MNT-2027-0101", "2027-10-05T20:00", "2027-10-05T22:00", "2027-09-28T20:00+10:00"
    )
    assert find_conflicts(load(tmp_path, notice_), NOW) == []


# --- range, now, findings, next slot -----------------------------------------------------


def test_range_restricts_what_is_reported_and_a_past_conflict_is_told_as_such(
    tmp_path: Path,
) -> None:
    model = load(tmp_path, change("CHG-2026-0101", "2026-12-04T20:00", "2026-12-04T22:00"))
    (current,) = find_conflicts(model, NOW)
    assert (current.severity, current.past) == (Severity.ERROR, False)
    assert find_conflicts(model, NOW, utc("2026-12-05T00:00"), utc("2026-12-10T00:00")) == []
    assert len(find_conflicts(model, NOW, utc("2026-12-04T00:00"), utc("2026-12-05T00:00"))) == 1
    (past,) = find_conflicts(model, utc("2026-12-05T00:00"))  # the window is over, still live
    assert (past.severity, past.past) == (Severity.WARNING, True)
    assert describe(past) == describe(current) + " (in the past: record what happened)"


def test_words_are_written_on_demand_and_records_compare_on_their_facts(tmp_path: Path) -> None:
    """`describe` and `shared_labels` write the same words in either order; a record compares,
    hashes and prints on its facts (its repr shows its words), as one built from equal facts
    does, and two runs over one model give equal records."""
    a = change("CHG-2026-0101", "2026-12-04T20:00", "2026-12-04T22:00", implementers=["bob"])
    b = change("CHG-2026-0102", "2026-12-04T21:00", "2026-12-04T23:00", services=["web"])
    model = load(tmp_path, a, b)
    shared_first, message_first = find_conflicts(model, NOW), find_conflicts(model, NOW)
    assert {c.kind for c in shared_first} >= {"same-target", "dependency", "outside-slot"}
    for one, other in zip(shared_first, message_first, strict=True):
        shared = shared_labels(one)
        message = describe(other)
        assert (shared, describe(one)) == (shared_labels(other), message)
        given = Conflict(
            one.code,
            one.kind,
            one.severity,
            one.first,
            one.second,
            replace(one.facts),
            one.start,
            one.end,
            one.zone,
            one.paths,
            one.override,
            one.json_path,
        )
        assert given == one and hash(given) == hash(one) and repr(given) == repr(one)
        assert f"message={message!r}" in repr(one) and shared
        assert one == other and hash(one) == hash(other)
    assert shared_first[0] != shared_first[1]
    field_names = [field.name for field in fields(Conflict)]  # the engine's fast constructor
    assert list(inspect.signature(built).parameters) == field_names


def test_conflicts_become_findings_on_every_file_they_involve(tmp_path: Path) -> None:
    a = change("CHG-2026-0101", "2026-12-04T20:00", "2026-12-04T22:00")
    b = change("CHG-2026-0102", "2026-12-04T21:00", "2026-12-04T23:00", downtime=False)
    root = make_repo(tmp_path, a, b)
    findings = validate(root, NOW, SchemaSet()).findings
    assert [(f.code, f.file, f.json_path) for f in findings] == [
        ("FT401", "changes/2026/CHG-2026-0101.yaml", ("window",)),
        ("FT403", "changes/2026/CHG-2026-0101.yaml", ("window",)),
        ("FT401", "changes/2026/CHG-2026-0102.yaml", ("window",)),
        ("FT403", "ftgitops.yaml", ("regions", "apac", "slots")),
    ]
    assert findings[0].line > 1 and findings[0].message == findings[2].message
    model = validate(root, NOW, SchemaSet()).model
    assert model is not None
    told = as_findings(find_conflicts(model, NOW))  # without the platform: the items' sides
    assert sorted((f.file, f.message) for f in told) == sorted(
        (f.file, f.message) for f in findings if f.file != "ftgitops.yaml"
    )
    only_b = validate(root, NOW, SchemaSet(), ["changes/2026/CHG-2026-0102.yaml"]).findings
    assert only_b == [findings[2]]  # what pre-commit runs on the file a commit touches


def test_next_free_slot_is_the_nearest_conflict_free_slot(tmp_path: Path) -> None:
    a = change("CHG-2026-0101", "2026-12-01T20:00", "2026-12-01T22:00")
    b = change("CHG-2026-0102", "2026-12-01T20:00", "2026-12-01T22:00", implementers=["bob"])
    model = load(tmp_path, a, b)
    slot = suggest_slots(model, NOW, ["CHG-2026-0102"])["CHG-2026-0102"]
    assert slot is not None
    assert (slot.start, slot.end) == (
        datetime(2026, 12, 2, 20, tzinfo=SYDNEY),
        datetime(2026, 12, 2, 22, tzinfo=SYDNEY),
    )
    moved = change("CHG-2026-0102", "2026-12-02T20:00", "2026-12-02T22:00", implementers=["bob"])
    assert find_conflicts(load(tmp_path / "moved", a, moved), NOW) == []


def test_no_free_slot_for_a_window_longer_than_every_slot(tmp_path: Path) -> None:
    model = load(tmp_path, change("CHG-2026-0101", "2026-12-01T20:00", "2026-12-02T08:00"))
    assert suggest_slots(model, NOW, ["CHG-2026-0101", "CHG-2099-0001"]) == {
        "CHG-2026-0101": None,
        "CHG-2099-0001": None,
    }


# --- the command -------------------------------------------------------------------------


def test_conflicts_command_text_and_exit_code(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    root = make_repo(
        tmp_path,
        change("CHG-2026-0101", "2026-12-01T20:00", "2026-12-01T22:00"),
        change("CHG-2026-0102", "2026-12-01T21:00", "2026-12-01T23:00", implementers=["bob"]),
    )
    result = cli("--root", root, "conflicts", "--now", "2026-11-21T00:00Z")
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0].startswith("error[FT401] same-target: CHG-2026-0101 and CHG-2026-0102")
    assert "  sides:    CHG-2026-0101 / CHG-2026-0102" in lines
    assert (
        "  overlap:  Tue 01 Dec 2026 21:00 AEDT to Tue 01 Dec 2026 22:00 AEDT"
        " (01 Dec 10:00 to 11:00 UTC)" in lines
    )
    assert (
        "  next free slot for CHG-2026-0102: Wed 02 Dec 2026 20:00 AEDT to Wed 02 Dec 2026"
        " 22:00 AEDT (02 Dec 09:00 to 11:00 UTC)" in lines
    )
    assert lines[-1] == "1 conflicts (1 errors, 0 warnings)"


def test_conflicts_command_json_range_and_clean_exit(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    root = make_repo(tmp_path, change("CHG-2026-0101", "2026-12-04T20:00", "2026-12-04T22:00"))
    result = cli("--root", root, "conflicts", "--now", "2026-11-21T00:00Z", "--format", "json")
    body = json.loads(result.out)
    assert result.code == 1 and body["errors"] == 1
    [item] = body["conflicts"]
    assert (item["kind"], item["start"], item["zone"]) == (
        "outside-slot",
        "2026-12-04T09:00:00Z",
        "Australia/Sydney",
    )
    assert item["next_free_slot"]["start"] == "2026-12-03T09:00:00Z"
    quiet = cli(
        "--root",
        root,
        "conflicts",
        "--now",
        "2026-11-21T00:00Z",
        "--from",
        "2026-12-05",
        "--to",
        "2026-12-31",
    )
    assert (quiet.code, quiet.out) == (0, "0 conflicts (0 errors, 0 warnings)\n")
    bad = cli("--root", root, "conflicts", "--from", "next week")
    assert bad.code == 2 and "--from 'next week'" in bad.err


def test_the_conflicts_command_runs_the_engine_once(
    tmp_path: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One schedule for the conflicts and every suggested slot: loading runs no engine, and
    `suggest_slots` reuses the run `find_conflicts` made (building the schedule is most of
    the engine's cost)."""
    root = make_repo(
        tmp_path,
        change("CHG-2026-0101", "2026-12-01T20:00", "2026-12-01T22:00"),
        change("CHG-2026-0102", "2026-12-01T21:00", "2026-12-01T23:00", implementers=["bob"]),
        change("CHG-2026-0103", "2026-12-04T20:00", "2026-12-04T22:00", services=["web"]),
    )
    built: list[datetime] = []
    build = engine.Schedule.__init__

    def counted(schedule: engine.Schedule, model: Model, now: datetime) -> None:
        built.append(now)
        build(schedule, model, now)

    monkeypatch.setattr(engine.Schedule, "__init__", counted)
    result = cli("--root", root, "conflicts", "--now", "2026-11-21T00:00Z")
    assert result.out.count("next free slot for ") == 2  # two suggestions, one schedule
    assert "next free slot for CHG-2026-0102: Wed 02 Dec 2026 20:00 AEDT" in result.out
    assert built == [datetime(2026, 11, 21, tzinfo=UTC)]


# --- the sweep and the shared keys against all pairs --------------------------------------


SCOPED_WINDOW = st.tuples(
    st.integers(0, 100), st.integers(1, 30), st.frozensets(st.sampled_from("abcd"), max_size=3)
)


@settings(max_examples=300, deadline=None)
@given(st.lists(SCOPED_WINDOW, max_size=40))
def test_sweep_finds_exactly_the_pairs_overlapping_under_a_shared_scope(
    windows: list[tuple[int, int, frozenset[str]]],
) -> None:
    stamps = [(float(start), float(start + length)) for start, length, _ in windows]
    swept = overlapping_pairs(stamps, [scopes for _, _, scopes in windows])
    reference = {
        (one, other)
        for one, (start, end) in enumerate(stamps)
        for other, (other_start, other_end) in enumerate(stamps)
        if one < other
        and start < other_end
        and other_start < end
        and windows[one][2] & windows[other][2]
    }
    assert set(swept) == reference and len(swept) == len(reference)  # each pair once
    later_starts = [max(stamps[one][0], stamps[other][0]) for one, other in swept]
    assert later_starts == sorted(later_starts)  # in the order of the overlaps' starts


GRAPH = {
    "database": Service("database", "Database", "", (), True),
    "storage": Service("storage", "Storage", "", (), True),
    "api": Service("api", "API", "", ("database", "storage"), True),
    "web": Service("web", "Web", "", ("api",), True),
    "reports": Service("reports", "Reports", "", ("database",), True),
}
HOME = {"t1": "apac", "t2": "apac", "t3": "uk"}  # "t4" has no home: an unknown tenant


def some(pool: str | tuple[str, ...], most: int = 3) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(pool), max_size=most, unique=True).map(tuple)


OCCUPANCY = st.tuples(
    st.integers(0, 40),
    st.integers(1, 20),
    st.sampled_from(("change", "change", "wave", "maintenance")),
    st.builds(
        Targets,
        regions=some(("apac", "uk"), 2),
        sites=some(("primary", "dr"), 2),
        services=some(tuple(GRAPH), 2),
        tenants=some(("t1", "t2", "t3", "t4")),
        environments=some(("production", "uat"), 2),
        shared=some(("san", "sql"), 1),
    ),
    some(("amy", "bob"), 2),
)


def as_occupancy(index: int, drawn: tuple[int, int, str, Targets, tuple[str, ...]]) -> Occupancy:
    start, length, kind, targets, people = drawn
    begins = NOW + timedelta(hours=start)
    return Occupancy(
        label=f"W{index}",
        item_id=f"W{index}",
        kind=kind,
        path="w.yaml",
        json_path=(),
        start=begins,
        end=begins + timedelta(hours=length),
        zone=SYDNEY,
        targets=targets,
        implementers=people,
        downtime=False,
        emergency=False,
        override=None,
    )


def kind_of(key: str, one: Occupancy, other: Occupancy) -> str:
    """The conflict kind of a shared key as read from the key itself."""
    prefix, rest = key.split(" ", 1)
    if prefix == "maintenance":
        return "wave-maintenance"
    if prefix == "implementer":
        return "same-implementer"
    service = rest.split(" ", 1)[0]
    direct = all(service in side.targets.services for side in (one, other))
    return "dependency" if prefix == "service" and not direct else "same-target"


NO_SERVICE = Targets(("apac",), ("primary",), (), (), ("production",))
DATABASE = Targets(("apac",), ("primary",), ("database",), (), ("production",))


@settings(max_examples=300, deadline=None)
@given(st.lists(OCCUPANCY, max_size=25))
@example(
    [(0, 5, "change", NO_SERVICE, ()), (0, 5, "change", DATABASE, ()), (1, 5, "wave", DATABASE, ())]
)
def test_scoped_sweep_finds_exactly_the_keys_all_pairs_of_keys_finds(
    drawn: list[tuple[int, int, str, Targets, tuple[str, ...]]],
) -> None:
    windows = [as_occupancy(index, one) for index, one in enumerate(drawn)]
    closure = dependency_closure(GRAPH)
    stamps = [(w.start.timestamp(), w.end.timestamp()) for w in windows]
    scopes = Scopes(HOME)

    def pair(one: int, other: int) -> tuple[Occupancy, Occupancy, Closure]:
        return windows[one], windows[other], closure

    swept = {}
    for one, other in overlapping_pairs(stamps, [scopes.of(w) for w in windows]):
        by_kind = shared_keys(windows[one], windows[other], closure)
        if any(by_kind.values()):
            swept[(one, other)] = {
                kind: sorted(set(keys)) for kind, keys in by_kind.items() if keys
            }
    entries = [
        (key, *stamps[index], index, role)
        for index, window in enumerate(windows)
        for key, role in keys_of(window, closure).items()
    ]
    reference: dict[tuple[int, int], dict[str, list[str]]] = {}
    for (one, other), keys in all_pairs(entries).items():
        by_kind = reference.setdefault((one, other), {})
        for key in sorted(keys):
            by_kind.setdefault(kind_of(key, windows[one], windows[other]), []).append(key)
    assert swept == reference


@settings(max_examples=500, deadline=None)
@given(OCCUPANCY, OCCUPANCY)
@example(
    (0, 5, "wave", DATABASE, ()),
    (0, 5, "maintenance", Targets(("uk",), ("primary",), ("database",), (), ("production",)), ()),
)
def test_shared_kinds_are_the_kinds_shared_keys_finds_keys_of(
    one: tuple[int, int, str, Targets, tuple[str, ...]],
    other: tuple[int, int, str, Targets, tuple[str, ...]],
) -> None:
    """The engine lists a pair's kinds without keys, and builds the keys only when read."""
    first, second = as_occupancy(0, one), as_occupancy(1, other)
    closure = dependency_closure(GRAPH)
    by_kind = shared_keys(first, second, closure)
    if "wave-maintenance" in by_kind:  # a wave and a notice: that one kind only
        by_kind = {"wave-maintenance": by_kind["wave-maintenance"]}
    assert shared_kinds(first, second, closure) == [k for k, keys in by_kind.items() if keys]


# --- how spans read, and who moves ---------------------------------------------------


def later(at: datetime, minutes: int) -> datetime:
    """Real minutes later, in the same zone (adding to an aware datetime adds wall time)."""
    assert at.tzinfo is not None
    return (at.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(at.tzinfo)


def test_spans_read_as_strftime_writes_them_and_keep_daylight_saving_apart() -> None:
    london = ZoneInfo("Europe/London")
    first = datetime(2026, 10, 25, 1, 30, tzinfo=london)  # BST, then again in GMT
    second = first.replace(fold=1)
    texts = SpanTexts()
    assert texts(first, later(first, 10), london) == (
        "Sun 25 Oct 2026 01:30 BST to Sun 25 Oct 2026 01:40 BST (25 Oct 00:30 to 00:40 UTC)"
    )
    assert texts(second, later(second, 10), london) == (
        "Sun 25 Oct 2026 01:30 GMT to Sun 25 Oct 2026 01:40 GMT (25 Oct 01:30 to 01:40 UTC)"
    )
    for hours in range(0, 24 * 800, 37):
        at = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=hours, minutes=hours % 60)
        local = at.astimezone(SYDNEY)
        assert moment(at, SYDNEY) == f"{local:%a %d %b %Y %H:%M} {local.tzname()}"
        end = at + timedelta(days=1)
        same_year = at.year == end.year == local.year
        form = "%d %b %H:%M" if same_year else "%d %b %Y %H:%M"  # a year when one is crossed
        assert texts(at, end, SYDNEY).endswith(f"({at:{form}} to {end:{form}} UTC)")


@pytest.mark.parametrize(
    ("first", "second", "kind", "moved"),
    [
        ("CHG-2026-0018", "MNT-2026-0021", "same-target", "CHG-2026-0018"),  # keep the notice
        ("MNT-2026-0001", "CHG-2026-0002", "same-target", "CHG-2026-0002"),
        ("CHG-2026-0003", "CHG-2026-0012", "dependency", "CHG-2026-0012"),  # planned last
        ("REL-2026-0003 wave 2", "CHG-2026-0001", "same-target", "REL-2026-0003 wave 2"),
        ("MNT-2026-0001", "MNT-2026-0002", "same-target", "MNT-2026-0002"),
        ("CHG-2026-0005", "apac-eofy", "freeze", "CHG-2026-0005"),  # a freeze never moves
    ],
)
def test_the_suggested_move_spares_published_notices(
    first: str, second: str, kind: str, moved: str
) -> None:
    facts = NoticeFacts(timedelta(0), 7, False, ())  # `mover` reads the kind and the sides
    conflict = Conflict("FT401", kind, Severity.ERROR, first, second, facts, None, None, None, ())
    assert mover(conflict) == moved


def test_a_platform_error_stops_the_command_instead_of_placing_times_wrongly(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    root = make_repo(tmp_path, change("CHG-2026-0101", "2026-12-01T20:00", "2026-12-01T22:00"))
    platform = root / "ftgitops.yaml"
    platform.write_text(
        platform.read_text(encoding="utf-8").replace("Europe/London", "Europe/Lundon"),
        encoding="utf-8",
    )
    result = cli("--root", root, "conflicts", "--now", "2026-11-21T00:00Z")
    assert result.code == 2
    assert result.err.startswith("ftgitops: error: ftgitops.yaml:29:15: error[FT107]")
    assert "run `ftgitops validate` and fix ftgitops.yaml first" in result.err
