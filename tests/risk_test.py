"""Risk assessment: declared risk raised by facts that carry risk, the approvals it needs, and
the spread of levels over the example data's change calendar."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from conflict_repo import change, load, release, wave
from conftest import PROJECT_ROOT, CliResult

from ftgitops.conflicts import find_conflicts
from ftgitops.model import Change, Release
from ftgitops.rules.risk import assess

NOW = datetime(2026, 11, 21, tzinfo=UTC)


def test_small_uat_change_keeps_its_declared_low_risk(tmp_path: Path) -> None:
    small = change(
        "CHG-2026-0101",
        "2026-12-01T20:00",
        "2026-12-01T21:00",
        likelihood=1,
        impact=2,
        tenants=["harbour-staffing"],
        environments=["uat"],
        downtime=False,
    )
    model = load(tmp_path, small)
    item = model.items["CHG-2026-0101"]
    assert isinstance(item, Change)
    assessment = assess(item, model, find_conflicts(model, NOW))
    assert (assessment.declared, assessment.score, assessment.level) == (2, 2, "low")
    assert assessment.reasons == ("declared 1 x 2 = 2",)
    assert assessment.approvals == ("reviewer",)


def test_wide_production_emergency_is_raised_with_reasons(tmp_path: Path) -> None:
    wide = change(
        "CHG-2026-0101",
        "2026-12-01T20:00",
        "2026-12-01T22:00",
        regions=["apac", "uk"],
        type="emergency",
        justification="Payroll is down.",
        rollback={"plan": "Restore the backup.", "tested": False},
    )
    model = load(tmp_path, wide)
    item = model.items["CHG-2026-0101"]
    assert isinstance(item, Change)
    assessment = assess(item, model, find_conflicts(model, NOW))
    assert assessment.reasons == (
        "declared 2 x 2 = 4",
        "takes production down (+3)",
        "spans 2 regions (+1)",
        "runs outside the allowed slots (+3)",
        "the rollback has not been tested (+2)",
        "is an emergency (+3)",
    )
    assert (assessment.score, assessment.level) == (16, "critical")
    assert assessment.approvals == ("reviewer", "cab", "security", "release-manager")


def test_freeze_and_conflicts_raise_the_score(tmp_path: Path) -> None:
    uk = {"regions": ["uk"], "tenants": ["thames-care"], "downtime": False}
    frozen = change("CHG-2026-0101", "2026-12-22T20:00", "2026-12-22T22:00", **uk)
    other = change("CHG-2026-0102", "2026-12-22T21:00", "2026-12-22T23:00", **uk)
    model = load(tmp_path, frozen, other)
    item = model.items["CHG-2026-0101"]
    assert isinstance(item, Change)
    calm = assess(item, model, [])
    raised = assess(item, model, find_conflicts(model, NOW))
    assert "runs in a freeze (+4)" in raised.reasons
    assert "overlaps other work (1 warning) (+1)" in raised.reasons
    assert raised.score == calm.score + 5


def test_security_policy_change_needs_security_approval(tmp_path: Path) -> None:
    policy = change(
        "CHG-2026-0101",
        "2026-12-01T20:00",
        "2026-12-01T21:00",
        likelihood=1,
        impact=1,
        category="security-policy",
        environments=["uat"],
        downtime=False,
        tenants=["harbour-staffing"],
    )
    model = load(tmp_path, policy)
    item = model.items["CHG-2026-0101"]
    assert isinstance(item, Change)
    assert assess(item, model, []).approvals == ("reviewer", "security")


def test_release_counts_tenants_and_regions_over_its_waves(tmp_path: Path) -> None:
    rel = release(
        "REL-2026-0101",
        [
            wave("apac", [1, 2], ["uat"], "2026-12-01T20:00", "2026-12-01T22:00"),
            wave("uk", [1], ["production"], "2026-12-08T20:00", "2026-12-08T22:00"),
        ],
    )
    model = load(tmp_path, rel)
    item = model.items["REL-2026-0101"]
    assert isinstance(item, Release)
    assessment = assess(item, model, find_conflicts(model, NOW))
    assert assessment.reasons == ("declared 1 x 2 = 2", "spans 2 regions (+1)")
    assert assessment.level == "low"  # tenants touched raise nothing: the impact says it


def test_production_downtime_with_an_untested_rollback_is_at_least_high(tmp_path: Path) -> None:
    """In the APAC monthly slot (last Saturday, 23:00): nothing else raises it."""
    routine = change(
        "CHG-2026-0101",
        "2026-11-28T23:00",
        "2026-11-29T00:00",
        likelihood=1,
        impact=2,
        rollback={"plan": "Restore the backup.", "tested": False},
    )
    model = load(tmp_path, routine)
    item = model.items["CHG-2026-0101"]
    assert isinstance(item, Change)
    assessment = assess(item, model, find_conflicts(model, NOW))
    assert assessment.reasons == (
        "declared 1 x 2 = 2",
        "takes production down (+3)",
        "the rollback has not been tested (+2)",
        "takes production down with an untested rollback: at least high (+3)",
    )
    assert (assessment.score, assessment.level) == (10, "high")
    assert assessment.approvals == ("reviewer", "cab", "release-manager")


def test_the_example_calendar_spreads_over_the_levels(cli: Callable[..., CliResult]) -> None:
    """Most routine work low or medium, high where production goes down (or worse), critical
    rare: the spread `ftgitops report risk` prints for the example data."""
    result = cli("--root", PROJECT_ROOT, "report", "risk", "--now", "2026-12-01T09:00Z")
    assert result.code == 0
    assert result.out.splitlines()[:6] == [
        "risk of 29 changes and releases",
        "level     count  share  approvals",
        "low           2     7%  reviewer",
        "medium       18    62%  reviewer, cab",
        "high          6    21%  reviewer, cab, release-manager",
        "critical      3    10%  reviewer, cab, security, release-manager",
    ]
    assert (
        "CHG-2026-0017  high     13  scheduled    declared 2 x 4 = 8; takes production down "
        in (result.out)
    )


def test_the_risk_report_as_json(cli: Callable[..., CliResult]) -> None:
    result = cli(
        "--root", PROJECT_ROOT, "report", "risk", "--now", "2026-12-01T09:00Z", "--format", "json"
    )
    document = json.loads(result.out)
    assert {level: v["count"] for level, v in document["levels"].items()} == {
        "low": 2,
        "medium": 18,
        "high": 6,
        "critical": 3,
    }
    standard = next(i for i in document["items"] if i["item"] == "CHG-2026-0015")
    assert (standard["level"], standard["approvals"]) == ("medium", ["reviewer"])  # no CAB
