"""Policy rules at their boundaries: daylight saving, notice, rollback, justification."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import A_YEAR_LATER, TODAY, midnight

from ftgitops.load.schemas import SchemaSet
from ftgitops.rules.policy import risk_level
from ftgitops.validate import validate

CHANGE_PATH = "changes/2026/CHG-2026-0002.yaml"
NOTICE_PATH = "changes/2026/MNT-2026-0002.yaml"


def _change(**fields: Any) -> dict[str, Any]:
    change: dict[str, Any] = {
        "id": "CHG-2026-0002",
        "kind": "change",
        "title": "Patch the web servers",
        "category": "infrastructure",
        "type": "normal",
        "status": "scheduled",
        "owner": "bob",
        "window": {"start": "2026-11-30T23:00", "end": "2026-12-01T01:00"},  # the UK slot
        "targets": {"regions": ["uk"], "services": ["web"], "environments": ["uat"]},
        "impact": {"downtime": False},
        "risk": {"likelihood": 1, "impact": 2},
    }
    change.update(fields)
    return change


def _notice(published: str, **fields: Any) -> dict[str, Any]:
    notice: dict[str, Any] = {
        "id": "MNT-2026-0002",
        "kind": "maintenance",
        "title": "UK monthly maintenance",
        "status": "scheduled",
        "owner": "bob",
        "published": published,
        "window": {"start": "2026-11-30T23:00", "end": "2026-12-01T01:00"},
        "regions": ["uk"],
        "services": "all",
        "environments": ["production"],
        "downtime": True,
        "public_text": "Unavailable from 11 pm to 1 am UK time.",
    }
    notice.update(fields)
    return notice


def _findings(
    root: Path, schemas: SchemaSet, relative: str, data: dict[str, Any], today: str = TODAY
) -> list[str]:
    """The findings of one file, but the reminder to record a past window's outcome (FT309,
    tested in lifecycle_test): these tests place windows in the past for other rules."""
    kind = data["kind"]
    text = f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n"
    (root / relative).write_text(text + yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = validate(root, midnight(today), schemas, [relative])
    return [f"{f.code} {f.message}" for f in result.findings if f.code != "FT309"]


@pytest.mark.parametrize(
    ("start", "end", "zone", "code"),
    [
        ("2026-10-04T02:30", "2026-10-04T04:00", "Australia/Sydney", "FT302"),
        ("2026-10-04T02:00", "2026-10-04T04:00", "Australia/Sydney", "FT302"),
        ("2026-04-05T02:30", "2026-04-05T04:00", "Australia/Sydney", "FT303"),
        ("2026-03-29T01:00", "2026-03-29T03:00", "Europe/London", "FT302"),
        ("2026-10-25T01:59", "2026-10-25T03:00", "Europe/London", "FT303"),
    ],
)
def test_daylight_saving_gap_and_repeat_are_errors(
    start: str, end: str, zone: str, code: str, repo: Path, schemas: SchemaSet
) -> None:
    window = {"start": start, "end": end, "tz": zone}
    found = _findings(repo, schemas, CHANGE_PATH, _change(window=window))
    assert [line.split()[0] for line in found] == [code]
    assert zone in found[0]


@pytest.mark.parametrize(
    ("start", "end", "zone"),
    [
        ("2026-10-04T01:59", "2026-10-04T03:00", "Australia/Sydney"),  # either side of the gap
        ("2026-10-04T02:30+10:00", "2026-10-04T04:00", "Australia/Sydney"),
        ("2026-04-05T02:30+11:00", "2026-04-05T02:30+10:00", "Australia/Sydney"),
        ("2026-03-29T01:30+00:00", "2026-03-29T03:00", "Europe/London"),
        ("2026-10-25T01:30+01:00", "2026-10-25T01:30Z", "Europe/London"),
        ("2026-10-25T00:59", "2026-10-25T02:00", "Europe/London"),
    ],
)
def test_an_explicit_offset_or_a_real_local_time_is_valid(
    start: str, end: str, zone: str, repo: Path, schemas: SchemaSet
) -> None:
    window = {"start": start, "end": end, "tz": zone}
    assert _findings(repo, schemas, CHANGE_PATH, _change(window=window)) == []


def test_the_repeated_hour_written_twice_is_an_hour_long(repo: Path, schemas: SchemaSet) -> None:
    window = {"start": "2026-10-25T01:30+01:00", "end": "2026-10-25T01:30+00:00"}
    _findings(repo, schemas, CHANGE_PATH, _change(window=window))
    result = validate(repo, midnight(TODAY), schemas)
    assert result.model is not None
    built = result.model.items["CHG-2026-0002"].window  # type: ignore[union-attr]
    assert built is not None
    assert (built.end - built.start).total_seconds() == 3600


@pytest.mark.parametrize("today", [TODAY, "2026-11-30", A_YEAR_LATER, "2036-01-01"])
def test_a_notice_valid_when_published_stays_valid(
    today: str, repo: Path, schemas: SchemaSet
) -> None:
    notice = _notice("2026-11-23T23:00")  # exactly 7 days before the window
    assert _findings(repo, schemas, NOTICE_PATH, notice, today=today) == []


@pytest.mark.parametrize(
    ("published", "days"),
    [("2026-11-24T23:00", "6.0"), ("2026-11-23T23:01", "6.9"), ("2026-11-30T22:00", "0.0")],
)
def test_a_notice_short_of_seven_days_is_an_error_whatever_today(
    published: str, days: str, repo: Path, schemas: SchemaSet
) -> None:
    message = (
        f"FT306 the notice was published {days} days before the window; the policy asks for 7: "
        "move the window or make the work an emergency"
    )
    for today in (TODAY, A_YEAR_LATER):
        assert _findings(repo, schemas, NOTICE_PATH, _notice(published), today=today) == [message]


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        # London's clocks go back on 25 October: 7 calendar days are 7 days and 1 hour elapsed.
        ("2026-10-22T23:00", []),
        # Sydney's clocks go forward on 4 October: 7 calendar days are 6 days 23 hours elapsed,
        # and still count as 7 days' notice, as a customer reading the calendar counts them.
        ("2026-09-30T10:00+10:00", []),
        ("2026-09-30T10:01+10:00", ["FT306"]),
    ],
)
def test_notice_is_counted_in_calendar_days_across_daylight_saving(
    published: str, expected: list[str], repo: Path, schemas: SchemaSet
) -> None:
    window = (
        {"start": "2026-10-29T23:00", "end": "2026-10-30T01:00"}
        if published.startswith("2026-10")
        else {"start": "2026-10-07T10:00", "end": "2026-10-07T12:00", "tz": "Australia/Sydney"}
    )
    notice = _notice(published, window=window, status="completed")
    codes = [line.split()[0] for line in _findings(repo, schemas, NOTICE_PATH, notice)]
    assert [code for code in codes if code == "FT306"] == expected


@pytest.mark.parametrize(
    "fields", [{"status": "draft"}, {"status": "cancelled"}, {"visibility": "internal"}]
)
def test_notice_rule_is_for_published_public_notices_only(
    fields: dict[str, Any], repo: Path, schemas: SchemaSet
) -> None:
    notice = _notice("2026-11-29T09:00", **fields)
    assert _findings(repo, schemas, NOTICE_PATH, notice) == []


@pytest.mark.parametrize(
    ("likelihood", "impact", "downtime", "environments", "needed"),
    [
        (1, 4, False, ["production"], False),  # score 4: low
        (2, 2, False, ["production"], False),
        (1, 5, False, ["uat"], True),  # score 5: medium
        (5, 1, False, ["uat"], True),
        (3, 4, False, ["uat"], True),  # high
        (5, 5, False, ["uat"], True),  # critical
        (1, 1, True, ["production"], True),  # production downtime
        (1, 1, True, "all", True),  # `all` includes production
        (1, 1, True, ["uat", "training"], False),  # downtime outside production
    ],
)
def test_rollback_plan_is_required_from_medium_risk_or_production_downtime(
    likelihood: int,
    impact: int,
    downtime: bool,
    environments: Any,
    needed: bool,
    repo: Path,
    schemas: SchemaSet,
) -> None:
    targets = {"regions": ["uk"], "services": ["web"], "environments": environments}
    risk = {"likelihood": likelihood, "impact": impact}
    change = _change(targets=targets, risk=risk, impact={"downtime": downtime})
    found = _findings(repo, schemas, CHANGE_PATH, change)
    assert [line.split()[0] for line in found] == (["FT304"] if needed else [])
    change["rollback"] = {"plan": "Redeploy the previous build."}
    assert _findings(repo, schemas, CHANGE_PATH, change) == []


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (1, "low"),
        (4, "low"),
        (5, "medium"),
        (9, "medium"),
        (10, "high"),
        (15, "high"),
        (16, "critical"),
    ],
)
def test_risk_levels_change_where_the_policy_says(score: int, level: str) -> None:
    assert risk_level(score) == level


def test_emergency_needs_a_justification_and_accepts_one(repo: Path, schemas: SchemaSet) -> None:
    emergency = _change(type="emergency")
    assert _findings(repo, schemas, CHANGE_PATH, emergency) == [
        "FT305 an emergency change needs a justification: say why it cannot wait"
    ]
    emergency["justification"] = "Customers cannot sign in."
    assert _findings(repo, schemas, CHANGE_PATH, emergency) == []
    hour = {"start": "2026-11-30T23:00", "end": "2026-12-01T00:00"}
    standard = _change(type="standard", template="web-restart", window=hour)  # minimal's
    assert _findings(repo, schemas, CHANGE_PATH, standard) == []
