"""Builds the typed platform and tenants from their checked documents."""

from __future__ import annotations

from datetime import time
from typing import Any
from zoneinfo import ZoneInfo

from ftgitops.load.convert import LONGEST_FREEZE, Converter
from ftgitops.load.documents import Document
from ftgitops.model import (
    OCTOPUS_ENVIRONMENTS,
    Channel,
    DeployPolicy,
    Environment,
    Freeze,
    OctopusSettings,
    Person,
    Platform,
    Policies,
    Region,
    Service,
    Site,
    Slot,
    StandardChange,
    Subscriber,
    Tenant,
    UpgradePolicy,
)

UTC_ZONE = ZoneInfo("UTC")
DEFAULT_DECOMMISSION_DAYS = 30


def build_platform(document: Document, convert: Converter) -> Platform:
    """The platform record; calendar problems go to `convert.findings`."""
    data = document.data
    regions = {rid: _region(rid, raw, convert) for rid, raw in data["regions"].items()}
    first_zone = next(iter(regions.values())).zone if regions else UTC_ZONE
    site = data.get("site", {})
    return Platform(
        name=data["name"],
        regions=regions,
        services={sid: _service(sid, raw) for sid, raw in data["services"].items()},
        roles={rid: raw["name"] for rid, raw in data["roles"].items()},
        people={pid: _person(pid, raw) for pid, raw in data["people"].items()},
        policies=_policies(data["policies"], regions, first_zone, convert),
        notifications=tuple(_channel(raw) for raw in data.get("notifications", [])),
        site_url=site.get("url"),
        support_email=site.get("support_email"),
        path=document.path,
        standard_changes={
            sid: _standard(sid, raw) for sid, raw in data.get("standard_changes", {}).items()
        },
        octopus=_octopus(data.get("octopus", {})),
    )


def _octopus(raw: dict[str, Any]) -> OctopusSettings:
    """The `octopus:` block, with the default environment names for those it leaves out."""
    defaults = OctopusSettings()
    return OctopusSettings(
        url=raw.get("url"),
        space=raw.get("space", defaults.space),
        project=raw.get("project"),
        environments={**OCTOPUS_ENVIRONMENTS, **raw.get("environments", {})},
        poll_seconds=float(raw.get("poll_seconds", defaults.poll_seconds)),
        timeout_seconds=float(raw.get("timeout_seconds", defaults.timeout_seconds)),
    )


def _standard(template_id: str, raw: dict[str, Any]) -> StandardChange:
    """A pre-approved template; `all` (or nothing said) is None: anything of that kind."""

    def listed(value: Any) -> tuple[str, ...] | None:
        return None if value in (None, "all") else tuple(value)

    approvals = raw.get("approvals")
    return StandardChange(
        id=template_id,
        name=raw["name"],
        services=listed(raw["services"]),
        category=raw.get("category"),
        regions=listed(raw.get("regions")),
        environments=listed(raw.get("environments")),
        downtime=raw.get("downtime", False),
        max_minutes=raw.get("max_minutes"),
        approvals=tuple(approvals) if approvals is not None else None,
    )


def _region(region_id: str, raw: dict[str, Any], convert: Converter) -> Region:
    at = ("regions", region_id)
    region_zone = convert.zone(raw["timezone"], (*at, "timezone"), UTC_ZONE)
    sites = {sid: Site(sid, s["name"], s["role"]) for sid, s in raw["sites"].items()}
    slots = []
    for index, s in enumerate(raw["slots"]):
        start = time.fromisoformat(s["start"])
        rule = convert.rule(s["rrule"], (*at, "slots", index, "rrule"), start)
        if rule is not None:  # a rule refused (FT311) leaves its slot out
            slots.append(Slot(s["name"], s["kind"], rule, start, s["minutes"]))
    return Region(region_id, raw["name"], region_zone, sites, tuple(slots))


