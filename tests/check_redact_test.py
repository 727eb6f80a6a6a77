"""Tenant ids and names in `ftgitops check` output: only with `--internal`.

The repository is tests/fixtures/minimal on `main`; the branch adds two changes that overlap
on the UK web service, so the conflict names tenant thames-care, one title names the customer,
and it edits the tenant's own file, so its path is in the report too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import MINIMAL
from gitfixture import NOW, commit, make_repo

from ftgitops.check.redact import Redactor
from ftgitops.main import main

FORMATS = ("text", "markdown", "github", "json")
TENANTS = {"thames-care": "Thames Care Agency", "harbour-staffing": "Harbour Staffing"}
CHANGE = """\
# yaml-language-server: $schema=../../schemas/change.schema.json
id: {id}
kind: change
title: {title}
category: infrastructure
type: normal
status: proposed
owner: bob
implementers: [{implementer}]
window: {{start: 2026-12-07T23:00, end: 2026-12-08T01:00}}
targets: {{regions: [uk], services: [web], environments: [uat]}}
impact: {{downtime: false}}
risk: {{likelihood: 1, impact: 2}}
"""


def _write_change(root: Path, item_id: str, title: str, implementer: str) -> None:
    text = CHANGE.format(id=item_id, title=title, implementer=implementer)
    (root / f"changes/2026/{item_id}.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def conflicted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal repository on `main`; on `feature`, a conflict over one tenant."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    root = make_repo(tmp_path / "repo", MINIMAL)
    _write_change(root, "CHG-2026-0002", "Patch web for Thames Care Agency", "bob")
    _write_change(root, "CHG-2026-0003", "Resize the UK web servers", "dave")
    tenant = root / "tenants/thames-care.yaml"
    tenant.write_text(tenant.read_text("utf-8") + "account_manager: carol\n", encoding="utf-8")
    commit(root, "feature")
    return root


def _check(capsys: pytest.CaptureFixture[str], root: Path, *extra: str) -> tuple[int, str]:
    code = main(["--root", str(root), "check", "--base", "main", "--now", NOW, *extra])
    captured = capsys.readouterr()
    assert captured.err == ""
    return code, captured.out


def _named(text: str) -> list[str]:
    """Every tenant id and name the text contains, in any case."""
    terms = [term for pair in TENANTS.items() for term in pair]
    return [term for term in terms if term.lower() in text.lower()]


@pytest.mark.parametrize("format_name", FORMATS)
def test_without_internal_no_tenant_is_named(
    format_name: str, conflicted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _check(capsys, conflicted, "--format", format_name)
    assert _named(out) == []
    assert code == 0  # a uat overlap warns
    assert "FT401" in out  # the conflict is still reported, naming the tenant by number
    assert "tenant #1 uat" in out


@pytest.mark.parametrize("format_name", FORMATS)
def test_with_internal_the_tenant_is_named(
    format_name: str, conflicted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _check(capsys, conflicted, "--format", format_name, "--internal")
    assert code == 0
    assert "tenant thames-care uat" in out
    assert "tenant #" not in out
    if format_name != "github":  # annotations carry findings only, not titles or names
        assert "Thames Care Agency" in out


def test_each_format_numbers_the_tenant_alike(
    conflicted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its own file, the conflict and the title all become `tenant #1`; nobody else is named."""
    _, out = _check(capsys, conflicted, "--format", "json")
    document = json.loads(out)
    assert {c["b_path"] for c in document["changed"]} >= {"a tenant file (tenant #1)"}
    assert {s for c in document["conflicts"] for s in c["shared"]} >= {"tenant #1 uat"}
    titles = [r["title"] for r in document["risks"]]
    assert "Patch web for tenant #1" in titles
    assert document["impact"]["tenants"] == 1
    assert "tenant_names" not in document["impact"]
    assert "tenant #2" not in out


def test_job_summary_and_comment_file_are_redacted(
    conflicted: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    summary, comment = tmp_path / "summary.md", tmp_path / "comment.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _check(capsys, conflicted, "--comment-file", str(comment))
    for written in (summary, comment):
        text = written.read_text(encoding="utf-8")
        assert "tenant #1" in text
        assert _named(text) == []


def test_escaped_forms_are_redacted_and_numbered_by_first_appearance() -> None:
    redact = Redactor([("acme", "Acme, Sons & Co"), ("bolt", 'Bolt "Quick" Ltd')])
    text = (
        "tenant bolt uat; Acme, Sons &amp; Co; "  # plain, then a Markdown cell
        '{"name": "Bolt \\"Quick\\" Ltd"}; '  # a JSON string
        "title=Acme%2C Sons & Co"  # a workflow-command property
    )
    assert redact(text) == ('tenant #1 uat; tenant #2; {"name": "tenant #1"}; title=tenant #2')
    assert redact("ACME then Bolt") == "tenant #2 then tenant #1"  # numbers kept across calls


def test_only_whole_words_are_redacted() -> None:
    redact = Redactor([("care", "Care")])
    assert redact("scare careful care-home care.") == "scare careful tenant #1-home tenant #1."


def test_a_tenant_files_path_reads_as_redacted_not_as_another_path() -> None:
    """`tenants/tenant #1.yaml:4:5` would name a file that does not exist."""
    redact = Redactor([("acme", "Acme Ltd")])
    assert redact("tenants/acme.yaml:4:5: error[FT101]: bad") == (
        "a tenant file (tenant #1):4:5: error[FT101]: bad"
    )
    assert redact('{"file": "tenants/acme.yaml", "line": 4}') == (
        '{"file": "a tenant file (tenant #1)", "line": 4}'
    )
    assert redact("::error file=tenants/acme.yaml,line=4::tenant acme uat") == (
        "::error file=a tenant file (tenant #1),line=4::tenant #1 uat"
    )
    assert redact("| tenants/acme.Yml | moved to tenants/old/acme.yaml. |") == (
        "| a tenant file (tenant #1) | moved to a tenant file (tenant #1). |"
    )
    assert redact("changes/acme.yaml") == "changes/tenant #1.yaml"  # not a tenant file


def test_the_text_report_names_a_tenant_file_as_redacted(
    conflicted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = _check(capsys, conflicted)
    assert "  modified: a tenant file (tenant #1)" in out.splitlines()
    assert "tenants/tenant #" not in out


def test_whatever_stands_in_tenants_is_named_by_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A misnamed tenant file (FT013) names its tenant as much as a well-named one."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    root = make_repo(tmp_path / "repo", MINIMAL)
    (root / "tenants/quokka-care.Yml").write_text("id: quokka-care\n", encoding="utf-8")
    commit(root, "feature")
    code, out = _check(capsys, root)
    assert code == 1
    assert "quokka" not in out.lower()
    assert "a tenant file (tenant #1):1:1: error[FT013]: " in out
