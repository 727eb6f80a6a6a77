"""The JSON API against a JSON Schema of Statuspage's v2 shape, for every edition; its
content (every window, each edition's scope, honest times); the badge and the banner."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import statuspage_schema
from site_helpers import NOW, PROJECT_ROOT, build, copy_fixture

from ftgitops.model import Model
from ftgitops.site.api import api_files
from ftgitops.site.audience import Audience
from ftgitops.site.badge import banner
from ftgitops.site.generate import context, load

EXAMPLE_EDITIONS = (
    "public",
    "internal",
    "tenant:pennine-recruitment",
    "tenant:bluegum-recruitment",
)
Api = dict[str, Any]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_fixture(tmp_path_factory.mktemp("api") / "repo")
    assert build(root) == 0
    return root / "public"


@pytest.fixture(scope="module")
def model() -> Model:
    return load(PROJECT_ROOT)


def example(model: Model, audience: str) -> Api:
    """Every endpoint of one edition of the example data at the tests' fixed clock."""
    ctx = context(
        model, Audience.parse(audience), datetime.fromisoformat(NOW), "https://status.example/"
    )
    files = api_files(ctx) | {"banner.json": json.dumps(banner(ctx)).encode()}
    return {path.removeprefix("api/v2/"): json.loads(data) for path, data in files.items()}


def load_api(site: Path, name: str) -> Any:
    return json.loads((site / "api" / "v2" / name).read_text(encoding="utf-8"))


def keys(maintenances: list[dict[str, Any]]) -> list[str]:
    return [m["id"] for m in maintenances]


@pytest.mark.parametrize("name", sorted(statuspage_schema.ENDPOINTS))
def test_each_endpoint_has_the_statuspage_v2_shape(site: Path, name: str) -> None:
    statuspage_schema.validate(name, load_api(site, name))


@pytest.mark.parametrize("audience", EXAMPLE_EDITIONS)
def test_every_endpoint_of_every_example_edition_has_the_shape(model: Model, audience: str) -> None:
    api = example(model, audience)
    assert set(statuspage_schema.ENDPOINTS) <= set(api)
    for name in statuspage_schema.ENDPOINTS:
        statuspage_schema.validate(name, api[name])


def test_the_schema_rejects_what_statuspage_would_not_serve(site: Path) -> None:
    """The control: the schema is strict enough to fail on the usual mistakes."""
    summary = load_api(site, "summary.json")
    broken = json.loads(json.dumps(summary))
    broken["scheduled_maintenances"][0]["incident_updates"] = []
    with pytest.raises(Exception, match=r"should be non-empty|is too short"):
        statuspage_schema.validate("summary.json", broken)
    broken = json.loads(json.dumps(summary))
    broken["components"][1]["updated_at"] = "2026-11-21 12:00"
    with pytest.raises(Exception, match=r"is not a 'date-time'|does not match"):
        statuspage_schema.validate("summary.json", broken)


def test_summary_reports_what_is_open(site: Path) -> None:
    summary = load_api(site, "summary.json")
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


def test_the_three_added_endpoints(site: Path) -> None:
    assert [i["id"] for i in load_api(site, "incidents/unresolved.json")["incidents"]] == [
        "INC-2026-0001"
    ]
    active = load_api(site, "scheduled-maintenances/active.json")["scheduled_maintenances"]
    assert keys(active) == ["MNT-2026-0001"]
    every = load_api(site, "scheduled-maintenances.json")["scheduled_maintenances"]
    assert keys(every) == ["MNT-2026-0002", "MNT-2026-0001"]


def test_maintenance_text_is_in_its_updates(site: Path) -> None:
    active = load_api(site, "scheduled-maintenances/active.json")["scheduled_maintenances"][0]
    updates = {u["status"]: u for u in active["incident_updates"]}
    assert list(updates) == ["in_progress", "scheduled"]  # newest first
    assert updates["scheduled"]["body"] == (
        "The web application restarts <script>alert(2)</script> during the window.\n\n"
        "UK · Web application · Production\n"
        "Sat 21 Nov 2026 11:00–13:00 GMT (21 Nov 11:00–13:00 UTC)\n"
        "No downtime expected."
    )
    assert updates["scheduled"]["created_at"] == "2026-11-10T10:00:00Z"  # published
    assert updates["in_progress"]["created_at"] == "2026-11-21T11:00:00Z"


def test_incidents_include_resolved_ones_with_their_times(site: Path) -> None:
    incidents = {i["id"]: i for i in load_api(site, "incidents.json")["incidents"]}
    assert set(incidents) == {"INC-2026-0001", "INC-2026-0002"}
    assert incidents["INC-2026-0002"]["resolved_at"] == "2026-10-05T10:00:00Z"
    assert incidents["INC-2026-0002"]["impact"] == "critical"


