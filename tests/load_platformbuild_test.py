"""The platform and tenant records built from their checked documents."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from conftest import MINIMAL

from ftgitops.load import documents
from ftgitops.load.convert import Converter
from ftgitops.load.platformbuild import build_platform, build_tenant
from ftgitops.load.schemas import SchemaSet
from ftgitops.model import (
    Channel,
    DeployPolicy,
    Environment,
    Freeze,
    Person,
    Service,
    Site,
    Slot,
    Subscriber,
    Tenant,
    Window,
)

LONDON = ZoneInfo("Europe/London")
SYDNEY = ZoneInfo("Australia/Sydney")
TOKYO = ZoneInfo("Asia/Tokyo")
SMALL = """\
# yaml-language-server: $schema=schemas/platform.schema.json
name: Small Platform
regions:
  uk:
    name: UK
    timezone: Europe/London
    sites:
      primary: {name: London primary, role: primary}
      dr: {name: London DR, role: dr}
    slots:
      - {name: UK nightly, kind: maintenance, rrule: FREQ=DAILY, start: "22:30", minutes: 90}
  apac:
    name: APAC
    timezone: Australia/Sydney
    sites:
      primary: {name: Sydney primary, role: primary}
    slots:
      - {name: APAC monthly, kind: maintenance, rrule: FREQ=MONTHLY, start: "23:00", minutes: 60}
services:
  database: {name: Database, public: false}
  web: {name: Web, description: The web application., depends_on: [database]}
roles:
  engineer: {name: Engineer}
  cab: {name: Change advisory board}
people:
  alice: {name: Alice, email: alice@example.com, github: alice-gh, roles: [engineer], regions: [uk]}
  carol: {name: Carol, email: carol@example.com, roles: [cab]}
policies:
  notice_days: 5
  approvals: {low: [engineer], medium: [engineer, cab], high: [cab], critical: [cab]}
  freezes:
    - id: everywhere
      name: Everywhere
      hard: true
      window: {start: 2026-12-24T00:00, end: 2026-12-27T00:00}
    - id: apac-day
      name: APAC day
      hard: false
      regions: [apac]
      tenants: [harbour-staffing]
      rrule: FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=26
      days: 1
    - id: in-tokyo
      name: Tokyo
      hard: true
      regions: [apac]
      window: {start: 2026-12-31T00:00, end: 2027-01-01T00:00, tz: Asia/Tokyo}
    - {id: half-year, name: Half year, hard: false, last_business_days: {month: 6, count: 3}}
notifications:
  - {id: ops, url: "mailto://ops@example.com", events: [approved, incident], regions: [uk]}
