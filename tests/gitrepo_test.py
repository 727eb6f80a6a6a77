"""GitRepo on real repositories: merge base, changed files with blob shas, trees from objects."""

from __future__ import annotations

from pathlib import Path

import pytest
from gitfixture import commit, git, init

from ftgitops.errors import FtgitopsError
from ftgitops.gitrepo import FileChange, GitRepo


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
