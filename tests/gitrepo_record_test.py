"""GitRepo's writing side on real repositories: commits as the bot, fast-forward pushes to a
bare origin, a refused push when another clone got there first, fetch, rebase and reset."""

from __future__ import annotations

from pathlib import Path

import pytest
from gitfixture import bare_origin, clone, git

from ftgitops.errors import FtgitopsError
from ftgitops.gitrepo import GitRepo, Identity

BOT = Identity("deploy-bot", "bot@example.invalid")


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    seed = tmp_path / "files"
    (seed / "changes").mkdir(parents=True)
    (seed / "changes" / "A.yaml").write_text("a: 1\n", encoding="utf-8")
    (seed / "changes" / "B.yaml").write_text("b: 1\n", encoding="utf-8")
    return bare_origin(tmp_path / "origin.git", seed)


def _edit(root: Path, name: str, text: str) -> None:
    (root / "changes" / name).write_text(text, encoding="utf-8")


def test_the_identity_comes_from_the_environment_with_a_default() -> None:
    assert Identity.from_environment({}) == Identity("ftgitops", "ftgitops@users.noreply.invalid")
    given = {"FTGITOPS_GIT_NAME": "bot", "FTGITOPS_GIT_EMAIL": "bot@x.invalid"}
    assert Identity.from_environment(given) == Identity("bot", "bot@x.invalid")


def test_only_the_given_paths_are_committed_as_the_bot_and_pushed(
    origin: Path, tmp_path: Path
) -> None:
    root = clone(origin, tmp_path / "one")
    repo = GitRepo(root)
    assert (repo.branch(), repo.dirty_paths(), repo.has_remote("origin")) == ("main", [], True)
    _edit(root, "A.yaml", "a: 2\n")
    _edit(root, "B.yaml", "b: 2\n")
    assert repo.dirty_paths() == ["changes/A.yaml", "changes/B.yaml"]
    sha = repo.commit_paths(["changes/A.yaml"], "Record A", BOT)
    assert sha == repo.head()
    assert repo.commit_paths(["changes/A.yaml"], "nothing", BOT) is None
    assert repo.dirty_paths() == ["changes/B.yaml"]
    shown = git(root, "show", "-s", "--format=%an <%ae> / %cn <%ce> / %s", "HEAD").strip()
    assert shown == "deploy-bot <bot@example.invalid> / deploy-bot <bot@example.invalid> / Record A"
    assert repo.push("origin", "main") is True
    assert git(origin, "rev-parse", "main").strip() == sha
    assert repo.file_at(sha, "changes/A.yaml") == b"a: 2\n"
    assert repo.file_at(sha, "changes/none.yaml") is None


def test_a_push_after_another_clone_pushed_is_refused_then_rebased_and_pushed(
    origin: Path, tmp_path: Path
) -> None:
    first, second = clone(origin, tmp_path / "one"), clone(origin, tmp_path / "two")
    repo_one, repo_two = GitRepo(first), GitRepo(second)
    _edit(first, "A.yaml", "a: 2\n")
    repo_one.commit_paths(["changes/A.yaml"], "one", BOT)
    assert repo_one.push("origin", "main") is True
    _edit(second, "B.yaml", "b: 2\n")
    mine = repo_two.commit_paths(["changes/B.yaml"], "two", BOT)
    assert repo_two.push("origin", "main") is False
    theirs = repo_two.fetch("origin", "main")
    assert repo_two.ahead("origin/main") == [mine]
    assert repo_two.rebase("origin/main", BOT) is True
    assert repo_two.push("origin", "main") is True
    assert git(origin, "log", "--format=%s", "main").split() == ["two", "one", "base"]
    assert repo_two.ahead(theirs) != []


def test_a_conflicting_rebase_is_aborted_and_reset_drops_local_commits(
    origin: Path, tmp_path: Path
) -> None:
    first, second = clone(origin, tmp_path / "one"), clone(origin, tmp_path / "two")
    repo_one, repo_two = GitRepo(first), GitRepo(second)
    _edit(first, "A.yaml", "a: 2\n")
    repo_one.commit_paths(["changes/A.yaml"], "one", BOT)
    repo_one.push("origin", "main")
    _edit(second, "A.yaml", "a: 3\n")
    before = repo_two.commit_paths(["changes/A.yaml"], "two", BOT)
    theirs = repo_two.fetch("origin", "main")
    assert repo_two.rebase("origin/main", BOT) is False
    assert (repo_two.head(), repo_two.dirty_paths()) == (before, [])
    repo_two.reset_hard(theirs)
    assert (repo_two.head(), (second / "changes" / "A.yaml").read_text()) == (theirs, "a: 2\n")


def test_a_push_that_fails_for_another_reason_is_an_input_error(tmp_path: Path) -> None:
    root = tmp_path / "alone"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "commit", "-q", "--allow-empty", "-m", "x")
    repo = GitRepo(root)
    assert repo.has_remote("origin") is False
    with pytest.raises(FtgitopsError, match="git push failed"):
        repo.push("origin", "main")
    git(root, "checkout", "-q", "--detach")
    with pytest.raises(FtgitopsError, match="HEAD is detached"):
        GitRepo(root).branch()
