"""The schemas themselves: valid draft 2020-12, closed objects, every property described."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from ftgitops.load.schemas import KINDS, load_schema_documents

DOCUMENTS = load_schema_documents()


def _objects(node: Any, at: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every sub-schema that declares properties, with where it is."""
    if isinstance(node, dict):
        if "properties" in node:
            yield at, node
        for key, child in node.items():
            yield from _objects(child, f"{at}/{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _objects(child, f"{at}/{index}")


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_schema_is_valid_draft_2020_12_with_an_id(name: str) -> None:
    schema = DOCUMENTS[name]
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("/" + name)
    assert schema.get("description")


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_object_is_closed_and_every_property_described(name: str) -> None:
    undescribed, open_objects = [], []
    objects = list(_objects(DOCUMENTS[name], "#"))
    assert objects  # every schema declares fields somewhere
    for at, node in objects:
        if node.get("additionalProperties") is not False:
            open_objects.append(at)
        undescribed += [
            f"{at}/{key}" for key, prop in node["properties"].items() if not prop.get("description")
        ]
    assert open_objects == []
    assert undescribed == []


def test_every_file_kind_has_a_schema() -> None:
    assert {f"{kind}.schema.json" for kind in KINDS} <= set(DOCUMENTS)


def test_confidential_marks_cover_what_must_never_be_public() -> None:
    """The site's filter is generic: it drops what the schemas mark, so the marks must be there."""
    marked = {
        (name, at.rsplit("/", 1)[-1])
        for name, document in DOCUMENTS.items()
        for at, node in _objects(document, "#")
        for at in [
            f"{at}/{key}" for key, prop in node["properties"].items() if prop.get("x-confidential")
        ]
    }
    for expected in [
        ("tenant.schema.json", "name"),
        ("tenant.schema.json", "subscribers"),
        ("change.schema.json", "description"),
        ("change.schema.json", "implementers"),
        ("incident.schema.json", "postmortem"),
        ("incident.schema.json", "tenants"),
        ("maintenance.schema.json", "tenants"),
        ("platform.schema.json", "people"),
        ("platform.schema.json", "notifications"),
    ]:
        assert expected in marked
    common = DOCUMENTS["common.schema.json"]["$defs"]
    assert all(common[name]["x-confidential"] for name in ("risk", "rollback", "person"))
