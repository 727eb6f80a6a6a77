"""The publication rule: which lifecycle states customers may see, for every state a schema has."""

from __future__ import annotations

from typing import Any

import pytest

from ftgitops.load.schemas import load_schema_documents
from ftgitops.rules.publication import PUBLISHED, UNPUBLISHED, HasStatus, customer_visible


class Stub:
    """Anything with a status, as an item or a wave is."""

    def __init__(self, status: str) -> None:
        self.status = status


def lifecycle_states(schema: dict[str, Any]) -> set[str]:
    """The item's own status enum and, for a release, its waves' status enum."""
    properties = schema["properties"]
    found = set(properties["status"]["enum"])
    waves = properties.get("waves", {}).get("items", {}).get("properties", {})
    return found | set(waves.get("status", {}).get("enum", ()))


def every_state() -> dict[str, set[str]]:
    documents = load_schema_documents()
    return {
        name.removesuffix(".schema.json"): lifecycle_states(schema)
        for name, schema in documents.items()
        if "status" in schema.get("properties", {})
    }


def test_every_state_in_every_schema_is_placed_once() -> None:
    states = every_state()
    assert sorted(states) == ["change", "incident", "maintenance", "release"]
    assert not PUBLISHED & UNPUBLISHED
    for kind, found in states.items():
        assert found <= PUBLISHED | UNPUBLISHED, (kind, found - PUBLISHED - UNPUBLISHED)


def test_which_states_are_hidden_by_kind() -> None:
    hidden = {
        kind: sorted(s for s in found if s in UNPUBLISHED) for kind, found in every_state().items()
    }
    assert hidden == {
        "change": ["draft", "proposed"],
        "incident": [],
        "maintenance": ["draft"],
        "release": ["draft", "proposed"],
    }


@pytest.mark.parametrize(
    ("status", "visible"),
    [
        ("draft", False),
        ("proposed", False),
        ("approved", True),
        ("scheduled", True),
        ("in-progress", True),
        ("completed", True),
        ("cancelled", True),
        ("rolled-back", True),
        ("investigating", True),
        ("resolved", True),
        ("on-hold", False),  # a state no one has decided on stays hidden
        ("", False),
    ],
)
def test_customer_visible(status: str, visible: bool) -> None:
    item: HasStatus = Stub(status)
    assert customer_visible(item) is visible
