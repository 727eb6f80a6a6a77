"""A JSON Schema of Statuspage's public v2 API (`/api/v2/*.json`), written from Statuspage's
published API documentation (and the same shape as documented by status pages that serve it,
such as MongoDB's cloud status): the page, components (groups with their `components`),
incidents and scheduled maintenances with their `incident_updates`, and the status indicator.
Fields Statuspage documents as required are required here; extra fields are allowed, as
Statuspage adds some (`postmortem_body`, `reminder_intervals`) that clients ignore."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import jsonschema

STAMP = {"type": "string", "format": "date-time", "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"}
NULLABLE_STAMP = {"anyOf": [STAMP, {"type": "null"}]}
URL = {"type": "string", "format": "uri", "pattern": "^https?://"}
COMPONENT_STATUS = [
    "operational",
    "degraded_performance",
    "partial_outage",
    "major_outage",
    "under_maintenance",
]
INCIDENT_STATUS = ["investigating", "identified", "monitoring", "resolved", "postmortem"]
MAINTENANCE_STATUS = ["scheduled", "in_progress", "verifying", "completed"]

DEFS: dict[str, Any] = {
    "page": {
        "type": "object",
        "required": ["id", "name", "url", "time_zone", "updated_at"],
        "properties": {
            "id": {"type": "string", "minLength": 1},
            "name": {"type": "string"},
            "url": URL,
            "time_zone": {"type": "string"},
            "updated_at": STAMP,
        },
    },
    "component": {
        "type": "object",
        "required": [
            "id",
            "name",
            "status",
            "created_at",
            "updated_at",
            "position",
            "description",
            "showcase",
            "start_date",
            "group_id",
            "page_id",
            "group",
            "only_show_if_degraded",
        ],
        "properties": {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "status": {"enum": COMPONENT_STATUS},
            "created_at": STAMP,
            "updated_at": STAMP,
            "position": {"type": "integer"},
            "description": {"type": ["string", "null"]},
            "showcase": {"type": "boolean"},
            "start_date": {"type": ["string", "null"]},
            "group_id": {"type": ["string", "null"]},
            "page_id": {"type": "string"},
            "group": {"type": "boolean"},
            "only_show_if_degraded": {"type": "boolean"},
            "components": {"type": "array", "items": {"type": "string"}},
        },
        "if": {"properties": {"group": {"const": True}}},
        "then": {"required": ["components"], "properties": {"group_id": {"type": "null"}}},
        "else": {"properties": {"group_id": {"type": "string"}}},
    },
    "update": {
        "type": "object",
        "required": [
            "id",
            "status",
            "body",
            "incident_id",
            "created_at",
            "updated_at",
            "display_at",
            "affected_components",
            "deliver_notifications",
        ],
        "properties": {
            "id": {"type": "string"},
            "status": {"enum": [*INCIDENT_STATUS, *MAINTENANCE_STATUS]},
            "body": {"type": "string", "minLength": 1},
            "incident_id": {"type": "string"},
            "created_at": STAMP,
            "updated_at": STAMP,
            "display_at": STAMP,
            "affected_components": {"type": ["array", "null"]},
            "deliver_notifications": {"type": "boolean"},
        },
    },
    "affected": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["id", "name"],
            "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
        },
    },
    "event": {
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
            "started_at",
            "page_id",
            "incident_updates",
            "components",
        ],
        "properties": {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "status": {"type": "string"},
            "created_at": STAMP,
            "updated_at": STAMP,
            "monitoring_at": NULLABLE_STAMP,
            "resolved_at": NULLABLE_STAMP,
            "impact": {"enum": ["none", "minor", "major", "critical", "maintenance"]},
            "shortlink": URL,
            "started_at": STAMP,
            "page_id": {"type": "string"},
            "incident_updates": {"type": "array", "items": {"$ref": "#/$defs/update"}},
            "components": {"$ref": "#/$defs/affected"},
        },
    },
    "incident": {
        "allOf": [
            {"$ref": "#/$defs/event"},
            {
                "properties": {
                    "status": {"enum": INCIDENT_STATUS},
                    "impact": {"enum": ["none", "minor", "major", "critical"]},
                },
            },
        ]
    },
    "maintenance": {
        "allOf": [
            {"$ref": "#/$defs/event"},
            {
                "required": ["scheduled_for", "scheduled_until"],
                "properties": {
                    "status": {"enum": MAINTENANCE_STATUS},
                    "impact": {"const": "maintenance"},
                    "scheduled_for": STAMP,
                    "scheduled_until": STAMP,
                    "incident_updates": {"minItems": 1},
                },
            },
        ]
    },
    "status": {
        "type": "object",
        "required": ["indicator", "description"],
        "properties": {
            "indicator": {"enum": ["none", "minor", "major", "critical", "maintenance"]},
            "description": {"type": "string"},
        },
    },
}


def _list(kind: str) -> dict[str, Any]:
    return {"type": "array", "items": {"$ref": f"#/$defs/{kind}"}}


def _endpoint(**parts: dict[str, Any]) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": DEFS,
        "type": "object",
        "required": ["page", *parts],
        "properties": {"page": {"$ref": "#/$defs/page"}, **parts},
    }


def _maintenances(status: list[str]) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"$ref": "#/$defs/maintenance", "properties": {"status": {"enum": status}}},
    }


# Each of Statuspage's eight public endpoints, with the states each may hold.
ENDPOINTS: dict[str, dict[str, Any]] = {
    "summary.json": _endpoint(
        components=_list("component"),
        incidents={
            "type": "array",
            "items": {
                "$ref": "#/$defs/incident",
                "properties": {"status": {"enum": INCIDENT_STATUS[:3]}},
            },
        },
        scheduled_maintenances=_maintenances(["scheduled", "in_progress", "verifying"]),
        status={"$ref": "#/$defs/status"},
    ),
    "status.json": _endpoint(status={"$ref": "#/$defs/status"}),
    "components.json": _endpoint(components=_list("component")),
    "incidents.json": _endpoint(incidents={**_list("incident"), "maxItems": 50}),
    "incidents/unresolved.json": _endpoint(
        incidents={
            "type": "array",
            "items": {
                "$ref": "#/$defs/incident",
                "properties": {"status": {"enum": INCIDENT_STATUS[:3]}},
            },
        }
    ),
    "scheduled-maintenances.json": _endpoint(
        scheduled_maintenances={**_maintenances(MAINTENANCE_STATUS), "maxItems": 50}
    ),
    "scheduled-maintenances/upcoming.json": _endpoint(
        scheduled_maintenances=_maintenances(["scheduled"])
    ),
    "scheduled-maintenances/active.json": _endpoint(
        scheduled_maintenances=_maintenances(["in_progress", "verifying"])
    ),
}


def format_checker() -> jsonschema.FormatChecker:
    """`date-time` and `uri` checked without optional packages: a real instant, an absolute
    http(s) URL with a host."""
    checker = jsonschema.FormatChecker(formats=())

    @checker.checks("date-time", raises=ValueError)
    def date_time(value: object) -> bool:
        return not isinstance(value, str) or datetime.fromisoformat(value).tzinfo is not None

    @checker.checks("uri")
    def uri(value: object) -> bool:
        parts = urlsplit(value) if isinstance(value, str) else None
        return parts is None or bool(parts.scheme in ("http", "https") and parts.netloc)

    return checker


def validate(endpoint: str, data: object) -> None:
    """Raises `jsonschema.ValidationError` (the best match) unless `data` has the shape."""
    schema = ENDPOINTS[endpoint]
    validator = jsonschema.Draft202012Validator(schema, format_checker=format_checker())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        raise error
