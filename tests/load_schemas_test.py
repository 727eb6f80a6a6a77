"""The schemas: valid draft 2020-12, closed objects, every property described; and the
compiled SchemaSet that checks files against them and explains each problem."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from conftest import MINIMAL

from ftgitops.load import documents
from ftgitops.load.schemas import KINDS, SchemaSet, load_schema_documents
from ftgitops.load.yamlload import load_mapping

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


# The compiled SchemaSet: a fast yes, and for a file that fails, each problem explained.
CHANGE = "changes/2026/CHG-2026-0001.yaml"
TENANT = "tenants/thames-care.yaml"


def _data(relative: str, old: str = "", new: str = "") -> dict[str, Any]:
    """A file of tests/fixtures/minimal, parsed, with `old` replaced by `new`."""
    text = (MINIMAL / relative).read_text(encoding="utf-8")
    assert old in text
    return load_mapping(text.replace(old, new, 1).encode())


@pytest.mark.parametrize("relative", sorted(documents.discover(MINIMAL)))
def test_every_file_of_the_minimal_repository_is_valid(schemas: SchemaSet, relative: str) -> None:
    kind = documents.kind_of(relative)
    assert kind is not None
    assert schemas.is_valid(kind, _data(relative))
    assert schemas.problems(kind, _data(relative)) == []


@pytest.mark.parametrize(
    ("relative", "old", "new", "expected"),
    [
        (
            CHANGE,
            "title: Patch",
            "titel: Patch",
            [
                ("FT103", "unknown field 'titel'; did you mean 'title'?", ("titel",)),
                ("FT102", "the field 'title' is required", ()),
            ],
        ),
        (
            CHANGE,
            "  tz: Australia/Sydney\n",
            "  tz: Australia/Sydney\n  zone: UTC\n",
            [("FT103", "unknown field 'zone'; known fields: start, end, tz", ("window", "zone"))],
        ),
        (
            CHANGE,
            "owner: alice",
            "owner: 42",
            [
                (
                    "FT104",
                    "expected text, got a number (42): quote the value so YAML keeps it as written",
                    ("owner",),
                )
            ],
        ),
        (
            CHANGE,
            "downtime: true",
            "downtime: yes",
            [
                (
                    "FT104",
                    "expected true or false, got text ('yes'): write true or false",
                    ("impact", "downtime"),
                )
            ],
        ),
        (
            CHANGE,
            "status: completed",
            "status: complete",
            [
                (
                    "FT105",
                    "'complete' is not allowed here; allowed: draft, proposed, approved, "
                    "scheduled, in-progress, completed, failed, rolled-back, cancelled; "
                    "did you mean 'completed'?",
                    ("status",),
                )
            ],
        ),
        (
            CHANGE,
            "  tenants: all\n",
            "  tenants: everyone\n",
            [("FT105", "'everyone' is not allowed here; allowed: all", ("targets", "tenants"))],
        ),
        (
            CHANGE,
            "id: CHG-2026-0001",
            "id: CHG-26-1",
            [
                (
                    "FT101",
                    "'CHG-26-1' does not have the required form: CHG-<year>-<nnnn>; "
                    "matches the file name.",
                    ("id",),
                )
            ],
        ),
        (
            TENANT,
            "upgrade_group: 2",
            "upgrade_group: '2'",
            [("FT104", "expected a whole number, got text ('2')", ("upgrade_group",))],
        ),
        (
            "ftgitops.yaml",
            "      hard: true\n",
            "",
            [("FT102", "the field 'hard' is required", ("policies", "freezes", 0))],
        ),
    ],
)
def test_problems_explain_each_violation_with_its_code_and_path(
    schemas: SchemaSet,
    relative: str,
    old: str,
    new: str,
    expected: list[tuple[str, str, tuple[str | int, ...]]],
) -> None:
    kind = documents.kind_of(relative)
    assert kind is not None
    data = _data(relative, old, new)
    assert not schemas.is_valid(kind, data)
    assert [tuple(problem) for problem in schemas.problems(kind, data)] == expected


def test_problems_are_listed_in_path_order(schemas: SchemaSet) -> None:
    data = _data("ftgitops.yaml", "notice_days: 7", "notice_days: seven")
    del data["name"]
    assert [(p.code, p.path) for p in schemas.problems("platform", data)] == [
        ("FT102", ()),
        ("FT104", ("policies", "notice_days")),
    ]


def test_the_schema_set_holds_every_shipped_schema_by_kind() -> None:
    schemas = SchemaSet()
    assert schemas.documents == DOCUMENTS
    for kind in KINDS:
        assert schemas.schema(kind) == DOCUMENTS[f"{kind}.schema.json"]


def test_checking_a_file_leaves_the_schema_documents_as_shipped() -> None:
    schemas = SchemaSet()
    schemas.is_valid("platform", {})
    assert schemas.documents == DOCUMENTS
