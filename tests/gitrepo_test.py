"""GitRepo on real repositories: merge base, changed files with blob shas, trees from objects,
blobs in one batch, and who touched which file when."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from gitfixture import commit, git, init

from ftgitops.errors import FtgitopsError
from ftgitops.gitrepo import FileChange, GitRepo, Touch


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """`main` with three files; `feature` modifies, renames, deletes and adds one each."""
    root = tmp_path / "repo"
    root.mkdir()
    init(root)
    write(root, "changes/2026/A.yaml", "a: 1\n")
    write(root, "changes/2026/B.yaml", "b: a longer file that survives a rename intact\n")
    write(root, "ftgitops.yaml", "name: x\n")
    commit(root, "base")
    git(root, "checkout", "-q", "-b", "feature")
    write(root, "changes/2026/A.yaml", "a: 2\n")
    git(root, "mv", "changes/2026/B.yaml", "changes/2026/C.yaml")
    git(root, "rm", "-q", "ftgitops.yaml")
    write(root, "tenants/new.yaml", "id: new\n")
    commit(root, "feature")
    git(root, "checkout", "-q", "main")
    write(root, "README.md", "main moved on\n")
    commit(root, "main moves on")
    git(root, "checkout", "-q", "feature")
    return root


def blob(root: Path, revision: str, path: str) -> str:
    return git(root, "rev-parse", f"{revision}:{path}").strip()


def test_merge_base_is_where_the_branch_left_main(repo: Path) -> None:
    gitrepo = GitRepo(repo)
    assert gitrepo.merge_base("main", "HEAD") == git(repo, "rev-parse", "main~1").strip()
    assert gitrepo.resolve("HEAD") == git(repo, "rev-parse", "HEAD").strip()


def test_changed_files_name_both_sides_and_their_blobs(repo: Path) -> None:
    gitrepo = GitRepo(repo)
    base = gitrepo.merge_base("main", "HEAD")
    changes = gitrepo.changed_files(base, gitrepo.resolve("HEAD"))
    a, b, c = "changes/2026/A.yaml", "changes/2026/B.yaml", "changes/2026/C.yaml"
    assert changes == [
        FileChange("modified", a, a, blob(repo, base, a), blob(repo, "HEAD", a)),
        FileChange("renamed", b, c, blob(repo, base, b), blob(repo, "HEAD", c)),
        FileChange("deleted", "ftgitops.yaml", None, blob(repo, base, "ftgitops.yaml"), None),
        FileChange("added", None, "tenants/new.yaml", None, blob(repo, "HEAD", "tenants/new.yaml")),
    ]
    assert [change.path for change in changes] == [a, c, "ftgitops.yaml", "tenants/new.yaml"]


def test_trees_are_read_from_objects_without_a_checkout(repo: Path) -> None:
    (repo / "changes/2026/A.yaml").write_text("a: uncommitted\n", encoding="utf-8")
    gitrepo = GitRepo(repo)
    head = gitrepo.resolve("HEAD")
    files = gitrepo.read_files(head, lambda path: path.endswith(".yaml"))
    assert files == [
        ("changes/2026/A.yaml", b"a: 2\n"),
        ("changes/2026/C.yaml", b"b: a longer file that survives a rename intact\n"),
        ("tenants/new.yaml", b"id: new\n"),
    ]
    base_files = dict(gitrepo.read_files(gitrepo.resolve("main"), lambda path: True))
    assert base_files["ftgitops.yaml"] == b"name: x\n"
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "feature"


def test_bad_revisions_and_folders_are_input_errors(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(FtgitopsError, match="unknown git revision 'origin/main'"):
        GitRepo(repo).merge_base("origin/main", "HEAD")
    elsewhere = tmp_path / "not-a-repo"
    elsewhere.mkdir()
    with pytest.raises(FtgitopsError, match="is not inside a git repository"):
        GitRepo(elsewhere)


def test_unrelated_histories_have_no_merge_base(repo: Path) -> None:
    git(repo, "checkout", "-q", "--orphan", "other")
    git(repo, "commit", "-q", "-m", "unrelated")
    with pytest.raises(FtgitopsError, match="no common history"):
        GitRepo(repo).merge_base("main", "other")


def test_blobs_are_read_in_one_batch_by_sha(repo: Path) -> None:
    gitrepo = GitRepo(repo)
    entries = gitrepo.tree_entries(gitrepo.resolve("HEAD"), lambda path: True)
    shas = [entry.sha for entry in entries]
    blobs = gitrepo.read_blobs([*shas, shas[0]])
    assert blobs == {entry.sha: gitrepo.read_blob(entry.sha) for entry in entries}
    assert blobs[blob(repo, "HEAD", "changes/2026/A.yaml")] == b"a: 2\n"
    assert gitrepo.read_blobs([]) == {}


def test_a_blob_git_does_not_have_is_left_out(repo: Path) -> None:
    gitrepo = GitRepo(repo)
    known = blob(repo, "HEAD", "tenants/new.yaml")
    assert gitrepo.read_blobs(["0" * 40, known, "f" * 40]) == {known: b"id: new\n"}


def test_a_blob_git_does_not_have_read_alone_is_an_os_error_naming_it(repo: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"its blob ffffffffffff is not in the repository"):
        GitRepo(repo).read_blob("f" * 40)


def test_links_and_submodules_are_entries_with_their_mode_and_no_blob_to_parse(
    repo: Path,
) -> None:
    (repo / "changes/2026/D.yaml").symlink_to("/etc/passwd")
    head = git(repo, "rev-parse", "HEAD").strip()
    (repo / "changes/vendor").mkdir()  # a submodule not checked out
    git(repo, "update-index", "--add", "--cacheinfo", f"160000,{head},changes/vendor")
    commit(repo, "odd entries")
    gitrepo = GitRepo(repo)
    entries = gitrepo.tree_entries(gitrepo.resolve("HEAD"), lambda path: path < "d")
    assert [(e.path, e.mode, e.regular) for e in entries] == [
        ("changes/2026/A.yaml", "100644", True),
        ("changes/2026/C.yaml", "100644", True),
        ("changes/2026/D.yaml", "120000", False),
        ("changes/vendor", "160000", False),
    ]
    assert [path for path, _ in gitrepo.read_files(gitrepo.resolve("HEAD"), bool)] == [
        "changes/2026/A.yaml",
        "changes/2026/C.yaml",
        "tenants/new.yaml",
    ]
    added = gitrepo.changed_files(gitrepo.resolve("HEAD~1"), gitrepo.resolve("HEAD"))
    assert added == [
        FileChange("added", None, "changes/2026/D.yaml", None, None),
        FileChange("added", None, "changes/vendor", None, None),
    ]


def test_empty_files_and_binary_bytes_come_back_exactly(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    contents = {"empty.yaml": b"", "newlines.yaml": b"\n\n", "binary.yaml": bytes(range(256))}
    for name, data in contents.items():
        (root / name).write_bytes(data)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "odd files")
    gitrepo = GitRepo(root)
    shas = {name: blob(root, "HEAD", name) for name in contents}
    found = gitrepo.read_blobs(shas.values())
    assert {name: found[sha] for name, sha in shas.items()} == contents


def commit_at(root: Path, message: str, when: str, author: str) -> str:
    """Commit everything as `author` at `when`; the new commit's sha."""
    git(
        root,
        "-c",
        f"user.name={author}",
        "commit",
        "-q",
        "-m",
        message,
        "--date",
        when,
        "--author",
        f"{author} <{author.lower()}@example.com>",
    )
    return git(root, "rev-parse", "HEAD").strip()


