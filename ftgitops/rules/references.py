"""The reference layer: every id a file names exists, and every file's id fits its place.

Works on the raw documents, so each finding points at the exact list entry that is wrong.
"""

from __future__ import annotations

from collections.abc import Container, Iterator, Mapping
from pathlib import PurePosixPath
from typing import Any, NamedTuple

from ftgitops.findings import Finding, JsonPath
from ftgitops.load import Loaded
from ftgitops.load.documents import Document

Pattern = tuple[str, ...]


class Known(NamedTuple):
    """The ids a reference may name, by reference type."""

    people: frozenset[str]
    roles: frozenset[str]
    regions: Mapping[str, frozenset[str]]
    services: frozenset[str]
    tenants: Mapping[str, str]
    items: Mapping[str, str]


_WHAT = {
    "person": ("FT201", "person", "people in ftgitops.yaml"),
    "role": ("FT209", "role", "roles in ftgitops.yaml"),
    "region": ("FT204", "region", "regions in ftgitops.yaml"),
    "service": ("FT203", "service", "services in ftgitops.yaml"),
    "tenant": ("FT202", "tenant", "files in tenants/"),
    "incident": ("FT206", "incident", "INC- files in changes/"),
    "work": ("FT206", "change or release", "CHG- and REL- files in changes/"),
    "item": ("FT206", "item", "files in changes/"),
}

_RULES: dict[str, tuple[tuple[Pattern, str], ...]] = {
    "platform": (
        (("people", "*", "roles", "*"), "role"),
        (("people", "*", "regions", "*"), "region"),
        (("services", "*", "depends_on", "*"), "service"),
        (("services", "*", "owners", "*"), "person"),
        (("policies", "approvals", "*", "*"), "role"),
        (("policies", "freezes", "*", "regions", "*"), "region"),
        (("policies", "freezes", "*", "tenants", "*"), "tenant"),
        (("notifications", "*", "regions", "*"), "region"),
        (("notifications", "*", "services", "*"), "service"),
        (("notifications", "*", "roles", "*"), "role"),
        (("standard_changes", "*", "regions", "*"), "region"),
        (("standard_changes", "*", "services", "*"), "service"),
        (("standard_changes", "*", "approvals", "*"), "role"),
    ),
    "tenant": (
        (("region",), "region"),
        (("account_manager",), "person"),
        (("services", "*"), "service"),
        (("subscribers", "*", "services", "*"), "service"),
    ),
    "change": (
        (("owner",), "person"),
        (("implementers", "*"), "person"),
        (("targets", "regions", "*"), "region"),
        (("targets", "services", "*"), "service"),
        (("targets", "tenants", "*"), "tenant"),
        (("problems", "*"), "incident"),
        (("related", "*"), "item"),
        (("freeze_override", "approved_by"), "person"),
    ),
    "release": (
        (("owner",), "person"),
        (("implementers", "*"), "person"),
        (("services", "*"), "service"),
        (("waves", "*", "region"), "region"),
        (("problems", "*"), "incident"),
        (("fixes_incidents", "*"), "incident"),
        (("freeze_override", "approved_by"), "person"),
    ),
    "maintenance": (
        (("owner",), "person"),
        (("regions", "*"), "region"),
        (("services", "*"), "service"),
        (("tenants", "*"), "tenant"),
        (("changes", "*"), "item"),
    ),
    "incident": (
        (("owner",), "person"),
        (("regions", "*"), "region"),
        (("services", "*"), "service"),
        (("tenants", "*"), "tenant"),
        (("caused_by",), "work"),
    ),
}


def known_ids(platform: Mapping[str, Any], documents: list[Document]) -> Known:
    """What exists, from the platform mapping and every parsed document."""
    regions = platform.get("regions", {})
    return Known(
        people=frozenset(platform.get("people", {})),
        roles=frozenset(platform.get("roles", {})),
        regions={rid: frozenset(r.get("sites", {})) for rid, r in regions.items()},
        services=frozenset(platform.get("services", {})),
        tenants={
            d.data["id"]: d.data.get("region", "")
            for d in documents
            if d.kind == "tenant" and isinstance(d.data.get("id"), str)
        },
        items={
            d.data["id"]: d.kind
            for d in documents
            if d.kind not in ("platform", "tenant") and isinstance(d.data.get("id"), str)
        },
    )


