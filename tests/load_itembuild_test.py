"""Changes, releases, maintenance notices and incidents built from their checked documents,
with `all` expanded against the platform and the tenants, and times placed in their zones."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import MINIMAL

from ftgitops.load import documents
from ftgitops.load.convert import Converter
from ftgitops.load.itembuild import Expander, build_item
from ftgitops.load.platformbuild import build_platform, build_tenant
from ftgitops.load.schemas import SchemaSet
from ftgitops.model import (
    Change,
    Incident,
    LogEntry,
    Maintenance,
    Release,
    Risk,
    Rollback,
    Targets,
    Update,
    Wave,
    Window,
)

LONDON = ZoneInfo("Europe/London")
SYDNEY = ZoneInfo("Australia/Sydney")
BONDI = """\
# yaml-language-server: $schema=../schemas/tenant.schema.json
id: bondi-nursing
name: Bondi Nursing
region: apac
product: front-office
upgrade_group: 2
environments:
  production: {go_live: 2025-01-06}
"""
CHANGE = """\
# yaml-language-server: $schema=../../schemas/change.schema.json
id: CHG-2026-0101
kind: change
title: Resize the web servers
category: infrastructure
type: normal
status: approved
owner: bob
window: {start: 2026-12-08T21:00, end: 2026-12-08T22:00}
targets: {regions: [uk], services: [web], environments: [production]}
impact: {downtime: false}
risk: {likelihood: 1, impact: 2}
"""
TARGETS = "targets: {regions: [uk], services: [web], environments: [production]}"


def _document(relative: str, text: str, schemas: SchemaSet) -> documents.Document:
    """A parsed document that fits its schema, as the builders receive them."""
    document, findings = documents.parse(relative, text.encode())
    assert document is not None and findings == []
    assert schemas.problems(document.kind, document.data) == []
    return document


def _minimal(relative: str, schemas: SchemaSet) -> documents.Document:
    return _document(relative, (MINIMAL / relative).read_text(encoding="utf-8"), schemas)


@pytest.fixture
def expand(schemas: SchemaSet) -> Expander:
    """The minimal platform (apac, then uk) with its two tenants and a second APAC tenant."""
    platform = build_platform(_minimal("ftgitops.yaml", schemas), Converter("ftgitops.yaml"))
    tenant_docs = [
        _minimal("tenants/harbour-staffing.yaml", schemas),
        _minimal("tenants/thames-care.yaml", schemas),
        _document("tenants/bondi-nursing.yaml", BONDI, schemas),
    ]
    tenants = [build_tenant(d, Converter(d.path)) for d in tenant_docs]
    return Expander(platform, {t.id: t for t in tenants})


def _change(expand: Expander, schemas: SchemaSet, old: str = "", new: str = "") -> Change | None:
    assert old in CHANGE
    document = _document("changes/2026/CHG-2026-0101.yaml", CHANGE.replace(old, new), schemas)
    item = build_item(document, expand, Converter(document.path))
    assert item is None or isinstance(item, Change)
    return item


def test_the_minimal_change_builds_with_tenants_all_expanded(
    expand: Expander, schemas: SchemaSet
) -> None:
    document = _minimal("changes/2026/CHG-2026-0001.yaml", schemas)
    convert = Converter(document.path)
    change = build_item(document, expand, convert)
    assert convert.findings == []
    assert change == Change(
        id="CHG-2026-0001",
        kind="change",
        title="Patch the APAC database cluster",
        status="completed",
        visibility="internal",  # a change's default audience
        path="changes/2026/CHG-2026-0001.yaml",
        raw=document.data,
        owner="alice",
        implementers=("alice", "bob"),
        risk=Risk(2, 3, "mitigate", ("tested on UAT",)),
        rollback=Rollback("Fail over to the DR replica.", True, 20),
        category="infrastructure",
        type="normal",
        window=Window(
            datetime(2026, 10, 31, 23, 0, tzinfo=SYDNEY),
            datetime(2026, 11, 1, 1, 0, tzinfo=SYDNEY),
            SYDNEY,
        ),
        targets=Targets(
            regions=("apac",),
            sites=("primary",),
            services=("database",),
            tenants=("bondi-nursing", "harbour-staffing"),  # every APAC tenant, sorted
            environments=("production",),
        ),
        downtime=True,
        public_summary="The service may be unavailable for up to 30 minutes.",
        problems=("INC-2026-0001",),
    )
    assert change is not None and change.raw is document.data


@pytest.mark.parametrize(
    ("regions", "zone"),
    [
        ("[uk]", LONDON),
        ("[apac]", SYDNEY),
        ("all", SYDNEY),  # the platform's first region
        ("[uk, apac]", LONDON),  # the first region the change names
        ("[mars, uk]", LONDON),  # the first one the platform knows
    ],
)
def test_a_window_without_tz_is_in_the_first_target_regions_zone(
    expand: Expander, schemas: SchemaSet, regions: str, zone: ZoneInfo
) -> None:
    change = _change(expand, schemas, "regions: [uk]", f"regions: {regions}")
    assert change is not None and change.window is not None
    assert change.window.zone == zone
    assert change.window.start == datetime(2026, 12, 8, 21, 0, tzinfo=zone)


def test_all_and_defaults_in_targets_expand_against_the_platform_and_tenants(
    expand: Expander, schemas: SchemaSet
) -> None:
    everything = (
        "targets: {regions: all, sites: all, services: all, tenants: all, environments: all, "
        "shared: [sql-cluster]}"
    )
    change = _change(expand, schemas, TARGETS, everything)
    assert change is not None
    assert change.targets == Targets(
        regions=("apac", "uk"),
        sites=("dr", "primary"),
        services=("database", "identity", "api", "web"),
        tenants=("bondi-nursing", "harbour-staffing", "thames-care"),
        environments=("production", "uat", "training"),
        shared=("sql-cluster",),
    )
    defaults = _change(expand, schemas)  # no sites and no tenants: primary, every UK tenant
    assert defaults is not None and defaults.targets is not None
    assert (defaults.targets.sites, defaults.targets.tenants) == (("primary",), ("thames-care",))


def test_a_change_whose_window_falls_in_a_dst_gap_is_not_built(
    expand: Expander, schemas: SchemaSet
) -> None:
    text = CHANGE.replace("2026-12-08T21:00", "2026-03-29T01:30").replace(
        "2026-12-08T22:00", "2026-03-29T03:00"
    )
    document = _document("changes/2026/CHG-2026-0101.yaml", text, schemas)
    convert = Converter(document.path)
    assert build_item(document, expand, convert) is None
    assert [(f.code, f.json_path) for f in convert.findings] == [("FT302", ("window", "start"))]


def test_a_log_time_that_cannot_be_placed_stops_the_whole_item(
    expand: Expander, schemas: SchemaSet
) -> None:
    log = "log:\n  - {at: 2026-12-08T21:05, action: started, by: bob}\n"
    change = _change(expand, schemas, "risk:", log + "risk:")
    assert change is not None
    assert change.log == (
        LogEntry(datetime(2026, 12, 8, 21, 5, tzinfo=LONDON), "started", "bob", None),
    )
    bad = log.replace("2026-12-08T21:05", "2026-03-29T01:05")
    assert _change(expand, schemas, "risk:", bad + "risk:") is None


def test_the_deployers_log_lines_carry_target_attempt_key_run_lease_and_status(
    expand: Expander, schemas: SchemaSet
) -> None:
    log = (
        "deploy: {driver: command, command: ./ship.sh, per: target, timeout_minutes: 5}\n"
        "log:\n"
        "  - at: 2026-12-08T21:00:02Z\n"
        "    action: started\n"
        "    by: ftgitops\n"
        "    target: harbour-staffing/uat\n"
        "    attempt: 2\n"
        "    key: CHG-2026-0101:harbour-staffing/uat:2\n"
        "    run: 20261208T210000Z-0a1b2c3d\n"
        "    driver: command\n"
        "    expires: 2026-12-08T21:20:02Z\n"
        "  - {at: 2026-12-08T21:30Z, action: status, by: ftgitops, status: completed}\n"
    )
    change = _change(expand, schemas, "risk:", log + "risk:")
    assert change is not None
    assert change.deploy == {
        "driver": "command",
        "command": "./ship.sh",
        "per": "target",
        "timeout_minutes": 5,
    }
    utc = ZoneInfo("UTC")
    started, status = change.log
    assert started == LogEntry(
        datetime(2026, 12, 8, 21, 0, 2, tzinfo=utc),
        "started",
        "ftgitops",
        None,
        "harbour-staffing/uat",
        2,
        "CHG-2026-0101:harbour-staffing/uat:2",
        "20261208T210000Z-0a1b2c3d",
        datetime(2026, 12, 8, 21, 20, 2, tzinfo=utc),
    )
    assert (status.action, status.status, status.target) == ("status", "completed", None)


def test_a_release_builds_its_waves_each_in_its_regions_zone(
    expand: Expander, schemas: SchemaSet
) -> None:
    text = (MINIMAL / "changes/2026/REL-2026-0001.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    groups: [2]\n", "    groups: [2, 3]\n    name: UK late\n    status: cancelled\n"
    )
    document = _document("changes/2026/REL-2026-0001.yaml", text, schemas)
    release = build_item(document, expand, Converter(document.path))
    assert isinstance(release, Release)
    assert (release.visibility, release.version, release.services) == (
        "public",
        "2026.10",
        ("web", "api"),
    )
    assert release.waves == (
        Wave(
            "APAC group 1",  # a default name from region and groups
            "apac",
            (1,),
            ("production",),
            Window(
                datetime(2026, 12, 1, 20, 0, tzinfo=SYDNEY),
                datetime(2026, 12, 1, 23, 0, tzinfo=SYDNEY),
                SYDNEY,
            ),
            False,
            "scheduled",  # the release's status
        ),
        Wave(
            "UK late",
            "uk",
            (2, 3),
            ("production",),
            Window(
                datetime(2026, 12, 8, 20, 0, tzinfo=LONDON),
                datetime(2026, 12, 8, 23, 0, tzinfo=LONDON),
                LONDON,
            ),
            False,
            "cancelled",
        ),
    )


def test_a_maintenance_notice_reads_its_targets_from_the_top_level(
    expand: Expander, schemas: SchemaSet
) -> None:
    document = _minimal("changes/2026/MNT-2026-0001.yaml", schemas)
    notice = build_item(document, expand, Converter(document.path))
    assert isinstance(notice, Maintenance)
    assert notice.targets == Targets(
        regions=("apac",),
        sites=("primary",),
        services=("database", "identity", "api", "web"),
        tenants=("bondi-nursing", "harbour-staffing"),
        environments=("production", "uat", "training"),
    )
    assert notice.published == datetime(2026, 11, 14, 10, 0, tzinfo=SYDNEY)
    assert (notice.visibility, notice.downtime) == ("public", True)


def test_an_incident_defaults_to_production_and_a_security_one_is_internal(
    expand: Expander, schemas: SchemaSet
) -> None:
    text = (MINIMAL / "changes/2026/INC-2026-0001.yaml").read_text(encoding="utf-8")
    document = _document("changes/2026/INC-2026-0001.yaml", text, schemas)
    incident = build_item(document, expand, Converter(document.path))
    assert isinstance(incident, Incident)
    assert incident.targets is not None
    assert incident.targets.environments == ("production",)
    assert (incident.visibility, incident.zone) == ("public", SYDNEY)
    assert incident.started == datetime(2026, 11, 2, 9, 10, tzinfo=SYDNEY)
    assert incident.updates[0] == Update(
        datetime(2026, 11, 2, 9, 20, tzinfo=SYDNEY),
        "investigating",
        "We are looking into slow sign-in.",
    )
    secret = text.replace("regions: [apac]", "security: true\ntz: Europe/London\nregions: [apac]")
    document = _document("changes/2026/INC-2026-0001.yaml", secret, schemas)
    incident = build_item(document, expand, Converter(document.path))
    assert isinstance(incident, Incident)
    assert (incident.security, incident.visibility, incident.zone) == (True, "internal", LONDON)
    assert incident.started == datetime(2026, 11, 2, 9, 10, tzinfo=LONDON)
