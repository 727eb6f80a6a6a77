"""The service dependency graph, closed transitively: what each service needs to work.

Transitive on purpose: web needs api, api needs database, so a database window takes web
down too. A cycle (already reported as FT210) cannot loop forever here.
"""

from __future__ import annotations

from collections.abc import Mapping

from ftgitops.model import Service

Closure = Mapping[str, frozenset[str]]


def dependency_closure(services: Mapping[str, Service]) -> Closure:
    """For every service, every service it depends on, directly or through others."""
    return {service_id: _needs(service_id, services) for service_id in services}


def _needs(start: str, services: Mapping[str, Service]) -> frozenset[str]:
    seen: set[str] = set()
    stack = list(services[start].depends_on)
    while stack:
        service_id = stack.pop()
        if service_id in seen or service_id == start:
            continue
        seen.add(service_id)
        known = services.get(service_id)
        if known is not None:
            stack.extend(known.depends_on)
    return frozenset(seen)


def dependents_on(base: str, services: tuple[str, ...], closure: Closure) -> tuple[str, ...]:
    """Which of `services` depend (transitively) on `base`."""
    return tuple(s for s in services if base in closure.get(s, frozenset()))