def _walk(value: Any, pattern: Pattern, at: JsonPath = ()) -> Iterator[tuple[JsonPath, Any]]:
    if not pattern:
        yield at, value
        return
    head, rest = pattern[0], pattern[1:]
    if head != "*":
        if isinstance(value, Mapping) and head in value:
            yield from _walk(value[head], rest, (*at, head))
    elif isinstance(value, Mapping):
        for key, child in value.items():
            yield from _walk(child, rest, (*at, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _walk(child, rest, (*at, index))


def _exists(what: str, value: str, known: Known) -> bool:
    pools: dict[str, Any] = {
        "person": known.people,
        "role": known.roles,
        "region": known.regions,
        "service": known.services,
        "tenant": known.tenants,
        "item": known.items,
    }
    if what == "incident":
        return known.items.get(value) == "incident"
    if what == "work":
        return known.items.get(value) in ("change", "release")
    return value in pools[what]


def check_references(document: Document, known: Known) -> list[Finding]:
    """Every unknown reference in one document, plus its id and place."""
    findings = []
    for pattern, what in _RULES[document.kind]:
        for at, value in _walk(document.data, pattern):
            if isinstance(value, str) and value != "all" and not _exists(what, value, known):
                code, noun, where = _WHAT[what]
                findings.append(
                    Finding(
                        code,
                        f"unknown {noun} {value!r}: it must be one of the {where}",
                        document.path,
                        at,
                    )
                )
    findings.extend(_check_sites(document, known))
    findings.extend(_check_identity(document))
    return findings


def _targeted_regions(document: Document, known: Known) -> tuple[tuple[str, ...], Any, JsonPath]:
    data = document.data
    holder, at = (
        (data.get("targets", {}), ("targets",)) if document.kind == "change" else (data, ())
    )
    regions = holder.get("regions", "all")
    regions = (
        tuple(known.regions)
        if regions == "all"
        else tuple(r for r in regions if r in known.regions)
    )
    return regions, holder.get("sites"), (*at, "sites")


def _check_sites(document: Document, known: Known) -> Iterator[Finding]:
    if document.kind not in ("change", "maintenance"):
        return
    regions, sites, at = _targeted_regions(document, known)
    if not isinstance(sites, list):
        return
    for index, site in enumerate(sites):
        missing = [region for region in regions if site not in known.regions[region]]
        if missing:
            names = ", ".join(missing)
            message = f"unknown site {site!r} in region {names}: see its sites in ftgitops.yaml"
            yield Finding("FT205", message, document.path, (*at, index))


def _check_identity(document: Document) -> Iterator[Finding]:
    item_id = document.data.get("id")
    if document.kind == "platform" or not isinstance(item_id, str):
        return
    path = PurePosixPath(document.path)
    if path.stem != item_id:
        yield Finding(
            "FT207",
            f"the id {item_id!r} does not match the file name {path.name!r}: rename one",
            document.path,
            ("id",),
        )
    elif document.kind != "tenant" and path.parent.name != item_id[4:8]:
        message = (
            f"the id {item_id!r} belongs in changes/{item_id[4:8]}/, not {path.parent.as_posix()}/"
        )
        yield Finding("FT207", message, document.path, ("id",))


def check_unique_ids(documents: list[Document]) -> list[Finding]:
    """An id used by two files is an error on the second."""
    first_seen: dict[str, str] = {}
    findings = []
    for document in documents:
        item_id = document.data.get("id")
        if document.kind == "platform" or not isinstance(item_id, str):
            continue
        key = f"{document.kind == 'tenant'}:{item_id}"
        if key in first_seen:
            findings.append(
                Finding(
                    "FT208",
                    f"the id {item_id!r} is already used by {first_seen[key]}",
                    document.path,
                    ("id",),
                )
            )
        else:
            first_seen[key] = document.path
    return findings


def check_service_cycles(platform: Document) -> list[Finding]:
    """A dependency cycle among services makes impact analysis meaningless."""
    services = platform.data.get("services", {})
    graph = {
        sid: [d for d in raw.get("depends_on", []) if d in services]
        for sid, raw in services.items()
    }
    state: dict[str, int] = {}
    for start in sorted(graph):
        cycle = _find_cycle(start, graph, state, [])
        if cycle:
            message = f"the services depend on each other in a cycle: {' -> '.join(cycle)}"
            return [Finding("FT210", message, platform.path, ("services", cycle[0], "depends_on"))]
    return []


def _find_cycle(
    node: str, graph: dict[str, list[str]], state: dict[str, int], trail: list[str]
) -> list[str]:
    if state.get(node) == 2:
        return []
    if state.get(node) == 1:
        return [*trail[trail.index(node) :], node]
    state[node] = 1
    for child in graph[node]:
        cycle = _find_cycle(child, graph, state, [*trail, node])
        if cycle:
            return cycle
    state[node] = 2
    return []


def reference_findings(loaded: Loaded, wanted: Container[str] | None = None) -> list[Finding]:
    """Unknown references, duplicate ids and service cycles, against every parsed file's ids.

    `wanted` limits the per-file reference check to those paths (the tree-wide checks are
    cheap and always run); `ftgitops check` uses it when only item files changed.
    """
    platform_doc = loaded.platform_document
    if loaded.model is None or platform_doc is None:
        return []
    parsed = list(loaded.parsed)
    known = known_ids(platform_doc.data, parsed)
    findings = check_service_cycles(platform_doc) + check_unique_ids(parsed)
    for document in loaded.valid:
        if wanted is None or document.path in wanted:
            findings.extend(check_references(document, known))
    return findings
