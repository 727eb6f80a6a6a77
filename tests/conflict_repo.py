"""Builds small change repositories for the conflict and risk tests from the conflicts fixture."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from ftgitops.load.schemas import SchemaSet
from ftgitops.model import Model
from ftgitops.validate import validate

FIXTURE = Path(__file__).parent / "fixtures" / "conflicts"
TODAY = datetime(2026, 11, 21, tzinfo=UTC)
Doc = tuple[str, dict[str, Any]]


def change(item_id: str, start: str, end: str, **fields: Any) -> Doc:
    """A scheduled change on the APAC production database unless `fields` say otherwise.

    `fields` may name targets (`regions`, `services`...), `tz`, `downtime`, `likelihood`,
    `impact`, and any other change field as written (`implementers`, `freeze_override`...).
    """
    targets = {
        "regions": fields.pop("regions", ["apac"]),
        "sites": fields.pop("sites", ["primary"]),
        "services": fields.pop("services", ["database"]),
        "tenants": fields.pop("tenants", "all"),
        "environments": fields.pop("environments", ["production"]),
    }
    if "shared" in fields:
        targets["shared"] = fields.pop("shared")
    window = {"start": start, "end": end, **({"tz": fields.pop("tz")} if "tz" in fields else {})}
    data = {
        "id": item_id,
        "kind": "change",
        "title": f"Work {item_id}",
        "category": fields.pop("category", "infrastructure"),
        "type": fields.pop("type", "normal"),
        "status": fields.pop("status", "scheduled"),
        "owner": "alice",
        "window": window,
        "targets": targets,
        "impact": {"downtime": fields.pop("downtime", True)},
        "risk": {"likelihood": fields.pop("likelihood", 2), "impact": fields.pop("impact", 2)},
        "rollback": fields.pop("rollback", {"plan": "Undo it.", "tested": True}),
        **fields,
    }
    return f"changes/{item_id[4:8]}/{item_id}.yaml", data


def notice(item_id: str, start: str, end: str, published: str, **fields: Any) -> Doc:
    """A public APAC maintenance notice for every service."""
    data = {
        "id": item_id,
        "kind": "maintenance",
        "title": f"Maintenance {item_id}",
        "status": "scheduled",
        "owner": "bob",
        "published": published,
        "window": {"start": start, "end": end},
        "regions": fields.pop("regions", ["apac"]),
        "services": "all",
        "environments": ["production", "uat"],
        "downtime": True,
        "public_text": "The service will be unavailable.",
        **fields,
    }
    return f"changes/{item_id[4:8]}/{item_id}.yaml", data


def wave(
    region: str, groups: list[int], environments: list[str], start: str, end: str
) -> dict[str, Any]:
    return {
        "region": region,
        "groups": groups,
        "environments": environments,
        "downtime": False,
        "window": {"start": start, "end": end},
    }


def release(item_id: str, waves: list[dict[str, Any]], **fields: Any) -> Doc:
    """A scheduled service patch of the web application rolled out in `waves`."""
    data = {
        "id": item_id,
        "kind": "release",
        "title": f"Release {item_id}",
        "release_type": fields.pop("release_type", "service-patch"),
        "version": "2027.1.1",
        "status": "scheduled",
        "owner": "dave",
        "implementers": fields.pop("implementers", ["bob"]),
        "services": ["web"],
        "notes": {"summary": "Fixes."},
        "waves": waves,
        "risk": {"likelihood": 1, "impact": 2},
        "rollback": {"plan": "Redeploy the last version.", "tested": True},
        **fields,
    }
    return f"changes/{item_id[4:8]}/{item_id}.yaml", data


def write(root: Path, *docs: Doc) -> None:
    """Write each document with its schema line, as an author would."""
    for relative, data in docs:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        kind = data["kind"]
        header = f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n"
        path.write_text(header + yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def make_repo(tmp_path: Path, *docs: Doc) -> Path:
    """A copy of the fixture with the documents added."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    write(root, *docs)
    return root


def load(tmp_path: Path, *docs: Doc) -> Model:
    """The model of the fixture plus the documents; fails if any file is not valid input."""
    result = validate(make_repo(tmp_path, *docs), TODAY, SchemaSet())
    bad = [f.format() for f in result.findings if not f.code.startswith(("FT4", "FT306"))]
    assert bad == []
    assert result.model is not None
    return result.model