def test_log_touches_name_each_commit_file_and_blob_newest_first(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    a, b = "changes/2026/A.yaml", "changes/2026/B.yaml"
    write(root, a, "status: draft\n")
    write(root, "tenants/t.yaml", "id: t\n")
    git(root, "add", "-A")
    first = commit_at(root, "first", "2026-09-01T09:00:00+10:00", "Alice Ärger")
    write(root, a, "status: approved\n")
    write(root, b, "status: draft\n")
    git(root, "add", "-A")
    second = commit_at(root, "second", "2026-09-03T09:00:00+00:00", "Bob")
    git(root, "rm", "-q", a)
    third = commit_at(root, "third", "2026-09-05T12:30:00+00:00", "Bob")
    touches = GitRepo(root).log_touches(["changes"])
    ten = timezone(timedelta(hours=10))
    assert touches == [
        Touch(third, datetime(2026, 9, 5, 12, 30, tzinfo=UTC), "Bob", a, None),
        Touch(second, datetime(2026, 9, 3, 9, tzinfo=UTC), "Bob", a, blob(root, second, a)),
        Touch(second, datetime(2026, 9, 3, 9, tzinfo=UTC), "Bob", b, blob(root, second, b)),
        Touch(first, datetime(2026, 9, 1, 9, tzinfo=ten), "Alice Ärger", a, blob(root, first, a)),
    ]
    assert [t.path for t in GitRepo(root).log_touches(["tenants"])] == ["tenants/t.yaml"]
    assert len(GitRepo(root).log_touches([])) == 5


def test_a_rename_is_a_deletion_and_an_addition(repo: Path) -> None:
    touches = GitRepo(repo).log_touches(["changes/2026/B.yaml", "changes/2026/C.yaml"])
    assert [(t.path, t.blob is None) for t in touches] == [
        ("changes/2026/B.yaml", True),
        ("changes/2026/C.yaml", False),
        ("changes/2026/B.yaml", False),
    ]


def test_a_repository_without_commits_has_no_touches(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root, "changes/2026/A.yaml", "a: 1\n")
    assert GitRepo(root).log_touches(["changes"]) == []
