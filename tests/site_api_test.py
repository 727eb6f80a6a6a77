"""The JSON API against a JSON Schema of Statuspage's v2 shape; the badge and the banner."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest
from site_helpers import build, copy_fixture

STAMP = {"type": "string", "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"}
NULLABLE_STAMP = {"anyOf": [STAMP, {"type": "null"}]}
PAGE = {
    "type": "object",
    "required": ["id", "name", "url", "time_zone", "updated_at"],
    "properties": {"updated_at": STAMP, "url": {"type": "string"}},
}
COMPONENT = {
    "type": "object",
    "required": ["id", "name", "status", "created_at", "updated_at", "position", "group_id"],
    "properties": {
        "status": {
            "enum": [
                "operational",
                "degraded_performance",
                "partial_outage",
                "major_outage",
                "under_maintenance",
            ]
        },
        "group": {"type": "boolean"},
    },
}
UPDATE = {
    "type": "object",
    "required": ["id", "status", "body", "created_at", "updated_at", "display_at"],
}
INCIDENT = {
    "type": "object",
    "required": [
        "id",
        "name",
        "status",
        "created_at",
        "updated_at",
        "monitoring_at",
        "resolved_at",
        "impact",
        "shortlink",
        "incident_updates",
        "components",
    ],
    "properties": {
        "status": {"enum": ["investigating", "identified", "monitoring", "resolved", "postmortem"]},
        "impact": {"enum": ["none", "minor", "major", "critical"]},
        "resolved_at": NULLABLE_STAMP,
        "incident_updates": {"type": "array", "items": UPDATE},
    },
}
MAINTENANCE = {
    "type": "object",
    "required": [*INCIDENT["required"], "scheduled_for", "scheduled_until"],
    "properties": {
        "status": {"enum": ["scheduled", "in_progress", "verifying", "completed"]},
        "impact": {"const": "maintenance"},
        "scheduled_for": STAMP,
        "scheduled_until": STAMP,
    },
}
STATUS = {
    "type": "object",
    "required": ["indicator", "description"],
    "properties": {"indicator": {"enum": ["none", "minor", "major", "critical", "maintenance"]}},
}


def shape(**parts: Any) -> dict[str, Any]:
    return {"type": "object", "required": ["page", *parts], "properties": {"page": PAGE, **parts}}


SCHEMAS = {
    "summary.json": shape(
        components={"type": "array", "items": COMPONENT},
        incidents={"type": "array", "items": INCIDENT},
        scheduled_maintenances={"type": "array", "items": MAINTENANCE},
        status=STATUS,
    ),
    "status.json": shape(status=STATUS),
    "components.json": shape(components={"type": "array", "items": COMPONENT}),
    "incidents.json": shape(incidents={"type": "array", "items": INCIDENT}),
    "scheduled-maintenances/upcoming.json": shape(
        scheduled_maintenances={"type": "array", "items": MAINTENANCE}
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_fixture(tmp_path_factory.mktemp("api") / "repo")
    assert build(root) == 0
    return root / "public"


def load(site: Path, name: str) -> Any:
    return json.loads((site / "api" / "v2" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_each_endpoint_has_the_statuspage_v2_shape(site: Path, name: str) -> None:
    jsonschema.validate(load(site, name), SCHEMAS[name])


def test_summary_reports_what_is_open(site: Path) -> None:
    summary = load(site, "summary.json")
    assert summary["status"] == {"indicator": "major", "description": "Partial outage"}
    assert [i["name"] for i in summary["incidents"]] == [
        "Payroll \"export\" & <script>alert('x')</script> fails"
    ]
    states = {c["id"]: c["status"] for c in summary["components"]}
    assert states["apac-api"] == "partial_outage"
    assert states["uk-web"] == "under_maintenance"
    assert states["region-apac"] == "partial_outage"
    maintenance = {m["id"]: m["status"] for m in summary["scheduled_maintenances"]}
    assert maintenance == {"MNT-2026-0001": "in_progress", "MNT-2026-0002": "scheduled"}


def test_incidents_include_resolved_ones_with_their_times(site: Path) -> None:
    incidents = {i["id"]: i for i in load(site, "incidents.json")["incidents"]}
    assert set(incidents) == {"INC-2026-0001", "INC-2026-0002"}
    assert incidents["INC-2026-0002"]["resolved_at"] == "2026-10-05T10:00:00Z"
    assert incidents["INC-2026-0002"]["impact"] == "critical"


def test_upcoming_lists_only_future_windows(site: Path) -> None:
    upcoming = load(site, "scheduled-maintenances/upcoming.json")["scheduled_maintenances"]
    assert [m["id"] for m in upcoming] == ["MNT-2026-0002"]
    assert upcoming[0]["scheduled_for"] == "2026-11-28T12:00:00Z"


def test_badge_is_well_formed_svg_and_banner_names_the_state(site: Path) -> None:
    svg = ElementTree.parse(site / "badge.svg").getroot()
    assert svg.get("aria-label") == "status: partial outage"
    banner = json.loads((site / "banner.json").read_text(encoding="utf-8"))
    assert banner["state"] == "partial-outage"
    assert [i["id"] for i in banner["incidents"]] == ["INC-2026-0001"]
    assert banner["next_maintenance"]["id"] == "MNT-2026-0002"
    assert banner["maintenance_in_progress"][0]["id"] == "MNT-2026-0001"
