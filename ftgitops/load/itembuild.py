"""Builds typed changes, releases, maintenance notices and incidents from checked documents."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

from ftgitops.findings import JsonPath
from ftgitops.load.convert import Converter
from ftgitops.load.documents import Document
from ftgitops.model import (
    ENVIRONMENTS,
    AnyItem,
    Change,
    Incident,
    LogEntry,
    Maintenance,
    Platform,
    Release,
    Risk,
    Rollback,
    Targets,
    Tenant,
    Update,
    Wave,
)

DEFAULT_VISIBILITY = {
    "change": "internal",
    "release": "public",
    "maintenance": "public",
    "incident": "public",
}


class Expander:
    """Expands `all` and defaults in targets against the platform and the tenants."""

    def __init__(self, platform: Platform, tenants: Mapping[str, Tenant]) -> None:
        self.platform = platform
        self.tenants = tenants

    def zone_of(self, regions: tuple[str, ...]) -> ZoneInfo:
        """The zone times are written in by default: the first known region's."""
        for region_id in (*regions, *self.platform.regions):
            if region_id in self.platform.regions:
                return self.platform.regions[region_id].zone
        return ZoneInfo("UTC")

    def regions(self, value: Any) -> tuple[str, ...]:
        return tuple(self.platform.regions) if value == "all" else tuple(value)

    def services(self, value: Any) -> tuple[str, ...]:
        return tuple(self.platform.services) if value in ("all", None) else tuple(value)

    def sites(self, value: Any, regions: tuple[str, ...]) -> tuple[str, ...]:
        if value is None:
            return ("primary",)
        if value != "all":
            return tuple(value)
        known = self.platform.regions
        return tuple(sorted({s for r in regions if r in known for s in known[r].sites}))

    def tenants_in(self, value: Any, regions: tuple[str, ...]) -> tuple[str, ...]:
        if value not in ("all", None):
            return tuple(value)
        return tuple(sorted(t.id for t in self.tenants.values() if t.region in regions))

    def targets(
        self, raw: Mapping[str, Any], default_environments: tuple[str, ...] = ENVIRONMENTS
    ) -> Targets:
        regions = self.regions(raw.get("regions", "all"))
        environments = raw.get("environments", default_environments)
        return Targets(
            regions=regions,
            sites=self.sites(raw.get("sites"), regions),
            services=self.services(raw.get("services")),
            tenants=self.tenants_in(raw.get("tenants"), regions),
            environments=ENVIRONMENTS if environments == "all" else tuple(environments),
            shared=tuple(raw.get("shared", ())),
        )


def build_item(document: Document, expand: Expander, convert: Converter) -> AnyItem | None:
    """The typed item, or None when a time in it could not be placed (see `convert.findings`)."""
    builders: dict[str, Callable[[Document, Expander, Converter], AnyItem]] = {
        "change": _change,
        "release": _release,
        "maintenance": _maintenance,
        "incident": _incident,
    }
    item = builders[document.kind](document, expand, convert)
    return item if convert.ok else None


def _common(document: Document) -> dict[str, Any]:
    data = document.data
    return {
        "id": data["id"],
        "kind": document.kind,
        "title": data["title"],
        "status": data["status"],
        "visibility": data.get("visibility", DEFAULT_VISIBILITY[document.kind]),
        "path": document.path,
        "raw": data,
    }


def _risk(raw: Mapping[str, Any] | None) -> Risk | None:
    if raw is None:
        return None
    return Risk(
        raw["likelihood"], raw["impact"], raw.get("treatment"), tuple(raw.get("controls", ()))
    )


def _rollback(raw: Mapping[str, Any] | None) -> Rollback | None:
    if raw is None:
        return None
    return Rollback(raw["plan"], raw.get("tested", False), raw.get("max_minutes"))


def _log(data: Mapping[str, Any], convert: Converter, local: ZoneInfo) -> tuple[LogEntry, ...]:
    entries = []
    for index, raw in enumerate(data.get("log", [])):
        at = convert.datetime(raw["at"], ("log", index, "at"), local)
        expires = raw.get("expires")
        if expires is not None:
            expires = convert.datetime(expires, ("log", index, "expires"), local)
        if at is not None:
            entries.append(
                LogEntry(
                    at,
                    raw["action"],
                    raw.get("by"),
                    raw.get("message"),
                    raw.get("target"),
                    raw.get("attempt"),
                    raw.get("key"),
                    raw.get("run"),
                    expires,
                    raw.get("status"),
                )
            )
    return tuple(entries)


