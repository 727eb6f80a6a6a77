"""The load steps: a file's outcome, its schema check, and the model of every valid file."""

from __future__ import annotations

from conftest import MINIMAL

from ftgitops.findings import Finding
from ftgitops.load import documents
from ftgitops.load.itembuild import Expander
from ftgitops.load.pipeline import (
    Built,
    FileOutcome,
    build_fresh,
    build_model,
    schema_checked,
)
from ftgitops.load.schemas import SchemaSet

CHG = "changes/2026/CHG-2026-0001.yaml"
REL = "changes/2026/REL-2026-0001.yaml"


def _minimal(replace: dict[str, tuple[str, str]] | None = None) -> list[documents.Document]:
    """Every document of tests/fixtures/minimal, in file order, with some text replaced."""
    replace = replace or {}
    parsed = []
    for relative in documents.discover(MINIMAL):
        text = (MINIMAL / relative).read_text(encoding="utf-8")
        if relative in replace:
            old, new = replace[relative]
            assert old in text
            text = text.replace(old, new)
        document, findings = documents.parse(relative, text.encode())
        assert document is not None and findings == []
        parsed.append(document)
    return parsed


def test_an_outcome_is_valid_only_once_checked_without_findings() -> None:
    document = documents.Document(CHG, "change", {})
    finding = Finding("FT102", "the field 'id' is required", CHG)
    assert FileOutcome(document, ()).valid is False  # not checked yet
    assert FileOutcome(document, (), ()).valid is True
    assert FileOutcome(document, (), (finding,)).valid is False
    assert FileOutcome(None, (finding,), ()).valid is False


def test_schema_checked_adds_the_schema_findings_with_their_paths(schemas: SchemaSet) -> None:
    [change] = [d for d in _minimal({CHG: ("owner: alice", "owner: 7")}) if d.path == CHG]
    outcome = schema_checked(FileOutcome(change, ()), schemas)
    assert outcome.schema_findings == (
        Finding(
            "FT104",
            "expected text, got a number (7): quote the value so YAML keeps it as written",
            CHG,
            ("owner",),
        ),
    )
    assert not outcome.valid


def test_schema_checked_of_a_file_that_did_not_parse_has_no_schema_findings(
    schemas: SchemaSet,
) -> None:
    unread = FileOutcome(None, (Finding("FT004", "YAML syntax", CHG, line=1, column=1),))
    assert schema_checked(unread, schemas) == unread._replace(schema_findings=())


def test_build_model_of_the_minimal_repository() -> None:
    model, findings = build_model(_minimal())
    assert findings == []
    assert model is not None
    assert model.platform.name == "Minimal Platform"
    assert list(model.tenants) == ["harbour-staffing", "thames-care"]
    assert list(model.items) == ["CHG-2026-0001", "INC-2026-0001", "MNT-2026-0001", "REL-2026-0001"]


def test_build_model_without_a_platform_is_none() -> None:
    without = [d for d in _minimal() if d.kind != "platform"]
    assert build_model(without) == (None, [])


def test_build_model_leaves_out_an_item_whose_time_fails_and_keeps_the_rest() -> None:
    # 2026-10-04 02:00-03:00 does not exist in Sydney: the clocks go forward.
    gap = ("start: 2026-10-31T23:00", "start: 2026-10-04T02:30")
    model, findings = build_model(_minimal({CHG: gap}))
    assert model is not None
    assert list(model.items) == ["INC-2026-0001", "MNT-2026-0001", "REL-2026-0001"]
    assert [(f.code, f.file, f.json_path) for f in findings] == [
        ("FT302", CHG, ("window", "start"))
    ]


def test_a_tenant_keeps_its_place_without_the_environment_that_fails() -> None:
    thames = "tenants/thames-care.yaml"
    model, findings = build_model(_minimal({thames: ("2026-10-05", "2026-02-30")}))
    assert model is not None
    assert list(model.tenants["thames-care"].environments) == ["production"]
    assert [(f.code, f.file) for f in findings] == [("FT106", thames)]


def test_build_model_sorts_by_id_and_keeps_the_first_of_a_duplicate_id() -> None:
    parsed = _minimal()
    release = next(d for d in parsed if d.path == REL)
    copy = release._replace(path="changes/2026/REL-2026-0001-copy.yaml")
    model, _ = build_model([copy, *reversed(parsed)])
    assert model is not None
    assert list(model.items) == ["CHG-2026-0001", "INC-2026-0001", "MNT-2026-0001", "REL-2026-0001"]
    assert model.items["REL-2026-0001"].path == "changes/2026/REL-2026-0001-copy.yaml"


def test_build_model_makes_each_item_with_the_builder_it_is_given() -> None:
    built: list[str] = []

    def recording(document: documents.Document, expand: Expander) -> Built:
        built.append(document.path)
        return build_fresh(document, expand)

    model, _ = build_model(_minimal(), recording)
    assert built == [
        "changes/2026/CHG-2026-0001.yaml",
        "changes/2026/INC-2026-0001.yaml",
        "changes/2026/MNT-2026-0001.yaml",
        REL,
    ]
    assert model is not None and len(model.items) == 4