site: {url: https://status.example.com/, support_email: help@example.com}
"""


def _document(relative: str, text: str, schemas: SchemaSet) -> documents.Document:
    """A parsed document that fits its schema, as the builders receive them."""
    document, findings = documents.parse(relative, text.encode())
    assert document is not None and findings == []
    assert schemas.problems(document.kind, document.data) == []
    return document


def test_a_small_platform_builds_into_its_record(schemas: SchemaSet) -> None:
    convert = Converter("ftgitops.yaml")
    platform = build_platform(_document("ftgitops.yaml", SMALL, schemas), convert)
    assert convert.findings == []
    assert platform.name == "Small Platform"
    assert platform.path == "ftgitops.yaml"
    assert list(platform.regions) == ["uk", "apac"]  # in the file's order
    uk = platform.regions["uk"]
    assert (uk.id, uk.name, uk.zone) == ("uk", "UK", LONDON)
    assert uk.sites == {
        "primary": Site("primary", "London primary", "primary"),
        "dr": Site("dr", "London DR", "dr"),
    }
    assert uk.slots == (Slot("UK nightly", "maintenance", "FREQ=DAILY", time(22, 30), 90),)
    assert platform.regions["apac"].zone == SYDNEY
    assert platform.services == {
        "database": Service("database", "Database", "", (), False),
        "web": Service("web", "Web", "The web application.", ("database",), True),
    }
    assert platform.roles == {"engineer": "Engineer", "cab": "Change advisory board"}
    assert platform.people["alice"] == Person(
        "alice", "Alice", "alice@example.com", "alice-gh", ("engineer",), ("uk",)
    )
    assert platform.people["carol"] == Person(
        "carol", "Carol", "carol@example.com", None, ("cab",), ()
    )
    assert platform.notifications == (
        Channel("ops", "mailto://ops@example.com", ("approved", "incident"), ("uk",)),
    )
    assert (platform.site_url, platform.support_email) == (
        "https://status.example.com/",
        "help@example.com",
    )


def test_policies_default_the_decommission_days_and_keep_approvals_by_level(
    schemas: SchemaSet,
) -> None:
    policies = build_platform(
        _document("ftgitops.yaml", SMALL, schemas), Converter("ftgitops.yaml")
    ).policies
    assert (policies.notice_days, policies.decommission_days) == (5, 30)
    assert policies.approvals == {
        "low": ("engineer",),
        "medium": ("engineer", "cab"),
        "high": ("cab",),
        "critical": ("cab",),
    }


def test_the_deploy_policy_defaults_to_three_attempts_ten_minutes_apart(
    schemas: SchemaSet,
) -> None:
    build = build_platform
    policies = build(_document("ftgitops.yaml", SMALL, schemas), Converter("ftgitops.yaml"))
    assert policies.policies.deploy == DeployPolicy(max_attempts=3, backoff_minutes=10)
    given = SMALL.replace("  notice_days: 5\n", "  notice_days: 5\n  deploy: {max_attempts: 2}\n")
    platform = build(_document("ftgitops.yaml", given, schemas), Converter("ftgitops.yaml"))
    assert platform.policies.deploy == DeployPolicy(max_attempts=2, backoff_minutes=10)


def test_freezes_default_to_every_region_and_the_first_regions_zone(schemas: SchemaSet) -> None:
    freezes = build_platform(
        _document("ftgitops.yaml", SMALL, schemas), Converter("ftgitops.yaml")
    ).policies.freezes
    assert freezes == (
        Freeze(
            id="everywhere",
            name="Everywhere",
            hard=True,
            regions=("uk", "apac"),
            tenants=(),
            zone=LONDON,
            window=Window(
                datetime(2026, 12, 24, tzinfo=LONDON), datetime(2026, 12, 27, tzinfo=LONDON), LONDON
            ),
        ),
        Freeze(
            id="apac-day",
            name="APAC day",
            hard=False,
            regions=("apac",),
            tenants=("harbour-staffing",),
            zone=SYDNEY,
            rrule="FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=26",
            days=1,
        ),
        Freeze(
            id="in-tokyo",
            name="Tokyo",
            hard=True,
            regions=("apac",),
            tenants=(),
            zone=TOKYO,  # the window's own zone wins over the region's
            window=Window(
                datetime(2026, 12, 31, tzinfo=TOKYO), datetime(2027, 1, 1, tzinfo=TOKYO), TOKYO
            ),
        ),
        Freeze(
            id="half-year",
            name="Half year",
            hard=False,
            regions=("uk", "apac"),
            tenants=(),
            zone=LONDON,
            last_business_days=(6, 3),
        ),
    )


def test_an_unknown_region_zone_is_ft107_and_the_region_falls_back_to_utc(
    schemas: SchemaSet,
) -> None:
    text = SMALL.replace("timezone: Australia/Sydney", "timezone: Australia/Sidney")
    convert = Converter("ftgitops.yaml")
    platform = build_platform(_document("ftgitops.yaml", text, schemas), convert)
    assert platform.regions["apac"].zone == ZoneInfo("UTC")
    assert [(f.code, f.json_path) for f in convert.findings] == [
        ("FT107", ("regions", "apac", "timezone"))
    ]


def test_a_freeze_window_that_cannot_be_placed_is_left_out_with_its_finding(
    schemas: SchemaSet,
) -> None:
    text = SMALL.replace("start: 2026-12-24T00:00", "start: 2026-03-29T01:30")  # London DST gap
    convert = Converter("ftgitops.yaml")
    platform = build_platform(_document("ftgitops.yaml", text, schemas), convert)
    assert platform.policies.freezes[0].window is None
    assert platform.policies.freezes[0].zone == LONDON
    assert [(f.code, f.json_path) for f in convert.findings] == [
        ("FT302", ("policies", "freezes", 0, "window", "start"))
    ]


def test_the_minimal_tenants_build_with_dates_and_defaults(schemas: SchemaSet) -> None:
    harbour, thames = (
        build_tenant(
            _document(
                f"tenants/{name}.yaml", (MINIMAL / "tenants" / f"{name}.yaml").read_text(), schemas
            ),
            Converter(f"tenants/{name}.yaml"),
        )
        for name in ("harbour-staffing", "thames-care")
    )
    assert harbour == Tenant(
        id="harbour-staffing",
        name="Harbour Staffing",
        region="apac",
        product="end-to-end",
        upgrade_group=1,
        account_manager="carol",
        services=(),
        environments={
            "production": Environment("production", date(2025, 6, 2), False, None),
            "uat": Environment("uat", date(2025, 3, 3), False, date(2025, 7, 1)),
            "training": Environment("training", date(2025, 4, 1), True, None),
        },
        subscribers=(
            Subscriber("it@harbour.example.com", "Harbour IT", ("maintenance", "incident")),
        ),
        path="tenants/harbour-staffing.yaml",
    )
    assert (thames.account_manager, thames.subscribers) == (None, ())


def test_an_environment_whose_go_live_is_not_a_day_is_left_out(schemas: SchemaSet) -> None:
    relative = "tenants/thames-care.yaml"
    text = (MINIMAL / relative).read_text().replace("2026-10-05", "2026-02-30")
    convert = Converter(relative)
    tenant = build_tenant(_document(relative, text, schemas), convert)
    assert list(tenant.environments) == ["production"]
    assert [(f.code, f.json_path) for f in convert.findings] == [
        ("FT106", ("environments", "uat", "go_live"))
    ]
