"""Data files: their kind from their place, the order they are found in, and parsing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL

from ftgitops.load import documents

SCHEMA_LINE = b"# yaml-language-server: $schema=../schemas/tenant.schema.json\n"


@pytest.mark.parametrize(
    ("relative", "kind"),
    [
        ("ftgitops.yaml", "platform"),
        ("tenants/harbour-staffing.yaml", "tenant"),
        ("tenants/harbour-staffing.yml", "tenant"),
        ("changes/2026/CHG-2026-0001.yaml", "change"),
        ("changes/2026/REL-2026-0001.yaml", "release"),
        ("changes/2026/MNT-2026-0001.yaml", "maintenance"),
        ("changes/2026/INC-2026-0001.yml", "incident"),
        ("changes/CHG-2026-0001.yaml", "change"),  # the prefix names the kind, at any depth
        ("changes/2026/old/REL-2026-0001.yaml", "release"),
        ("ftgitops.yml", None),  # the platform file has one name
        ("site/ftgitops.yaml", None),
        ("tenants/group/harbour-staffing.yaml", None),  # tenants sit directly in tenants/
        ("tenants/harbour-staffing.json", None),
        ("changes/2026/XYZ-2026-0001.yaml", None),
        ("changes/2026/CHG-2026-0001.md", None),
        ("notes/CHG-2026-0001.yaml", None),
        ("README.md", None),
        ("", None),
    ],
)
def test_kind_of_reads_the_kind_from_the_place(relative: str, kind: str | None) -> None:
    assert documents.kind_of(relative) == kind


def test_kind_prefixes_name_every_item_kind_both_ways() -> None:
    assert documents.PREFIX_KINDS == {
        "CHG": "change",
        "REL": "release",
        "MNT": "maintenance",
        "INC": "incident",
    }
    assert {kind: prefix for prefix, kind in documents.PREFIX_KINDS.items()} == (
        documents.KIND_PREFIXES
    )


def test_discover_lists_yaml_in_the_data_folders_sorted(tmp_path: Path) -> None:
    root = shutil.copytree(MINIMAL, tmp_path / "repo")
    (root / "changes" / "2025").mkdir()
    (root / "changes" / "2025" / "CHG-2025-0009.yml").write_text("a: 1\n")
    (root / "changes" / "2026" / "notes.md").write_text("not data\n")
    (root / "tenants" / "group").mkdir()
    (root / "tenants" / "group" / "misplaced.yaml").write_text("a: 1\n")
    (root / "site").mkdir()
    (root / "site" / "other.yaml").write_text("a: 1\n")
    assert documents.discover(root) == [
        "changes/2025/CHG-2025-0009.yml",
        "changes/2026/CHG-2026-0001.yaml",
        "changes/2026/INC-2026-0001.yaml",
        "changes/2026/MNT-2026-0001.yaml",
        "changes/2026/REL-2026-0001.yaml",
        "ftgitops.yaml",
        "tenants/group/misplaced.yaml",  # listed, so that parsing can say it is misplaced
        "tenants/harbour-staffing.yaml",
        "tenants/thames-care.yaml",
    ]


def test_discover_of_a_folder_without_data_is_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.yaml").write_text("a: 1\n")
    assert documents.discover(tmp_path) == []


def test_discover_lists_a_directory_named_like_the_platform_file(tmp_path: Path) -> None:
    """It is listed so that loading says what it is (FT013), not left out."""
    (tmp_path / "ftgitops.yaml").mkdir()
    (tmp_path / "tenants").mkdir()
    (tmp_path / "tenants" / "a.yaml").write_text("a: 1\n")
    assert documents.discover(tmp_path) == ["ftgitops.yaml", "tenants/a.yaml"]


@pytest.mark.parametrize(
    ("kind", "relative", "line"),
    [
        (
            "platform",
            "ftgitops.yaml",
            "# yaml-language-server: $schema=schemas/platform.schema.json",
        ),
        (
            "tenant",
            "tenants/a.yaml",
            "# yaml-language-server: $schema=../schemas/tenant.schema.json",
        ),
        (
            "change",
            "changes/2026/CHG-2026-0001.yaml",
            "# yaml-language-server: $schema=../../schemas/change.schema.json",
        ),
    ],
)
def test_schema_line_points_from_the_file_to_the_schemas_folder(
    kind: str, relative: str, line: str
) -> None:
    assert documents.schema_line_for(kind, relative) == line


def test_parse_gives_a_document_with_its_kind_and_mapping() -> None:
    document, findings = documents.parse("tenants/a.yaml", SCHEMA_LINE + b"id: a\nregion: uk\n")
    assert findings == []
    assert document == documents.Document("tenants/a.yaml", "tenant", {"id": "a", "region": "uk"})


def test_parse_refuses_a_misplaced_file_with_ft011_before_reading_it() -> None:
    document, findings = documents.parse("notes/CHG-2026-0001.yaml", b"a: [unclosed\n")
    assert document is None
    assert [f.format() for f in findings] == [
        "notes/CHG-2026-0001.yaml:1:1: error[FT011]: not a data file: expected ftgitops.yaml, "
        "tenants/<id>.yaml or changes/<year>/<CHG|REL|MNT|INC>-<year>-<nnnn>.yaml"
    ]


def test_parse_warns_ft010_when_line_1_does_not_name_the_schema() -> None:
    document, findings = documents.parse("changes/2026/CHG-2026-0001.yaml", b"id: x\n")
    assert document == documents.Document("changes/2026/CHG-2026-0001.yaml", "change", {"id": "x"})
    assert [f.format() for f in findings] == [
        "changes/2026/CHG-2026-0001.yaml:1:1: warning[FT010]: line 1 should name the schema: "
        "# yaml-language-server: $schema=../../schemas/change.schema.json"
    ]


def test_parse_asks_for_the_schema_line_on_line_1_not_further_down() -> None:
    _, findings = documents.parse(
        "tenants/a.yaml", b"# a comment first\n" + SCHEMA_LINE + b"a: 1\n"
    )
    assert [f.code for f in findings] == ["FT010"]


def test_a_byte_order_mark_before_the_schema_line_still_names_the_schema() -> None:
    _, findings = documents.parse("tenants/a.yaml", b"\xef\xbb\xbf" + SCHEMA_LINE + b"a: 1\n")
    assert findings == []


def test_parse_turns_refusals_into_findings_with_the_file_path() -> None:
    document, findings = documents.parse("changes/2026/CHG-2026-0001.yaml", b"a: 1\na: 2\n")
    assert document is None
    assert [f.format() for f in findings] == [
        "changes/2026/CHG-2026-0001.yaml:2:1: error[FT005]: "
        "duplicate key 'a': YAML would keep only the last"
    ]


def test_a_schema_line_naming_another_kinds_schema_is_ft010() -> None:
    wrong = b"# yaml-language-server: $schema=../schemas/change.schema.json\na: 1\n"
    _, findings = documents.parse("tenants/a.yaml", wrong)
    expected = "line 1 should name the schema: " + SCHEMA_LINE.decode().strip()
    assert [(f.code, f.message) for f in findings] == [("FT010", expected)]
