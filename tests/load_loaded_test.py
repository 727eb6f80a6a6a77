"""Loaded: findings placed on their lines, and the platform model for commands that need it."""

from __future__ import annotations

import pytest
from conftest import MINIMAL

from ftgitops.errors import FtgitopsError
from ftgitops.findings import Finding
from ftgitops.load import MemorySource, load
from ftgitops.load.schemas import SchemaSet

CHG = "changes/2026/CHG-2026-0001.yaml"
FILES = {p.relative_to(MINIMAL).as_posix(): p.read_bytes() for p in MINIMAL.rglob("*.yaml")}


class CountingSource(MemorySource):
    """Files in memory that count how often each is read."""

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__(files)
        self.reads: dict[str, int] = {}

    def read(self, relative: str) -> bytes:
        self.reads[relative] = self.reads.get(relative, 0) + 1
        return super().read(relative)


def _files(**edits: tuple[str, str]) -> dict[str, bytes]:
    """The minimal repository's files; `edits` maps a short name to (old, new) text."""
    names = {"platform": "ftgitops.yaml", "change": CHG}
    files = dict(FILES)
    for name, (old, new) in edits.items():
        relative = names[name]
        assert old.encode() in files[relative]
        files[relative] = files[relative].replace(old.encode(), new.encode(), 1)
    return files


def test_locate_places_findings_on_their_lines_and_sorts_them(schemas: SchemaSet) -> None:
    files = _files(platform=("notice_days: 7", "notice_days: seven"), change=("title:", "titel:"))
    loaded = load(MemorySource(files), schemas)
    assert {(f.file, f.line, f.column) for f in loaded.findings} == {
        (CHG, 0, 0),
        ("ftgitops.yaml", 0, 0),
    }
    assert [f.format() for f in loaded.locate(loaded.findings)] == [
        f"{CHG}:2:1: error[FT102]: the field 'title' is required",
        f"{CHG}:4:1: error[FT103]: unknown field 'titel'; did you mean 'title'? ($.titel)",
        "ftgitops.yaml:44:16: error[FT104]: expected a whole number, got text ('seven') "
        "($.policies.notice_days)",
    ]


def test_locate_puts_an_unknown_field_on_its_key_and_other_findings_on_the_value(
    schemas: SchemaSet,
) -> None:
    loaded = load(MemorySource(FILES), schemas)
    unknown = Finding("FT103", "unknown field", CHG, ("window", "tz"))
    wrong = Finding("FT107", "unknown time zone", CHG, ("window", "tz"))
    assert [(f.code, f.line, f.column) for f in loaded.locate([wrong, unknown])] == [
        ("FT103", 13, 3),
        ("FT107", 13, 7),
    ]


def test_locate_keeps_findings_that_already_have_a_line(schemas: SchemaSet) -> None:
    loaded = load(MemorySource(FILES), schemas)
    placed = Finding("FT005", "duplicate key", CHG, ("window",), line=7, column=2)
    unplaced = Finding("FT101", "bad", "ftgitops.yaml", ("name",))
    assert loaded.locate([unplaced, placed]) == [placed, unplaced._replace(line=3, column=7)]


def test_locate_reads_and_composes_each_file_once(schemas: SchemaSet) -> None:
    source = CountingSource(FILES)
    loaded = load(source, schemas)
    assert source.reads[CHG] == 1  # to parse it
    findings = [Finding("FT101", "x", CHG, ("window", key)) for key in ("start", "end", "tz")]
    loaded.locate(findings)
    loaded.locate(findings)
    assert source.reads[CHG] == 2


def test_platform_model_is_the_model_when_the_platform_file_is_sound(
    schemas: SchemaSet,
) -> None:
    loaded = load(MemorySource(FILES), schemas)
    assert loaded.platform_model() is loaded.model
    assert loaded.platform_document is not None
    assert loaded.platform_document.path == "ftgitops.yaml"


def test_a_warning_on_the_platform_file_does_not_stop_platform_model(
    schemas: SchemaSet,
) -> None:
    files = _files(platform=("# yaml-language-server: $schema=schemas/platform.schema.json\n", ""))
    loaded = load(MemorySource(files), schemas)
    assert [f.code for f in loaded.findings] == ["FT010"]
    assert loaded.platform_model().platform.name == "Minimal Platform"


def test_platform_model_names_the_first_error_in_the_platform_file(schemas: SchemaSet) -> None:
    files = _files(platform=("notice_days: 7", "notice_days: seven"))
    loaded = load(MemorySource(files), schemas)
    assert loaded.model is None
    assert loaded.platform_document is None
    with pytest.raises(FtgitopsError) as raised:
        loaded.platform_model()
    assert str(raised.value) == (
        "ftgitops.yaml:44:16: error[FT104]: expected a whole number, got text ('seven') "
        "($.policies.notice_days): run `ftgitops validate` and fix ftgitops.yaml first"
    )


def test_platform_model_refuses_a_platform_whose_zone_is_unknown(schemas: SchemaSet) -> None:
    files = _files(platform=("timezone: Europe/London", "timezone: Europe/Lundon"))
    loaded = load(MemorySource(files), schemas)
    assert loaded.model is not None  # built, with UTC standing in for the unknown zone
    with pytest.raises(FtgitopsError, match=r"^ftgitops\.yaml:19:15: error\[FT107\]: "):
        loaded.platform_model()


def test_platform_model_without_a_platform_file(schemas: SchemaSet) -> None:
    files = {path: data for path, data in FILES.items() if path != "ftgitops.yaml"}
    loaded = load(MemorySource(files), schemas)
    assert (loaded.model, loaded.platform_document, loaded.findings) == (None, None, ())
    with pytest.raises(FtgitopsError) as raised:
        loaded.platform_model()
    assert str(raised.value) == "ftgitops.yaml does not load: run `ftgitops validate`"


def test_an_error_in_another_file_does_not_stop_platform_model(schemas: SchemaSet) -> None:
    loaded = load(MemorySource(_files(change=("title:", "titel:"))), schemas)
    model = loaded.platform_model()
    assert "CHG-2026-0001" not in model.items
    assert {d.path for d in loaded.parsed} - {d.path for d in loaded.valid} == {CHG}
