"""SourceMap: the line and column of a JSON path in a YAML file, as an editor counts them."""

from __future__ import annotations

import pytest

from ftgitops.findings import JsonPath
from ftgitops.load.positions import SourceMap

TEXT = """\
# yaml-language-server: $schema=../../schemas/change.schema.json
id: CHG-2026-0001
window:
  start: 2026-10-31T23:00
  tz: Australia/Sydney
targets:
  regions: [apac, uk]
  services:
    - web
    - api
risk: {likelihood: 2, controls: [tested on UAT]}
"""


@pytest.mark.parametrize(
    ("path", "value", "key"),
    [
        ((), (2, 1), (2, 1)),  # the top mapping starts after the comment
        (("id",), (2, 5), (2, 1)),
        (("window", "tz"), (5, 7), (5, 3)),
        (("window",), (4, 3), (3, 1)),  # a block mapping's value starts on the next line
        (("risk", "likelihood"), (11, 20), (11, 8)),  # inside a flow mapping
        (("targets", "regions", 1), (7, 19), (7, 19)),  # a list item has no key: itself
        (("targets", "services", 1), (10, 7), (10, 7)),
        (("risk", "controls", 0), (11, 34), (11, 34)),
    ],
)
def test_locate_finds_values_and_keys_in_nested_mappings_and_lists(
    path: JsonPath, value: tuple[int, int], key: tuple[int, int]
) -> None:
    source_map = SourceMap(TEXT)
    assert source_map.locate(path) == value
    assert source_map.locate(path, key=True) == key


@pytest.mark.parametrize(
    ("path", "value", "key"),
    [
        (("window", "end"), (4, 3), (3, 1)),  # a missing field: the mapping that lacks it
        (("targets", "services", 5), (9, 5), (8, 3)),  # past the end: the list
        (("targets", "regions", "apac"), (7, 12), (7, 3)),  # a name into a list
        (("nothing", "here"), (2, 1), (2, 1)),
    ],
)
def test_locate_stops_at_the_deepest_node_that_exists(
    path: JsonPath, value: tuple[int, int], key: tuple[int, int]
) -> None:
    source_map = SourceMap(TEXT)
    assert source_map.locate(path) == value
    assert source_map.locate(path, key=True) == key


@pytest.mark.parametrize("text", ["a: [1, 2\n", "a: b: c\n", ""])
def test_a_file_that_does_not_compose_answers_line_1_column_1(text: str) -> None:
    assert SourceMap(text).locate(("a",)) == (1, 1)
    assert SourceMap(text).locate(("a",), key=True) == (1, 1)


def test_duplicate_keys_and_aliases_still_compose_and_point_at_the_first() -> None:
    assert SourceMap("a: 1\na: 2\n").locate(("a",)) == (1, 4)
    assert SourceMap("a: &x 1\nb: *x\n").locate(("b",)) == (1, 4)  # the anchored node


def test_source_text_is_the_scalar_as_written() -> None:
    source_map = SourceMap("start: 2026-10-31T23:00\nslot: 23:00\ndowntime: no\nlist: [a]\n")
    assert source_map.source_text(("start",)) == "2026-10-31T23:00"
    assert source_map.source_text(("slot",)) == "23:00"
    assert source_map.source_text(("downtime",)) == "no"
    assert source_map.source_text(("list",)) is None  # not a scalar
    assert source_map.source_text(("list", 0)) == "a"
    assert source_map.source_text(()) is None