def test_upcoming_lists_every_upcoming_window_of_every_kind(model: Model) -> None:
    """Release waves with downtime are maintenance too, and nothing is cut at 30 days."""
    upcoming = example(model, "public")["scheduled-maintenances/upcoming.json"]
    assert keys(upcoming["scheduled_maintenances"]) == [
        "REL-2026-0005/uk-production-group-1",  # completed on 23 Nov, not known on 21 Nov
        "MNT-2026-0021",  # recorded as completed on 29 Nov, which was not known on 21 Nov
        "MNT-2026-0022",
        "REL-2026-0005/apac-production-group-2",
        "REL-2026-0005/uk-production-group-2",
        "MNT-2026-0023",
        "REL-2026-0005/apac-production-group-3",
        "REL-2026-0005/uk-production-group-3",
        "MNT-2027-0001",
        "MNT-2027-0002",
        "MNT-2027-0003",
        "MNT-2027-0004",
    ]
    wave = upcoming["scheduled_maintenances"][4]
    assert wave["id"] == "REL-2026-0005/uk-production-group-2"  # Mon 14 Dec 23:00 London
    assert wave["name"] == "Upgrade to FastTrack360 2026.2 (2026.2.0)"
    assert (wave["scheduled_for"], wave["scheduled_until"]) == (
        "2026-12-14T23:00:00Z",
        "2026-12-15T01:00:00Z",
    )
    body = wave["incident_updates"][0]["body"]
    assert body.startswith(
        "FastTrack360 2026.2 introduces the rostering board, digital right-to-work"
    )
    assert "checks for UK customers" in body  # the YAML block's line break is gone
    assert body.endswith(
        "Mon 14 Dec 2026 23:00–Tue 15 Dec 01:00 GMT (14 Dec 23:00–15 Dec 01:00 UTC)\n"
        "Service unavailable during the window."
    )


def test_a_uk_tenant_s_api_speaks_of_its_own_components_only(model: Model) -> None:
    api = example(model, "tenant:pennine-recruitment")
    ids = [c["id"] for c in api["summary.json"]["components"]]
    assert ids == [
        "region-uk",
        "uk-database",
        "uk-file-storage",
        "uk-identity",
        "uk-api",
        "uk-web",
        "uk-communications",
        "uk-application-parsing",
        "uk-integration-hub",
    ]
    assert api["summary.json"]["status"]["indicator"] == "none"  # APAC's degradation is not its
    assert keys(api["summary.json"]["scheduled_maintenances"]) == [
        "MNT-2026-0022",  # recorded as completed on 30 Nov, which was not known on 21 Nov
        "REL-2026-0005/uk-production-group-2",
        "MNT-2027-0001",
        "MNT-2027-0003",
    ]
    assert api["banner.json"]["next_maintenance"]["id"] == "MNT-2026-0022"
    for name, data in api.items():
        text = json.dumps(data)
        assert '"apac' not in text and "region-apac" not in text, name
        assert "report-delivery" not in text and "AEDT" not in text, name


def test_the_public_edition_lists_every_public_component(model: Model) -> None:
    components = example(model, "public")["components.json"]["components"]
    groups = [c["id"] for c in components if c["group"]]
    assert groups == ["region-apac", "region-uk"]
    assert len(components) == 2 + 2 * 10


def test_component_updated_at_is_when_its_state_changed(model: Model) -> None:
    """Not the build time: APAC application parsing went degraded when INC-2026-0006 began;
    UK web last changed when October's UK maintenance (MNT-2026-0019) said it was complete,
    at 00:32, before its planned end (the UK group 1 wave of 2026.2 is on 23 Nov, after the
    tests' 21 Nov)."""
    components = {c["id"]: c for c in example(model, "public")["components.json"]["components"]}
    assert components["apac-application-parsing"]["updated_at"] == "2026-11-20T03:10:00Z"
    assert components["apac-application-parsing"]["status"] == "degraded_performance"
    assert components["uk-web"]["updated_at"] == "2026-10-27T00:32:00Z"
    assert components["region-apac"]["updated_at"] == "2026-11-20T03:10:00Z"
    assert all(c["updated_at"] != "2026-11-21T12:00:00Z" for c in components.values())


def test_badge_is_well_formed_svg_and_banner_names_the_state(site: Path) -> None:
    svg = ElementTree.parse(site / "badge.svg").getroot()
    assert svg.get("aria-label") == "status: partial outage"
    banner_data = json.loads((site / "banner.json").read_text(encoding="utf-8"))
    assert banner_data["state"] == "partial-outage"
    assert [i["id"] for i in banner_data["incidents"]] == ["INC-2026-0001"]
    following = banner_data["next_maintenance"]
    assert following["id"] == "MNT-2026-0002"
    assert (following["state"], following["where"]) == (
        "upcoming",
        "APAC · All services · Production, UAT and Training",
    )
    assert following["when"] == (
        "Sat 28 Nov 2026 23:00–Sun 29 Nov 01:00 AEDT (28 Nov 12:00–14:00 UTC)"
    )
    assert banner_data["maintenance_in_progress"][0]["id"] == "MNT-2026-0001"
