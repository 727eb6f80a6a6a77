"""The confidentiality filter: which items an audience sees, with confidential fields dropped.

Customers (the public and a tenant) see only published items (`rules.publication`: no draft
or proposed work), so no generator of their editions meets an unpublished one.

The schemas are the truth: every property marked `"x-confidential": true` (directly or through
a `$ref`, such as every person reference) is dropped from the raw mapping and reset to its
default in the typed record, so a new confidential field needs no change here.

A tenant's edition is also scoped to the tenant (`scope_to_tenant`): its platform holds only
the tenant's region and services, and each item only the part the tenant shares (its region,
its services, the environments it has, a release's waves for its region and group), so every
page, feed, calendar and API file of that edition speaks of the tenant's components only; an
item with nothing left in scope is not shown.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from ftgitops.model import AnyItem, Model, Platform, Release, Targets, Tenant, Window
from ftgitops.rules.publication import customer_visible
from ftgitops.site.audience import Audience

Path = tuple[str, ...]
MAX_DEPTH = 8


def confidential_paths(documents: Mapping[str, dict[str, Any]]) -> dict[str, frozenset[Path]]:
    """For each file kind, the property paths marked confidential (`*` for a list item)."""
    found: dict[str, frozenset[Path]] = {}
    for name, schema in documents.items():
        kind = name.removesuffix(".schema.json")
        found[kind] = frozenset(_walk(schema, schema, documents, (), 0))
    return found


def _resolve(node: dict[str, Any], home: dict[str, Any], documents: Mapping[str, Any]) -> Any:
    """The node a `$ref` points at, and the document it lives in."""
    ref = node["$ref"]
    file, _, pointer = ref.partition("#")
    target_doc = documents[file] if file else home
    target: Any = target_doc
    for part in (p for p in pointer.split("/") if p):
        target = target[part]
    return target, target_doc


def _walk(
    node: Any, home: dict[str, Any], documents: Mapping[str, Any], path: Path, depth: int
) -> Iterator[Path]:
    if not isinstance(node, dict) or depth > MAX_DEPTH:
        return
    if node.get("x-confidential") is True and path:
        yield path
        return
    if "$ref" in node:
        target, target_home = _resolve(node, home, documents)
        yield from _walk(target, target_home, documents, path, depth + 1)
    for name, child in node.get("properties", {}).items():
        yield from _walk(child, home, documents, (*path, name), depth + 1)
    for key in ("items", "additionalProperties"):
        yield from _walk(node.get(key), home, documents, (*path, "*"), depth + 1)
    for key in ("oneOf", "anyOf", "allOf"):
        for child in node.get(key, ()):
            yield from _walk(child, home, documents, path, depth + 1)


def redact(data: Any, paths: frozenset[Path], keep_tenant: str | None = None) -> Any:
    """A copy of `data` without the confidential paths; `tenants` lists keep only `keep_tenant`."""
    return _redact(data, paths, (), keep_tenant)


def _redact(data: Any, paths: frozenset[Path], here: Path, keep: str | None) -> Any:
    if isinstance(data, Mapping):
        kept: dict[str, Any] = {}
        for key, value in data.items():
            path = (*here, str(key))
            if path not in paths:
                kept[key] = _redact(value, paths, path, keep)
            elif key == "tenants" and keep is not None:
                kept[key] = [keep] if value == "all" or keep in value else []
        return kept
    if isinstance(data, list):
        return [_redact(value, paths, (*here, "*"), keep) for value in data]
    return data


def _default(record: Any, name: str) -> Any:
    for spec in dataclasses.fields(record):
        if spec.name == name:
            if spec.default is not dataclasses.MISSING:
                return spec.default
            if spec.default_factory is not dataclasses.MISSING:
                return spec.default_factory()
    return None


def _targets(targets: Targets | None, keep: str | None) -> Targets | None:
    if targets is None:
        return None
    tenants = (keep,) if keep in targets.tenants else ()
    return dataclasses.replace(targets, tenants=tenants)


def redact_item(item: AnyItem, paths: frozenset[Path], keep: str | None) -> AnyItem:
    """The item with every confidential top-level field reset and its raw mapping redacted."""
    names = {spec.name for spec in dataclasses.fields(item)}
    changes: dict[str, Any] = {"raw": redact(item.raw, paths, keep)}
    for path in paths:
        if path[0] in names and len(path) == 1 and path[0] != "tenants":
            changes[path[0]] = _default(item, path[0])
        elif path[-1] == "tenants" and "targets" in names:
            changes["targets"] = _targets(getattr(item, "targets", None), keep)
    return dataclasses.replace(item, **changes)


def sees(item: AnyItem, audience: Audience, model: Model) -> bool:
    """Whether the audience may read the item at all: customers see only published states."""
    if audience.internal:
        return True
    if not customer_visible(item):
        return False
    if item.visibility != "public" or getattr(item, "security", False):
        return False
    if audience.tenant is None:
        return True
    return touches_tenant(item, model.tenants.get(audience.tenant))


def touches_tenant(item: AnyItem, tenant: Tenant | None) -> bool:
    """Whether the item's targets (or, for a release, its waves) include the tenant."""
    if tenant is None:
        return False
    if isinstance(item, Release):
        return any(
            w.region == tenant.region and tenant.upgrade_group in w.groups for w in item.waves
        )
    targets: Targets | None = getattr(item, "targets", None)
    return targets is not None and tenant.id in targets.tenants


