"""`ftgitops check` on the lifecycle examples: tests/examples/{negative,positive}/check/.

A lifecycle finding needs a history, so each example is a pair of files, `NAME.base.yaml` and
`NAME.head.yaml`, read by their header comments (the leading `#` lines):

- `# target: PATH`: where that version lives in the repository. The base is committed on
  `main` on top of tests/fixtures/minimal; the head on a branch `feature`. A head whose target
  differs from its base's moves the file (`git mv`, then the head is written): a rename.
- `# make: deleted` (head only, no body): the branch deletes the base's file.
- `# make: missing-blob` (head only): the head's file is committed with a blob git does not
  have, as in a partial clone whose blobs were not fetched.
- `# make: absent` (base only, no body): main has no such file; the branch adds the head.
- `# run: OPTIONS`: more options for `check` (for example `--require-approvals`).
- `# author: LOGIN` and `# review: LOGIN STATE head|base` (head only): the pull request
  `--github-pr 7` reads, from a server on 127.0.0.1 that answers as the GitHub API does; each
  review approves (or not) the branch's head commit or an older one, main's. The minimal
  fixture's people have the logins `<id>-gh`.
- `# expect: LINE`: one exact finding line of `ftgitops check --base main`; a negative
  example lists every finding the check gives, in order, and the check exits 1. A positive
  example has none: the check sees the change, finds nothing and exits 0.

Any other comment line describes the example. Negative examples are named `FTxxx-what-breaks`,
so `validate_test.test_every_code_has_a_negative_example` counts them.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import EXAMPLES, MINIMAL
from gitfixture import NOW, commit, git, init
from pytest_httpserver import HTTPServer

from ftgitops.main import main

MISSING_BLOB = "0123456789abcdef0123456789abcdef01234567"
FINDING_LINE = re.compile(r"^\S.*:\d+:\d+: (error|warning)\[FT\d{3}\]: ")


class Version(NamedTuple):
    """One side of an example: where it goes, what it holds, what its header says."""

    target: str
    content: bytes
    deleted: bool
    missing_blob: bool
    absent: bool
    run: tuple[str, ...]
    expected: tuple[str, ...]
    author: str | None = None
    reviews: tuple[tuple[str, str, str], ...] = ()  # (login, state, head | base)


def read_version(path: Path) -> Version:
    """A base or head file: its header keys; unknown comment lines are description."""
    content = path.read_bytes()
    fields: dict[str, list[str]] = {}
    for raw in content.decode("utf-8").splitlines():
        if not raw.startswith("#"):
            break
        key, _, value = raw.lstrip("# ").partition(": ")
        fields.setdefault(key.strip(), []).append(value.strip())
    assert "target" in fields, f"{path}: no '# target:' line in the header"
    return Version(
        target=fields["target"][0],
        content=content,
        deleted=fields.get("make") == ["deleted"],
        missing_blob=fields.get("make") == ["missing-blob"],
        absent=fields.get("make") == ["absent"],
        run=tuple(arg for line in fields.get("run", []) for arg in shlex.split(line)),
        expected=tuple(fields.get("expect", [])),
        author=fields["author"][0] if "author" in fields else None,
        reviews=tuple(_review_line(line) for line in fields.get("review", [])),
    )


def _review_line(line: str) -> tuple[str, str, str]:
    login, state, commit = line.split()
    assert commit in ("head", "base"), line
    return login, state, commit


def example_names(kind: str) -> list[str]:
    """The examples of one kind, by the name their two files share."""
    folder = EXAMPLES / kind / "check"
    names = sorted(p.name.removesuffix(".base.yaml") for p in folder.glob("*.base.yaml"))
    heads = sorted(p.name.removesuffix(".head.yaml") for p in folder.glob("*.head.yaml"))
    assert names == heads, f"{folder}: every example needs a .base.yaml and a .head.yaml"
    return names


NEGATIVE = example_names("negative")
POSITIVE = example_names("positive")


def build_repository(root: Path, base: Version, head: Version) -> None:
    """tests/fixtures/minimal plus the base on `main`; the head on branch `feature`."""
    shutil.copytree(MINIMAL, root)
    if not base.absent:
        _write(root, base)
    init(root)
    commit(root, "base")
    git(root, "checkout", "-q", "-b", "feature")
    if head.deleted:
        git(root, "rm", "-q", head.target)
    else:
        if head.target != base.target and not base.absent:
            (root / head.target).parent.mkdir(parents=True, exist_ok=True)
            git(root, "mv", base.target, head.target)
        _write(root, head)
    commit(root, "head")
    if head.missing_blob:
        _lose_blob(root, head.target)


def _lose_blob(root: Path, target: str) -> None:
    """Commit `target` with a blob sha that no object has."""
    git(root, "update-index", "--cacheinfo", f"100644,{MISSING_BLOB},{target}")
    tree = git(root, "write-tree", "--missing-ok").strip()
    tip = git(root, "commit-tree", tree, "-p", "HEAD", "-m", "the blob is lost").strip()
    git(root, "update-ref", "HEAD", tip)


def _write(root: Path, version: Version) -> None:
    target = root / version.target
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(version.content)


def run_check(
    capsys: pytest.CaptureFixture[str], root: Path, options: tuple[str, ...]
) -> tuple[int, list[str]]:
    """`ftgitops check --base main` through `main`: the exit code and the output lines."""
    code = main(["--root", str(root), "check", "--base", "main", "--now", NOW, *options])
    captured = capsys.readouterr()
    assert captured.err == ""
    return code, captured.out.splitlines()


def _example(
    kind: str, name: str, tmp_path: Path, request: pytest.FixtureRequest
) -> tuple[Version, int, list[str]]:
    folder = EXAMPLES / kind / "check"
    base = read_version(folder / f"{name}.base.yaml")
    head = read_version(folder / f"{name}.head.yaml")
    assert base.expected == () and not base.deleted, f"{name}: a base only sets up the branch"
    assert not head.absent, f"{name}: only a base may be absent"
    root = tmp_path / "repo"
    build_repository(root, base, head)
    if head.author is not None:
        serve_pull_request(request, root, head)
    code, lines = run_check(request.getfixturevalue("capsys"), root, head.run)
    return head, code, lines


REPOSITORY = "example-org/changes"
PULL = f"/repos/{REPOSITORY}/pulls/7"


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    """Loopback only, on a free port."""
    return ("127.0.0.1", 0)


def serve_pull_request(request: pytest.FixtureRequest, root: Path, head: Version) -> None:
    """Pull request 7 of the example, with its reviews of main's or the branch's commit."""
    server: HTTPServer = request.getfixturevalue("httpserver")
    monkeypatch: pytest.MonkeyPatch = request.getfixturevalue("monkeypatch")
    shas = {c: git(root, "rev-parse", r).strip() for c, r in (("head", "HEAD"), ("base", "main"))}
    server.expect_request(PULL).respond_with_json(
        {"number": 7, "user": {"login": head.author}, "head": {"sha": shas["head"]}}
    )
    reviews = [
        {
            "id": index,
            "user": {"login": login},
            "state": state,
            "commit_id": shas[commit],
            "submitted_at": f"2026-11-20T09:{index:02d}:00Z",
        }
        for index, (login, state, commit) in enumerate(head.reviews)
    ]
    server.expect_request(f"{PULL}/reviews").respond_with_json(reviews)
    monkeypatch.setenv("GITHUB_REPOSITORY", REPOSITORY)
    monkeypatch.setenv("GITHUB_API_URL", server.url_for(""))
    monkeypatch.setenv("GITHUB_TOKEN", "t0ken")


@pytest.fixture(autouse=True)
def _no_job_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run inside GitHub Actions, the check would also append to the job's summary."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.mark.parametrize("name", NEGATIVE)
def test_negative_example_gives_exactly_its_findings(
    name: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    head, code, lines = _example("negative", name, tmp_path, request)
    code_named = name.split("-", 1)[0]
    assert head.expected, f"{name}: no '# expect:' line"
    assert any(f"[{code_named}]" in line for line in head.expected), name
    assert [line for line in lines if FINDING_LINE.match(line)] == list(head.expected)
    assert code == 1
    assert lines[-1].startswith("blocked: ")


@pytest.mark.parametrize("name", POSITIVE)
def test_positive_example_gives_no_finding(
    name: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    head, code, lines = _example("positive", name, tmp_path, request)
    assert head.expected == ()
    base = read_version(EXAMPLES / "positive" / "check" / f"{name}.base.yaml")
    status = "deleted" if head.deleted else "added" if base.absent else "modified"
    assert f"  {status}: {head.target}" in lines  # the check saw the transition
    assert [line for line in lines if FINDING_LINE.match(line)] == []
    assert code == 0
    assert lines[-1] == "ready to merge: no findings in 1 changed data file"


def test_every_lifecycle_code_has_an_allowed_counterpart() -> None:
    """Each positive example names the code it stays clear of: `(compare FTxxx)`."""
    compared = set()
    for name in POSITIVE:
        text = (EXAMPLES / "positive" / "check" / f"{name}.head.yaml").read_text("utf-8")
        compared.update(re.findall(r"\(compare (FT\d{3})\)", text))
    codes = {name.split("-", 1)[0] for name in NEGATIVE}
    assert compared == codes - {"FT001"}  # a lost blob (FT001) has nothing to stay clear of