def _updates(data: Mapping[str, Any], convert: Converter, local: ZoneInfo) -> tuple[Update, ...]:
    updates = []
    for index, raw in enumerate(data.get("updates", [])):
        at = convert.datetime(raw["at"], ("updates", index, "at"), local)
        if at is not None:
            updates.append(Update(at, raw.get("status"), raw["text"]))
    return tuple(updates)


def _override(data: Mapping[str, Any]) -> str | None:
    override = data.get("freeze_override")
    return override["reason"] if override else None


def _work(document: Document, convert: Converter, local: ZoneInfo) -> dict[str, Any]:
    """The fields changes and releases share (`model.Work`)."""
    data = document.data
    return {
        **_common(document),
        "owner": data["owner"],
        "implementers": tuple(data.get("implementers", ())),
        "risk": _risk(data["risk"]),
        "rollback": _rollback(data.get("rollback")),
        "justification": data.get("justification"),
        "freeze_override": _override(data),
        "deploy": data.get("deploy"),
        "problems": tuple(data.get("problems", ())),
        "log": _log(data, convert, local),
    }


def _change(document: Document, expand: Expander, convert: Converter) -> Change:
    data = document.data
    targets = expand.targets(data["targets"])
    window = convert.window(data["window"], ("window",), expand.zone_of(targets.regions))
    local = window.zone if window else expand.zone_of(targets.regions)
    return Change(
        **_work(document, convert, local),
        category=data["category"],
        type=data["type"],
        window=window,
        targets=targets,
        downtime=data["impact"]["downtime"],
        public_summary=data["impact"].get("public_summary"),
        related=tuple(data.get("related", ())),
    )


def _wave(
    index: int, raw: Mapping[str, Any], status: str, expand: Expander, convert: Converter
) -> Wave | None:
    window = convert.window(
        raw["window"], ("waves", index, "window"), expand.zone_of((raw["region"],))
    )
    if window is None:
        return None
    groups = tuple(raw["groups"])
    name = raw.get("name") or f"{raw['region'].upper()} group {', '.join(map(str, groups))}"
    return Wave(
        name,
        raw["region"],
        groups,
        tuple(raw["environments"]),
        window,
        raw.get("downtime", True),
        raw.get("status", status),
    )


def _release(document: Document, expand: Expander, convert: Converter) -> Release:
    data = document.data
    waves = [_wave(i, raw, data["status"], expand, convert) for i, raw in enumerate(data["waves"])]
    local = expand.zone_of(tuple(w["region"] for w in data["waves"]))
    return Release(
        **_work(document, convert, local),
        release_type=data["release_type"],
        version=str(data["version"]),
        services=tuple(data["services"]),
        notes=data["notes"],
        waves=tuple(wave for wave in waves if wave is not None),
        fixes_incidents=tuple(data.get("fixes_incidents", ())),
    )


def _maintenance(document: Document, expand: Expander, convert: Converter) -> Maintenance:
    data = document.data
    targets = expand.targets(data)
    window = convert.window(data["window"], ("window",), expand.zone_of(targets.regions))
    local = window.zone if window else expand.zone_of(targets.regions)
    return Maintenance(
        **_common(document),
        owner=data["owner"],
        published=convert.datetime(data["published"], ("published",), local),
        window=window,
        targets=targets,
        downtime=data["downtime"],
        public_text=data["public_text"],
        changes=tuple(data.get("changes", ())),
        updates=_updates(data, convert, local),
    )


def _incident(document: Document, expand: Expander, convert: Converter) -> Incident:
    data = document.data
    targets = expand.targets(data, default_environments=("production",))
    local = expand.zone_of(targets.regions)
    if "tz" in data:
        local = convert.zone(data["tz"], ("tz",), local)
    security = data.get("security", False)
    common = _common(document)
    if security:
        common["visibility"] = "internal"
    at: JsonPath = ("resolved",)
    return Incident(
        **common,
        severity=data["severity"],
        security=security,
        started=convert.datetime(data["started"], ("started",), local),
        resolved=convert.datetime(data["resolved"], at, local) if "resolved" in data else None,
        zone=local,
        targets=targets,
        impact=data["impact"],
        owner=data.get("owner"),
        caused_by=data.get("caused_by"),
        updates=_updates(data, convert, local),
        postmortem=data.get("postmortem"),
        public_postmortem=_public_postmortem(data, convert, local),
    )


def _public_postmortem(
    data: Mapping[str, Any], convert: Converter, local: ZoneInfo
) -> Update | None:
    raw = data.get("public_postmortem")
    if raw is None:
        return None
    at = convert.datetime(raw["published"], ("public_postmortem", "published"), local)
    return Update(at, "postmortem", raw["text"]) if at is not None else None
