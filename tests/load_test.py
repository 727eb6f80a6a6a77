"""load() and load_directory(): every data file parsed, checked and built, in one pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL, copy_minimal

from ftgitops.errors import FtgitopsError
from ftgitops.load import DirectorySource, MemorySource, load, load_directory
from ftgitops.load.schemas import SchemaSet

PATHS = [
    "changes/2026/CHG-2026-0001.yaml",
    "changes/2026/INC-2026-0001.yaml",
    "changes/2026/MNT-2026-0001.yaml",
    "changes/2026/REL-2026-0001.yaml",
    "ftgitops.yaml",
    "tenants/harbour-staffing.yaml",
    "tenants/thames-care.yaml",
]


def test_the_minimal_repository_loads_with_no_findings() -> None:
    loaded = load_directory(MINIMAL)
    assert loaded.findings == ()
    assert [d.path for d in loaded.parsed] == PATHS
    assert loaded.valid == loaded.parsed
    assert isinstance(loaded.source, DirectorySource)
    assert loaded.model is not None
    assert loaded.model.platform.name == "Minimal Platform"
    assert list(loaded.model.tenants) == ["harbour-staffing", "thames-care"]
    assert list(loaded.model.items) == [
        "CHG-2026-0001",
        "INC-2026-0001",
        "MNT-2026-0001",
        "REL-2026-0001",
    ]


def test_loading_from_memory_gives_what_loading_from_the_folder_gives(
    schemas: SchemaSet,
) -> None:
    files = {
        p.relative_to(MINIMAL).as_posix(): p.read_bytes() for p in MINIMAL.rglob("*") if p.is_file()
    }
    in_memory = load(MemorySource(files), schemas)
    on_disk = load_directory(MINIMAL, schemas)
    assert in_memory.parsed == on_disk.parsed
    assert in_memory.findings == on_disk.findings == ()
    assert in_memory.model == on_disk.model


def test_every_problem_in_every_file_is_collected_in_one_pass(
    repo: Path, schemas: SchemaSet
) -> None:
    thames = repo / "tenants" / "thames-care.yaml"
    thames.write_text(thames.read_text().split("\n", 1)[1])  # no schema line: a warning
    change = repo / "changes" / "2026" / "CHG-2026-0001.yaml"
    change.write_text(change.read_text().replace("title:", "titel:"))
    release = repo / "changes" / "2026" / "REL-2026-0001.yaml"
    release.write_text(release.read_text().replace("2026-12-01T20:00", "2026-10-04T02:30"))
    (repo / "tenants" / "broken.yaml").write_text("a: [1\n")
    loaded = load_directory(repo, schemas)
    assert [(f.code, f.file) for f in loaded.findings] == [
        ("FT004", "tenants/broken.yaml"),  # what stops a file from parsing, first
        ("FT010", "tenants/thames-care.yaml"),
        ("FT103", "changes/2026/CHG-2026-0001.yaml"),  # then schema problems
        ("FT102", "changes/2026/CHG-2026-0001.yaml"),
        ("FT302", "changes/2026/REL-2026-0001.yaml"),  # then times that cannot be placed
    ]
    assert loaded.model is not None
    assert list(loaded.model.items) == ["INC-2026-0001", "MNT-2026-0001"]
    assert "tenants/thames-care.yaml" in {d.path for d in loaded.valid}  # a warning only


def test_extra_paths_are_loaded_too(repo: Path, schemas: SchemaSet) -> None:
    notes = repo / "notes"
    notes.mkdir()
    (notes / "CHG-2026-0002.yaml").write_bytes(
        (MINIMAL / "changes" / "2026" / "CHG-2026-0001.yaml").read_bytes()
    )
    extra = ["notes/CHG-2026-0002.yaml", "ftgitops.yaml", "tenants/gone.yaml"]
    loaded = load_directory(repo, schemas, extra)
    assert [d.path for d in loaded.parsed] == PATHS  # the listed platform file once
    assert [f.format() for f in loaded.findings] == [
        "notes/CHG-2026-0002.yaml:1:1: error[FT011]: not a data file: expected ftgitops.yaml, "
        "tenants/<id>.yaml or changes/<year>/<CHG|REL|MNT|INC>-<year>-<nnnn>.yaml",
        "tenants/gone.yaml:1:1: error[FT001]: cannot read the file: No such file or directory",
    ]


def test_load_directory_needs_the_platform_file(tmp_path: Path) -> None:
    (tmp_path / "tenants").mkdir()
    with pytest.raises(FtgitopsError) as raised:
        load_directory(tmp_path)
    assert str(raised.value) == (
        f"no ftgitops.yaml in {tmp_path}: run inside a change repository or pass --root"
    )


def test_platform_only_loads_just_the_platform(tmp_path: Path, schemas: SchemaSet) -> None:
    root = copy_minimal(tmp_path / "repo")
    (root / "tenants" / "broken.yaml").write_text("a: [1\n")
    loaded = load_directory(root, schemas, platform_only=True)
    assert [d.path for d in loaded.parsed] == ["ftgitops.yaml"]
    assert loaded.findings == ()
    assert loaded.model is not None
    assert (dict(loaded.model.tenants), dict(loaded.model.items)) == ({}, {})
    assert loaded.platform_model().platform.name == "Minimal Platform"
