"""`ftgitops check --base main` on real git repositories: a base branch and a feature branch."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from gitfixture import CHG1, CHG2, CHG3, MNT1, MNT2, NOW, commit, edit, git, make_repo

from ftgitops.load.schemas import SchemaSet
from ftgitops.load.sources import MemorySource
from ftgitops.main import main
from ftgitops.validate import validate, validate_source

PROJECT_ROOT = Path(__file__).parent.parent
ANNOTATION = re.compile(
    r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=(FT\d{3})::(.+)$"
)


def check(capsys: pytest.CaptureFixture[str], root: Path, *extra: str) -> tuple[int, str, str]:
    """`ftgitops check --base main` through `main`; exit code, stdout, stderr."""
    code = main(["--root", str(root), "check", "--base", "main", "--now", NOW, *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def report(capsys: pytest.CaptureFixture[str], root: Path, *extra: str) -> dict[str, object]:
    _, out, _ = check(capsys, root, "--format", "json", *extra)
    document: dict[str, object] = json.loads(out)
    return document


def codes(document: dict[str, object], prefix: str = "FT") -> list[tuple[str, str]]:
    findings = document["findings"]
    assert isinstance(findings, list)
    return [(f["file"], f["code"]) for f in findings if f["code"].startswith(prefix)]


def test_an_unchanged_branch_is_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_repo(tmp_path / "repo")
    code, out, _ = check(capsys, root)
    assert code == 0
    assert out.splitlines()[-1] == "ready to merge: no findings in 0 changed data files"


def test_findings_are_reported_for_changed_files_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    git(root, "checkout", "-q", "main")  # main already carries a problem nobody touches
    edit(
        root,
        "tenants/bluegum-recruitment.yaml",
        "production:",
        "uat: {go_live: 2023-01-02}\n  production:",
    )
    commit(root, "bluegum uat, never decommissioned")
    git(root, "checkout", "-q", "-B", "feature")
    edit(root, CHG3, "title: Upgrade", "titel: Upgrade")
    commit(root)
    assert codes(report(capsys, root)) == [(CHG3, "FT102"), (CHG3, "FT103")]
    assert "FT307" in check(capsys, root, "--base", "HEAD~2")[1]  # the tenant file changed


def test_the_head_tree_validates_as_the_working_tree_does(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    edit(root, CHG2, "owner: bob", "owner: nobody")
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.yaml")}
    on_disk = validate(root, datetime(2026, 11, 21, tzinfo=UTC), SchemaSet())
    in_memory = validate_source(
        MemorySource(files), datetime(2026, 11, 21, tzinfo=UTC), SchemaSet()
    )
    assert in_memory.findings == on_disk.findings
    assert [f.code for f in on_disk.findings] == ["FT201"]


# Each lifecycle rule: an edit that breaks it, and one close to it that does not.
Edit = Callable[[Path], None]
TRANSITIONS: list[tuple[str, Edit, list[tuple[str, str]]]] = [
    (
        "completed edited",
        lambda r: edit(r, CHG1, "title: Patch", "title: Re-patch"),
        [(CHG1, "FT501")],
    ),
    (
        "completed linked",
        lambda r: edit(r, CHG1, "implementers:", "related: [CHG-2026-0002]\nimplementers:"),
        [],
    ),
    ("completed comment", lambda r: edit(r, CHG1, "kind: change", "kind: change  # reviewed"), []),
    ("notice deleted", lambda r: (r / MNT1).unlink(), [(MNT1, "FT502")]),
    ("draft notice deleted", lambda r: (r / MNT2).unlink(), []),
    (
        "status backwards",
        lambda r: edit(r, CHG2, "status: approved", "status: proposed"),
        [(CHG2, "FT503")],
    ),
    ("status forwards", lambda r: edit(r, CHG2, "status: approved", "status: scheduled"), []),
    (
        "draft to completed",
        lambda r: edit(r, CHG3, "status: draft", "status: completed"),
        [(CHG3, "FT504")],
    ),
    ("draft to proposed", lambda r: edit(r, CHG3, "status: draft", "status: proposed"), []),
    (
        "notice to draft",
        lambda r: edit(r, MNT1, "status: scheduled", "status: draft"),
        [(MNT1, "FT503")],
    ),
    ("notice completed", lambda r: edit(r, MNT1, "status: scheduled", "status: completed"), []),
    (
        "id changed",
        lambda r: _rename(r, CHG3, "CHG-2026-0003", "CHG-2026-0004"),
        [("changes/2026/CHG-2026-0004.yaml", "FT505")],
    ),
    ("draft retitled", lambda r: edit(r, CHG3, "title: Upgrade", "title: Replace"), []),
    ("approved deleted", lambda r: (r / CHG2).unlink(), [(CHG2, "FT506")]),
    ("draft deleted", lambda r: (r / CHG3).unlink(), []),
]


def _rename(root: Path, relative: str, old_id: str, new_id: str) -> None:
    edit(root, relative, f"id: {old_id}", f"id: {new_id}")
    git(root, "mv", relative, relative.replace(old_id, new_id))


@pytest.mark.parametrize(
    ("edit_files", "expected"),
    [(e, x) for _, e, x in TRANSITIONS],
    ids=[n for n, _, _ in TRANSITIONS],
)
def test_lifecycle_transitions(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    edit_files: Edit,
    expected: list[tuple[str, str]],
) -> None:
    root = make_repo(tmp_path / "repo")
    edit_files(root)
    commit(root)
    document = report(capsys, root)
    assert codes(document, "FT5") == expected
    assert codes(document, "FT2") == []  # the edit itself is valid data
    assert document["blocking"] is bool(expected)


def _overlapping_change(root: Path, new_id: str, implementer: str) -> str:
    """A copy of CHG-2026-0002 (same service, tenants and window) under a new id."""
    relative = f"changes/2026/{new_id}.yaml"
    text = (root / CHG2).read_text(encoding="utf-8")
    text = text.replace("CHG-2026-0002", new_id).replace("status: approved", "status: proposed")
    (root / relative).write_text(
        text.replace("implementers: [bob]", f"implementers: [{implementer}]")
    )
    return relative


def test_conflicts_are_reported_when_they_involve_a_changed_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    git(root, "checkout", "-q", "main")
    _overlapping_change(
        root, "CHG-2026-0004", "alice"
    )  # main already has a conflict: 0002 and 0004
    commit(root, "overlap on main")
    git(root, "checkout", "-q", "-B", "feature")
    edit(root, CHG3, "title: Upgrade", "title: Replace")
    commit(root)
    untouched = report(capsys, root)
    assert untouched["conflicts"] == []
    new = _overlapping_change(root, "CHG-2026-0005", "dave")
    commit(root)
    touched = report(capsys, root)
    conflicts = touched["conflicts"]
    assert isinstance(conflicts, list)
    assert {(c["first"], c["second"], c["kind"]) for c in conflicts} == {
        ("CHG-2026-0002", "CHG-2026-0005", "same-target"),
        ("CHG-2026-0004", "CHG-2026-0005", "same-target"),
    }
    assert codes(touched, "FT4") == [(new, "FT401"), (new, "FT401")]


def test_a_new_notice_repeating_a_window_is_caught_on_its_own_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The duplicate is told on the new file, by the check and by `validate NEW` (what
    pre-commit runs), not only on the untouched notice it repeats."""
    root = make_repo(tmp_path / "repo")
    new = "changes/2026/MNT-2026-0003.yaml"
    text = (root / MNT1).read_text(encoding="utf-8")
    (root / new).write_text(text.replace("MNT-2026-0001", "MNT-2026-0003"), encoding="utf-8")
    commit(root)
    document = report(capsys, root)
    assert codes(document, "FT4") == [(new, "FT401")] and document["blocking"] is True
    assert main(["--root", str(root), "validate", "--now", NOW, str(root / new)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{new}:8:9: error[FT401]: MNT-2026-0001 and MNT-2026-0003 both ")
    assert lines[1:] == ["1 error, 0 warnings in 1 file"]


def test_a_past_pair_is_reported_as_past(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new change beside one whose window is over is still looked at: told as past."""
    root = make_repo(tmp_path / "repo")
    _overlapping_change(root, "CHG-2026-0005", "dave")  # CHG2's window: 8 Dec 21:00 London
    commit(root)
    conflicts = report(capsys, root, "--now", "2026-12-09T09:00Z")["conflicts"]
    assert isinstance(conflicts, list)
    assert [(c["first"], c["second"], c["severity"], c["past"]) for c in conflicts] == [
        ("CHG-2026-0002", "CHG-2026-0005", "warning", True)
    ]
    assert conflicts[0]["message"].endswith(" (in the past: record what happened)")


def test_check_and_conflicts_describe_a_conflict_identically(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check --format json` and `conflicts --format json` write one shape (`as_dict`); the
    conflicts command adds where to move beside it. Internal, so tenants keep their names."""
    root = make_repo(tmp_path / "repo")
    _overlapping_change(root, "CHG-2026-0005", "dave")
    commit(root)
    checked = report(capsys, root, "--internal")["conflicts"]
    assert isinstance(checked, list) and checked
    code = main(["--root", str(root), "conflicts", "--now", NOW, "--format", "json"])
    listed = json.loads(capsys.readouterr().out)["conflicts"]
    assert code == 0  # the overlap is a warning: neither side takes anything down
    by_sides = {(c["first"], c["second"], c["kind"]): c for c in listed}
    for conflict in checked:
        found = dict(by_sides[(conflict["first"], conflict["second"], conflict["kind"])])
        assert found.pop("next_free_slot")["move"] == "CHG-2026-0005"
        assert found == conflict
        assert conflict["start"].endswith("Z") and conflict["message"] and conflict["shared"]


def test_the_check_runs_the_engine_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The conflicts, the risk and the next free slot all come from one schedule."""
    from ftgitops.conflicts import engine

    root = make_repo(tmp_path / "repo")
    _overlapping_change(root, "CHG-2026-0005", "dave")
    commit(root)
    built: list[object] = []
    build = engine.Schedule.__init__

    def counted(schedule: engine.Schedule, *args: Any) -> None:
        built.append(schedule)
        build(schedule, *args)

    monkeypatch.setattr(engine.Schedule, "__init__", counted)
    document = report(capsys, root)
    assert document["suggestions"] and document["conflicts"]
    assert len(built) == 1


def test_risk_and_approvals_without_a_pull_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    edit(root, CHG2, "likelihood: 1, impact: 3", "likelihood: 3, impact: 4")
    commit(root)
    document = report(capsys, root)
    risks = document["risks"]
    assert isinstance(risks, list)
    assert [(r["item_id"], r["level"]) for r in risks] == [("CHG-2026-0002", "high")]
    assert risks[0]["approvals"] == ["reviewer", "cab", "release-manager", "security"]
    assert document["approvals"] == {
        "verified": False,
        "items": [
            {
                "item": "CHG-2026-0002",
                "path": CHG2,
                "level": "high",
                "required": ["reviewer", "cab", "release-manager", "security"],
                "approved": {},
                "missing": ["reviewer", "cab", "release-manager", "security"],
            }
        ],
    }
    code, out, _ = check(capsys, root)
    assert code == 0
    assert "approvals: approvals were not verified" in out
    code, out, _ = check(capsys, root, "--require-approvals")
    assert code == 1
    assert "error[FT510]: CHG-2026-0002 (high risk) needs approval by reviewer, cab" in out


def test_affected_services_and_customers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    edit(root, "changes/2026/REL-2026-0001.yaml", "Faster", "Much faster")
    commit(root)
    impact = report(capsys, root)["impact"]
    assert impact == {
        "services": ["api", "web"],
        "dependents": [],
        "tenants": 2,
        "counts": [
            {"region": "apac", "environment": "production", "tenants": 2},
            {"region": "apac", "environment": "uat", "tenants": 1},
        ],
    }
    internal = report(capsys, root, "--internal")["impact"]
    assert isinstance(internal, dict)
    assert internal["tenant_names"] == ["Bluegum Recruitment", "Harbour Staffing"]
    for fmt in ("text", "markdown", "github"):
        _, out, _ = check(capsys, root, "--format", fmt)
        assert "Harbour" not in out and "Bluegum" not in out
    assert (
        "tenants (internal): Bluegum Recruitment, Harbour Staffing"
        in check(capsys, root, "--internal")[1]
    )


def _blocked_repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path / "repo")
    edit(root, CHG1, "title: Patch", "title: 100% patched,\\r\\nreally")
    edit(root, CHG3, "title: Upgrade", "titel: Upgrade")
    commit(root)
    return root


def test_github_annotations_parse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _blocked_repo(tmp_path)
    code, out, _ = check(capsys, root, "--format", "github")
    assert code == 1
    lines = out.splitlines()
    parsed = [ANNOTATION.match(line) for line in lines if line.startswith("::error")]
    assert all(parsed)
    assert [(m[2], m[3], m[5]) for m in parsed if m] == [
        (CHG1, "4", "FT501"),
        (CHG3, "2", "FT102"),
        (CHG3, "4", "FT103"),
    ]
    assert lines[-2].startswith("::notice title=ftgitops::approvals were not verified")
    assert lines[-1] == "ftgitops check: blocked: 3 errors, 0 warnings in 2 changed data files"


def test_annotation_escapes() -> None:
    from ftgitops.check.annotations import annotation
    from ftgitops.findings import Finding

    finding = Finding("FT501", "100% done\r\nnext", "a,b:c.yaml", line=3, column=2)
    assert annotation(finding) == (
        "::error file=a%2Cb%3Ac.yaml,line=3,col=2,title=FT501::100%25 done%0D%0Anext"
    )


def test_markdown_has_the_marker_and_goes_to_the_job_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _blocked_repo(tmp_path)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    comment = tmp_path / "comment.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = check(capsys, root, "--format", "markdown", "--comment-file", str(comment))
    assert code == 1
    assert out.startswith("<!-- ftgitops-check -->\n\n## ❌ ftgitops check: blocked")
    assert f"| ❌ | `{CHG1}` | 4 | FT501 |" in out
    assert summary.read_text(encoding="utf-8") == "earlier step\n" + out
    assert comment.read_text(encoding="utf-8") == out


def test_json_and_text_agree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _blocked_repo(tmp_path)
    document = report(capsys, root)
    code, out, _ = check(capsys, root)
    assert code == 1
    assert document["blocking"] is True
    assert [c["status"] for c in document["changed"]] == ["modified", "modified"]  # type: ignore[index, union-attr]
    findings = document["findings"]
    assert isinstance(findings, list)
    for finding in findings:
        assert (
            f"{finding['file']}:{finding['line']}:{finding['column']}: error[{finding['code']}]"
            in out
        )


def test_a_bad_ref_is_a_clear_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    code = main(["--root", str(root), "check", "--base", "origin/nope"])
    err = capsys.readouterr().err
    assert code == 2
    assert "unknown git revision 'origin/nope'" in err and "fetch-depth: 0" in err
    assert main(["--root", str(tmp_path), "check", "--base", "main"]) == 2
    assert "is not inside a git repository" in capsys.readouterr().err


def test_parses_are_cached_by_blob_sha(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _blocked_repo(tmp_path)
    first = check(capsys, root)
    shards = sorted((root / ".git" / "ftgitops-cache").glob("check-*.pickle"))
    assert shards
    written = [shard.stat().st_mtime_ns for shard in shards]
    assert check(capsys, root) == first
    assert [shard.stat().st_mtime_ns for shard in shards] == written  # nothing new, no write
    assert check(capsys, root, "--no-cache") == first
    assert git(root, "status", "--porcelain") == ""


def test_the_workflow_is_least_privilege() -> None:
    workflow = yaml.safe_load((PROJECT_ROOT / ".github/workflows/pr-check.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"pull_request", "pull_request_review"}
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert jobs["check"]["permissions"] == {"contents": "read", "pull-requests": "read"}
    assert jobs["comment"]["permissions"] == {"pull-requests": "write"}
    steps = jobs["check"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    commands = " ".join(str(s.get("run", "")) for s in steps)
    assert "ftgitops codeowners --check" in commands
    assert '--base "origin/$BASE_REF" --github-pr "$PR_NUMBER"' in commands
    assert "--format github" in commands


def test_a_blocked_change_gets_a_free_window_that_really_is_free(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The suggestion is checked by taking it: moved there, the change conflicts no more."""
    root = make_repo(tmp_path / "repo")
    new = _overlapping_change(root, "CHG-2026-0005", "dave")
    commit(root)
    blocked = report(capsys, root)
    assert ("changes/2026/CHG-2026-0005.yaml", "FT401") in codes(blocked, "FT4")
    assert blocked["suggestions"] == [
        {
            "item": "CHG-2026-0005",
            "start": blocked["suggestions"][0]["start"],  # type: ignore[index]
            "end": blocked["suggestions"][0]["end"],  # type: ignore[index]
            "zone": "Europe/London",
        }
    ]
    suggestion = blocked["suggestions"][0]  # type: ignore[index]
    start = datetime.fromisoformat(suggestion["start"])
    end = datetime.fromisoformat(suggestion["end"])
    assert end - start == timedelta(hours=1)  # the same length as the planned window
    assert start > datetime.fromisoformat(NOW)
    _, text, _ = check(capsys, root)
    assert "next free slot for CHG-2026-0005: " in text

    moved = f"window: {{start: {start.isoformat()}, end: {end.isoformat()}}}"
    edit(
        root,
        new,
        "window: {start: 2026-12-08T21:00, end: 2026-12-08T22:00, tz: Europe/London}",
        moved,
    )
    commit(root, "take the suggested window")
    free = report(capsys, root)
    assert codes(free, "FT4") == []
    assert free["suggestions"] == []


def test_the_command_line_offers_exactly_the_formats_the_check_renders() -> None:
    from ftgitops.check.render import FORMATS
    from ftgitops.commands.check import FORMAT_NAMES

    assert tuple(FORMATS) == FORMAT_NAMES