def _platform(platform: Platform, tenant: Tenant | None = None) -> Platform:
    services = {key: service for key, service in platform.services.items() if service.public}
    regions = platform.regions
    if tenant is not None:
        services = {
            k: s for k, s in services.items() if not tenant.services or k in tenant.services
        }
        regions = {k: r for k, r in regions.items() if k == tenant.region}
    return dataclasses.replace(
        platform, people={}, notifications=(), services=services, regions=regions
    )


def held_environments(tenant: Tenant, at: datetime | None) -> frozenset[str]:
    """The environments the tenant had at `at` (not yet decommissioned; every one it ever
    had when `at` is None); production always: every tenant has one."""
    return frozenset(
        {"production"}
        | {
            name
            for name, env in tenant.environments.items()
            if env.decommissioned is None or at is None or env.decommissioned > at.date()
        }
    )


def _when(item: AnyItem) -> datetime | None:
    window: Window | None = getattr(item, "window", None)
    return window.start if window is not None else getattr(item, "started", None)


def _scoped_targets(
    targets: Targets, tenant: Tenant, services: frozenset[str], at: datetime | None
) -> Targets | None:
    held = held_environments(tenant, at)
    scoped = dataclasses.replace(
        targets,
        regions=tuple(r for r in targets.regions if r == tenant.region),
        services=tuple(s for s in targets.services if s in services),
        environments=tuple(e for e in targets.environments if e in held),
    )
    return scoped if scoped.regions and scoped.services and scoped.environments else None


def scope_to_tenant(item: AnyItem, tenant: Tenant, services: frozenset[str]) -> AnyItem | None:
    """The part of the item the tenant shares (see the module doc), or None when none is.
    `services` are the services the tenant's edition shows."""
    if isinstance(item, Release):
        waves = tuple(
            w
            for w in item.waves
            if w.region == tenant.region
            and tenant.upgrade_group in w.groups
            and set(w.environments) & held_environments(tenant, w.window.start)
        )
        shared = tuple(s for s in item.services if s in services)
        if not waves or not shared:
            return None
        return dataclasses.replace(item, waves=waves, services=shared)
    targets: Targets | None = getattr(item, "targets", None)
    if targets is None:
        return item
    scoped = _scoped_targets(targets, tenant, services, _when(item))
    return None if scoped is None else dataclasses.replace(item, targets=scoped)


def filter_model(model: Model, audience: Audience, paths: Mapping[str, frozenset[Path]]) -> Model:
    """The model as the audience may see it: visible items, confidential fields dropped."""
    if audience.internal:
        return model
    keep = audience.tenant
    items = {
        item_id: redact_item(item, paths.get(item.kind, frozenset()), keep)
        for item_id, item in model.items.items()
        if sees(item, audience, model)
    }
    tenants = {
        own.id: dataclasses.replace(own, subscribers=(), account_manager=None)
        for own in model.tenants.values()
        if own.id == keep
    }
    tenant = tenants.get(keep) if keep else None
    platform = _platform(model.platform, tenant)
    if tenant is not None:
        services = frozenset(platform.services)
        scoped = {key: scope_to_tenant(item, tenant, services) for key, item in items.items()}
        items = {key: item for key, item in scoped.items() if item is not None}
    return Model(platform, tenants, items)