def _service(service_id: str, raw: dict[str, Any]) -> Service:
    return Service(
        service_id,
        raw["name"],
        raw.get("description", ""),
        tuple(raw.get("depends_on", ())),
        raw.get("public", True),
    )


def _person(person_id: str, raw: dict[str, Any]) -> Person:
    return Person(
        person_id,
        raw["name"],
        raw["email"],
        raw.get("github"),
        tuple(raw["roles"]),
        tuple(raw.get("regions", ())),
    )


def _policies(
    raw: dict[str, Any], regions: dict[str, Region], fallback: ZoneInfo, convert: Converter
) -> Policies:
    freezes = tuple(
        _freeze(index, f, regions, fallback, convert)
        for index, f in enumerate(raw.get("freezes", []))
    )
    return Policies(
        notice_days=raw["notice_days"],
        decommission_days=raw.get("decommission_days", DEFAULT_DECOMMISSION_DAYS),
        approvals={level: tuple(roles) for level, roles in raw["approvals"].items()},
        freezes=freezes,
        deploy=DeployPolicy(**raw.get("deploy", {})),
        upgrade=UpgradePolicy(**raw.get("upgrade", {})),
        dismiss_stale=raw.get("dismiss_stale", True),
        reminder_minutes=raw.get("reminder_minutes", 60),
    )


def _freeze(
    index: int,
    raw: dict[str, Any],
    regions: dict[str, Region],
    fallback: ZoneInfo,
    convert: Converter,
) -> Freeze:
    region_ids = tuple(raw.get("regions", regions))
    first = regions.get(region_ids[0]) if region_ids else None
    freeze_zone = first.zone if first else fallback
    at = ("policies", "freezes", index)
    window = None
    if "window" in raw:
        window = convert.window(raw["window"], (*at, "window"), freeze_zone, LONGEST_FREEZE)
        freeze_zone = window.zone if window else freeze_zone
    rule = convert.rule(raw["rrule"], (*at, "rrule")) if "rrule" in raw else None
    last = raw.get("last_business_days")
    return Freeze(
        id=raw["id"],
        name=raw["name"],
        hard=raw["hard"],
        regions=region_ids,
        tenants=tuple(raw.get("tenants", ())),
        zone=freeze_zone,
        window=window,
        rrule=rule,
        days=raw.get("days"),
        last_business_days=(last["month"], last["count"]) if last else None,
        on_freeze=raw.get("on_freeze", "skip"),
    )


def _channel(raw: dict[str, Any]) -> Channel:
    return Channel(
        raw["id"],
        raw["url"],
        tuple(raw["events"]),
        tuple(raw.get("regions", ())),
        services=tuple(raw.get("services", ())),
        roles=tuple(raw.get("roles", ())),
        customers=raw.get("customers", False),
        people=raw.get("people", False),
    )


def build_tenant(document: Document, convert: Converter) -> Tenant:
    """The tenant record; calendar problems go to `convert.findings`."""
    data = document.data
    environments = {}
    for name, raw in data["environments"].items():
        at = ("environments", name)
        go_live = convert.date(raw["go_live"], (*at, "go_live"))
        gone = (
            convert.date(raw["decommissioned"], (*at, "decommissioned"))
            if "decommissioned" in raw
            else None
        )
        if go_live is not None:
            environments[name] = Environment(name, go_live, raw.get("permanent", False), gone)
    subscribers = tuple(
        Subscriber(
            s["email"], s.get("name"), tuple(s.get("events", ())), tuple(s.get("services", ()))
        )
        for s in data.get("subscribers", [])
    )
    return Tenant(
        id=data["id"],
        name=data["name"],
        region=data["region"],
        product=data["product"],
        upgrade_group=data["upgrade_group"],
        account_manager=data.get("account_manager"),
        services=tuple(data.get("services", ())),
        environments=environments,
        subscribers=subscribers,
        path=document.path,
        octopus_tenant=data.get("octopus_tenant"),
    )
