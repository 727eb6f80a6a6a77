"""FT020: `ftgitops build` refuses an output it did not make, and leaves the repository alone.

Each refused `--output` is a file in tests/examples/negative/output/, read by its header:

- `# make: file PATH` (an uncommitted file with a line of text) or `# make: link PATH -> TARGET`;
- `# run: OPTIONS`: the options of `ftgitops build` (`$ROOT`: the repository's real path);
- `# expect: LINE`: the one line on standard error.

The repository is the hostile site fixture under git, with the project's .gitignore and a
schemas/ folder, and a folder beside it; the build runs in the repository. It must exit 2,
print exactly the line, and leave every file in and beside the repository as it was.
"""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import EXAMPLES
from gitfixture import commit, git, init
from site_helpers import NOW, PROJECT_ROOT, build, copy_fixture

from ftgitops import publish

CASES = sorted((EXAMPLES / "negative" / "output").glob("FT020-*.txt"))


class Case(NamedTuple):
    """One refused output: what to make first, the build's options, the error line."""

    makes: tuple[str, ...]
    run: str
    expected: str


def read_case(path: Path) -> Case:
    fields: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, value = line.removeprefix("# ").partition(": ")
        fields.setdefault(key.rstrip(":"), []).append(value.strip())
    assert len(fields["expect"]) == 1 and len(fields["run"]) == 1, path.name
    return Case(tuple(fields.get("make", [])), fields["run"][0], fields["expect"][0])


def make_repository(tmp_path: Path) -> Path:
    """The hostile fixture with schemas/ and .gitignore, committed; a folder beside it."""
    root = copy_fixture(tmp_path / "repo")
    (root / "schemas").mkdir()
    shutil.copy(PROJECT_ROOT / "schemas" / "change.schema.json", root / "schemas")
    shutil.copy(PROJECT_ROOT / ".gitignore", root / ".gitignore")
    init(root)
    commit(root, "the fixture")
    (tmp_path / "beside").mkdir()
    (tmp_path / "beside" / "keep.txt").write_text("not the site's\n", encoding="utf-8")
    return root


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file's bytes, every link's target and every folder under `folder`."""
    found: dict[str, bytes | str] = {}
    for where, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(where, name)
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[key] = f"link to {os.readlink(path)}"
            else:
                found[key] = path.read_bytes() if path.is_file() else "folder"
    return found


def make(root: Path, line: str) -> None:
    kind, _, what = line.partition(" ")
    if kind == "file":
        (root / what).parent.mkdir(parents=True, exist_ok=True)
        (root / what).write_text("a file of the user's\n", encoding="utf-8")
    else:
        assert kind == "link", line
        name, _, target = what.partition(" -> ")
        (root / name).symlink_to(target)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_a_refused_output_is_ft020_and_touches_nothing(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    case = read_case(path)
    root = make_repository(tmp_path)
    for line in case.makes:
        make(root, line)
    monkeypatch.chdir(root)
    before = snapshot(tmp_path)
    options = shlex.split(case.run.replace("$ROOT", str(root.resolve())))
    assert build(root, "--now", NOW, *options) == 2
    captured = capsys.readouterr()
    assert captured.err == case.expected.replace("$ROOT", str(root.resolve())) + "\n"
    assert captured.out == ""
    assert snapshot(tmp_path) == before


def test_there_is_a_case_for_every_place_the_issue_names() -> None:
    runs = {read_case(path).run for path in CASES}
    for option in ("$ROOT", ".", "..", "changes", "tenants", "schemas", "site", ".git"):
        assert f"--output {option}" in runs, option


def test_builds_change_nothing_but_their_outputs(tmp_path: Path) -> None:
    """Every edition, twice (the second replaces the first), into the default folders and into
    a folder beside the repository: the repository's files are as they were, byte for byte,
    `git status` shows nothing (.gitignore), and nothing beside the output is gone."""
    root = make_repository(tmp_path)
    before = snapshot(tmp_path)
    for _ in range(2):
        assert build(root, "--now", NOW) == 0
        assert build(root, "--now", NOW, "--audience", "internal") == 0
        assert build(root, "--now", NOW, "--all-tenants") == 0
        assert build(root, "--now", NOW, "--output", str(tmp_path / "beside" / "site")) == 0
    after = snapshot(tmp_path)
    assert {key: after.get(key) for key in before} == before
    new = sorted(key for key in after if key not in before and "builds/" not in key)
    assert new == [
        "beside/.site.builds",
        "beside/site",
        "repo/.public-internal.builds",
        "repo/.public.builds",
        "repo/public",
        "repo/public-internal",
        "repo/public-tenants",
        "repo/public-tenants/.ftgitops-site",
        "repo/public-tenants/.quokka-confidential.builds",
        "repo/public-tenants/.zebra-secret.builds",
        "repo/public-tenants/quokka-confidential",
        "repo/public-tenants/zebra-secret",
    ]
    assert git(root, "status", "--porcelain", "--ignored=no") == ""


def test_a_site_an_older_version_built_is_replaced(tmp_path: Path) -> None:
    """No marker, but the files only ftgitops writes: the first build takes it over."""
    root = make_repository(tmp_path)
    assert build(root, "--now", NOW, "--output", str(tmp_path / "new")) == 0
    old = root / "public"
    shutil.copytree(tmp_path / "new", old, symlinks=False)
    (old / publish.MARKER).unlink()
    (old / "only-in-the-old-site.txt").write_text("old\n", encoding="utf-8")
    assert build(root, "--now", NOW) == 0
    assert publish.is_our_link(old)
    assert not (old / "only-in-the-old-site.txt").exists()
    assert (old / "index.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_an_empty_folder_is_free(tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    root = make_repository(tmp_path)
    assert build(root, "--now", NOW, "--output", str(out)) == 0
    assert publish.is_our_link(out)


def test_the_docs_dir_is_read_whatever_site_dir_the_file_names(tmp_path: Path) -> None:
    """Without `site_dir`, MkDocs' default (site/) is the docs_dir: only the build's own
    site_dir counts, so the guard reads the file without it."""
    root = make_repository(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_dir: public\n", ""))
    assert build(root, "--now", NOW) == 0
    assert publish.is_our_link(root / "public")
