"""The site's git history: commit counts and each file's revisions, from real repositories,
every version read with the strict YAML 1.2 loader."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

from gitfixture import git

from ftgitops.site.githistory import Revision, commit_counts, file_histories, tracked_fields

CHANGE = "changes/2026/CHG-2026-0001.yaml"
FIRST = """\
# yaml-language-server: $schema=../../schemas/change.schema.json
id: CHG-2026-0001
description: |
  status: not this one, it is nested
status: draft
window: {start: 2026-11-28T23:00, end: 2026-11-29T01:00:00, tz: Australia/Sydney}
log: []
"""


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(root: Path, message: str, when: str, author: str = "Alice") -> None:
    git(root, "add", "-A", when=when, author=author)
    git(root, "commit", "-q", "-m", message, when=when, author=author)


def everything(path: str) -> bool:
    return True


def history_repo(root: Path) -> Path:
    """CHG-2026-0001 created as a draft, approved, broken for a commit, then completed."""
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    write(root, CHANGE, FIRST)
    write(root, "tenants/acme.yaml", "id: acme\n")
    commit(root, "draft", "2026-09-01T09:00:00+00:00")
    write(root, CHANGE, FIRST.replace("status: draft", "status: approved"))
    commit(root, "approved", "2026-09-03T09:00:00+00:00", author="Carol")
    write(root, CHANGE, FIRST.replace("status: draft", "status: [unclosed"))
    commit(root, "broken", "2026-09-04T09:00:00+00:00")
    write(root, CHANGE, FIRST.replace("status: draft", "status: completed"))
    commit(root, "completed", "2026-09-05T09:00:00+00:00", author="ftgitops deployer")
    return root


def git_shas(root: Path) -> list[str]:
    """The commits, oldest first."""
    log = subprocess.run(
        ["git", "-C", str(root), "log", "--reverse", "--format=%H"],
        capture_output=True,
        text=True,
        check=True,
    )
    return log.stdout.split()


def test_windows_show_as_written_not_as_yaml_1_1_timestamps(tmp_path: Path) -> None:
    root = history_repo(tmp_path / "repo")
    window = "2026-11-28T23:00 to 2026-11-29T01:00:00 Australia/Sydney"
    revisions = file_histories(root, everything)[CHANGE]
    assert [revision.window for revision in revisions] == [window, window, None, window]
    assert "2026-11-29 01:00:00" not in str(revisions)


def test_each_commit_is_a_revision_oldest_first_and_a_broken_one_has_no_status(
    tmp_path: Path,
) -> None:
    root = history_repo(tmp_path / "repo")
    revisions = file_histories(root, everything)[CHANGE]
    shas = git_shas(root)
    statuses = [(r.author, r.at, r.status) for r in revisions]
    assert statuses == [
        ("Alice", datetime(2026, 9, 1, 9, tzinfo=UTC), "draft"),
        ("Carol", datetime(2026, 9, 3, 9, tzinfo=UTC), "approved"),
        ("Alice", datetime(2026, 9, 4, 9, tzinfo=UTC), None),
        ("ftgitops deployer", datetime(2026, 9, 5, 9, tzinfo=UTC), "completed"),
    ]
    assert [revision.sha for revision in revisions] == shas
    broken = Revision(shas[2], datetime(2026, 9, 4, 9, tzinfo=UTC), "Alice", None, None)
    assert revisions[2] == broken


def test_counts_and_histories_cover_the_folders_and_the_wanted_files(tmp_path: Path) -> None:
    root = history_repo(tmp_path / "repo")
    assert commit_counts(root) == {CHANGE: 4}
    assert commit_counts(root, ("changes", "tenants")) == {CHANGE: 4, "tenants/acme.yaml": 1}
    assert file_histories(root, lambda path: path.startswith("tenants/")) == {}
    assert list(file_histories(root, everything, ("tenants",))) == ["tenants/acme.yaml"]


def test_a_root_inside_a_bigger_repository_sees_paths_relative_to_itself(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    outer.mkdir()
    git(outer, "init", "-q", "-b", "main")
    write(outer, "data/" + CHANGE, FIRST)
    write(outer, CHANGE, FIRST)  # the same path outside the root is not the root's
    commit(outer, "both", "2026-09-01T09:00:00+00:00")
    assert commit_counts(outer / "data") == {CHANGE: 1}
    assert file_histories(outer / "data", everything)[CHANGE][0].status == "draft"


def test_a_folder_that_is_not_a_repository_has_no_history(tmp_path: Path) -> None:
    write(tmp_path, CHANGE, FIRST)
    assert commit_counts(tmp_path) == {}
    assert file_histories(tmp_path, everything) == {}


def test_a_repository_without_commits_has_no_history(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, CHANGE, FIRST)
    assert commit_counts(tmp_path) == {}
    assert file_histories(tmp_path, everything) == {}


def test_waves_are_joined_and_only_top_level_blocks_are_read() -> None:
    release = (
        b"id: REL-2026-0001\n"
        b"notes: {status: ignored}\n"
        b"status: scheduled\n"
        b"waves:\n"
        b"  - {window: {start: 2026-12-02T20:00, end: 2026-12-02T23:00}}\n"
        b"  - window: {start: 2026-12-09T20:00:00, end: 2026-12-09T23:00, tz: Europe/London}\n"
        b"log: [{at: not even: yaml}\n"
    )
    assert tracked_fields(release) == (
        "scheduled",
        "2026-12-02T20:00 to 2026-12-02T23:00; "
        "2026-12-09T20:00:00 to 2026-12-09T23:00 Europe/London",
    )


def test_a_version_that_does_not_parse_strictly_has_no_status() -> None:
    assert tracked_fields(b"status: draft\nstatus: approved\n") == (None, None)
    assert tracked_fields(b"status: \xff\n") == (None, None)
    assert tracked_fields(b"title: nothing tracked\n") == (None, None)
    assert tracked_fields(b"status: no\n") == ("no", None)  # YAML 1.2: text, not false
