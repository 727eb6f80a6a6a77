"""Sources: a folder on disk and files in memory list and load the same data files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL

from ftgitops.load import documents
from ftgitops.load.pipeline import FileOutcome
from ftgitops.load.schemas import SchemaSet
from ftgitops.load.sources import DirectorySource, MemorySource, is_data_path, read_error

CHG = "changes/2026/CHG-2026-0001.yaml"


def _tree(root: Path) -> Path:
    """The minimal repository with files that are not data next to its data files."""
    shutil.copytree(MINIMAL, root)
    (root / "README.md").write_text("# readme\n")
    (root / "mkdocs.yml").write_text("site_name: x\n")
    (root / "changes" / "2026" / "notes.md").write_text("notes\n")
    (root / "site").mkdir()
    (root / "site" / "ftgitops.yaml").write_text("name: not the platform\n")
    (root / "tenants" / "group").mkdir()
    (root / "tenants" / "group" / "misplaced.yaml").write_text("id: misplaced\n")
    return root


def _in_memory(root: Path) -> MemorySource:
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    return MemorySource(files)


@pytest.mark.parametrize(
    ("relative", "data"),
    [
        ("ftgitops.yaml", True),
        ("tenants/a.yaml", True),
        ("tenants/a.yml", True),
        ("tenants/group/a.yaml", True),  # listed, then refused as misplaced (FT011)
        ("changes/2026/CHG-2026-0001.yaml", True),
        ("changes/notes.yaml", True),
        ("ftgitops.yml", False),
        ("site/ftgitops.yaml", False),
        ("tenants/a.json", False),
        ("tenantsx/a.yaml", False),
        ("notes/a.yaml", False),
        ("README.md", False),
    ],
)
def test_is_data_path(relative: str, data: bool) -> None:
    assert is_data_path(relative) is data


def test_is_data_path_says_what_discover_lists(tmp_path: Path) -> None:
    root = _tree(tmp_path / "repo")
    every_file = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert [p for p in every_file if is_data_path(p)] == documents.discover(root)


def test_directory_and_memory_sources_list_the_same_paths(tmp_path: Path) -> None:
    root = _tree(tmp_path / "repo")
    assert (
        DirectorySource(root).paths()
        == _in_memory(root).paths()
        == [
            "changes/2026/CHG-2026-0001.yaml",
            "changes/2026/INC-2026-0001.yaml",
            "changes/2026/MNT-2026-0001.yaml",
            "changes/2026/REL-2026-0001.yaml",
            "ftgitops.yaml",
            "tenants/group/misplaced.yaml",
            "tenants/harbour-staffing.yaml",
            "tenants/thames-care.yaml",
        ]
    )


def test_directory_and_memory_sources_give_the_same_outcomes(
    tmp_path: Path, schemas: SchemaSet
) -> None:
    root = _tree(tmp_path / "repo")
    (root / CHG).write_text((root / CHG).read_text().replace("title:", "titel:"))
    on_disk, in_memory = DirectorySource(root), _in_memory(root)
    outcomes = {p: on_disk.outcome(p, schemas) for p in on_disk.paths()}
    assert outcomes == {p: in_memory.outcome(p, schemas) for p in in_memory.paths()}
    assert [p for p, o in outcomes.items() if not o.valid] == [CHG, "tenants/group/misplaced.yaml"]
    assert [f.code for f in outcomes[CHG].schema_findings or ()] == ["FT103", "FT102"]
    assert [f.code for f in outcomes["tenants/group/misplaced.yaml"].parse_findings] == ["FT011"]


def test_an_outcome_holds_the_document_and_no_findings_for_a_valid_file(
    schemas: SchemaSet,
) -> None:
    source = MemorySource({CHG: (MINIMAL / CHG).read_bytes()})
    outcome = source.outcome(CHG, schemas)
    assert outcome.valid
    assert (outcome.parse_findings, outcome.schema_findings) == ((), ())
    assert outcome.document is not None
    assert (outcome.document.path, outcome.document.kind) == (CHG, "change")
    assert outcome.document.data["id"] == "CHG-2026-0001"


def test_a_dangling_symlink_is_listed_and_is_ft012(tmp_path: Path, schemas: SchemaSet) -> None:
    root = shutil.copytree(MINIMAL, tmp_path / "repo")
    link = root / "changes" / "2026" / "CHG-2026-0002.yaml"
    link.symlink_to(root / "does-not-exist.yaml")
    source = DirectorySource(root)
    assert "changes/2026/CHG-2026-0002.yaml" in source.paths()
    outcome = source.outcome("changes/2026/CHG-2026-0002.yaml", schemas)
    assert outcome == FileOutcome(None, outcome.parse_findings, ())
    assert not outcome.valid
    assert [f.format() for f in outcome.parse_findings] == [
        "changes/2026/CHG-2026-0002.yaml:1:1: error[FT012]: not a regular file but a symbolic "
        "link (never followed): replace it with what it points to"
    ]


def test_a_directory_named_like_a_data_file_is_listed_and_is_ft013(tmp_path: Path) -> None:
    root = shutil.copytree(MINIMAL, tmp_path / "repo")
    (root / "changes" / "2026" / "CHG-2026-0002.yaml").mkdir()
    (root / "changes" / "2026" / "CHG-2026-0002.yaml" / "CHG-2026-0003.yaml").write_text("a: 1\n")
    source = DirectorySource(root)
    assert "changes/2026/CHG-2026-0002.yaml" in source.paths()
    assert "changes/2026/CHG-2026-0002.yaml/CHG-2026-0003.yaml" not in source.paths()
    document, findings = source.parse("changes/2026/CHG-2026-0002.yaml")
    assert document is None
    assert [f.format() for f in findings] == [
        "changes/2026/CHG-2026-0002.yaml:1:1: error[FT013]: a folder named like a data file "
        "(nothing in it is read): rename it"
    ]


def test_a_path_the_listing_left_out_is_still_read_only_if_regular(tmp_path: Path) -> None:
    """A path named on the command line, or an entry that changed since the listing."""
    root = shutil.copytree(MINIMAL, tmp_path / "repo")
    source = DirectorySource(root)
    source.paths()
    (root / "notes").mkdir()
    os.mkfifo(root / "notes" / "pipe.yaml")
    (root / "notes" / "folder.yaml").mkdir()
    assert [f.code for f in source.parse("notes/pipe.yaml")[1]] == ["FT012"]
    assert [f.code for f in source.parse("notes/folder.yaml")[1]] == ["FT013"]


def test_memory_source_lists_misnamed_paths_as_a_git_tree_does() -> None:
    source = MemorySource(
        {
            "tenants/a.YAML": b"id: a\n",
            "changes/2026/CHG-2026-0002.yaml/notes.txt": b"x",
            "changes/2026/CHG-2026-0003.yaml": b"id: x\n",
        }
    )
    assert source.paths() == [
        "changes/2026/CHG-2026-0002.yaml",
        "changes/2026/CHG-2026-0003.yaml",
        "tenants/a.YAML",
    ]
    assert [f.code for f in source.parse("tenants/a.YAML")[1]] == ["FT013"]
    assert [f.code for f in source.parse("changes/2026/CHG-2026-0002.yaml")[1]] == ["FT013"]


def test_a_missing_file_reads_as_ft001_in_the_same_words_on_disk_and_in_memory(
    tmp_path: Path,
) -> None:
    missing = "tenants/nobody.yaml"
    on_disk = DirectorySource(tmp_path).parse(missing)
    in_memory = MemorySource({}).parse(missing)
    assert on_disk == in_memory
    assert [f.format() for f in in_memory[1]] == [
        "tenants/nobody.yaml:1:1: error[FT001]: cannot read the file: No such file or directory"
    ]
    with pytest.raises(FileNotFoundError):
        MemorySource({}).read(missing)


def test_memory_source_reads_the_bytes_it_was_given() -> None:
    source = MemorySource({"tenants/a.yaml": b"id: a\n", "notes.txt": b"x"})
    assert source.paths() == ["tenants/a.yaml"]
    assert source.read("tenants/a.yaml") == b"id: a\n"
    assert source.read("notes.txt") == b"x"  # left out of the listing, but readable


def test_platform_only_lists_just_the_platform_file(tmp_path: Path) -> None:
    root = _tree(tmp_path / "repo")
    assert DirectorySource(root, platform_only=True).paths() == ["ftgitops.yaml"]
    (root / "ftgitops.yaml").unlink()
    assert DirectorySource(root, platform_only=True).paths() == []


def test_read_error_is_ft001_with_the_reason() -> None:
    denied = read_error("ftgitops.yaml", PermissionError(13, "Permission denied"))
    assert (
        denied.format()
        == "ftgitops.yaml:1:1: error[FT001]: cannot read the file: Permission denied"
    )
    bare = read_error("ftgitops.yaml", OSError("disk on fire"))
    assert bare.message == "cannot read the file: disk on fire"
