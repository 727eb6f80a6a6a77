"""Publishing: a link switched in one rename, the replaced build kept until the next build,
leftovers of killed builds removed, an older version's real folder taken over."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from ftgitops import publish
from ftgitops.outputguard import OLD_SITE_FILES


def site(text: str) -> Callable[[Path], None]:
    """A build that writes a one-page site saying `text`."""

    def write(folder: Path) -> None:
        (folder / "index.html").write_text(f"<html>{text}</html>\n", encoding="utf-8")

    return write


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_published_path_is_a_relative_link_into_the_builds(tmp_path: Path) -> None:
    public = tmp_path / "public"
    publish.publish(public, site("one"))
    target = os.readlink(public)
    assert target.startswith(".public.builds/site-") and target.count("/") == 1
    assert (public / "index.html").read_text(encoding="utf-8") == "<html>one</html>\n"
    assert (public / publish.MARKER).read_text(encoding="utf-8") == publish.MARKER_TEXT
    assert (public.resolve().stat().st_mode & 0o777) == publish.PUBLISHED_MODE
    builds = tmp_path / ".public.builds"
    assert names(builds) == sorted([publish.MARKER, publish.LOCK, target.split("/")[1]])
    assert names(tmp_path) == [".public.builds", "public"]


def test_the_replaced_build_stays_until_the_next_build_starts(tmp_path: Path) -> None:
    """A reader that resolved `public` just before the switch can still finish its lookup."""
    public = tmp_path / "public"
    builds = tmp_path / ".public.builds"
    published = []
    for text in ("one", "two", "three"):
        publish.publish(public, site(text))
        published.append(os.readlink(public).split("/")[1])
        assert (public / "index.html").read_text(encoding="utf-8") == f"<html>{text}</html>\n"
    assert names(builds) == sorted([publish.MARKER, publish.LOCK, *published[1:]])


def test_a_failed_build_leaves_the_published_site_and_no_folder(tmp_path: Path) -> None:
    public = tmp_path / "public"
    publish.publish(public, site("good"))
    before = names(tmp_path / ".public.builds")

    def fail(folder: Path) -> None:
        (folder / "index.html").write_text("<html>half", encoding="utf-8")
        raise RuntimeError("MkDocs failed")

    with pytest.raises(RuntimeError):
        publish.publish(public, fail)
    assert (public / "index.html").read_text(encoding="utf-8") == "<html>good</html>\n"
    assert names(tmp_path / ".public.builds") == before


def test_what_killed_builds_left_is_removed_and_nothing_else(tmp_path: Path) -> None:
    public = tmp_path / "public"
    publish.publish(public, site("good"))
    builds = tmp_path / ".public.builds"
    (builds / "site-killed1").mkdir()  # killed while MkDocs wrote
    (builds / "site-killed1" / "half.html").write_text("<html>", encoding="utf-8")
    (builds / ".link-0badf00d").symlink_to(".public.builds/site-killed1")  # killed before switch
    (tmp_path / ".public.new-abc_1234").mkdir()  # an older version's staging folder
    (tmp_path / ".public.old-4242").mkdir()  # and its moved-aside site
    (tmp_path / ".public.notes").mkdir()  # not a name any build makes
    publish.publish(public, site("next"))
    current = os.readlink(public).split("/")[1]
    assert len(names(builds)) == 4 and current in names(builds)
    assert "site-killed1" not in names(builds) and ".link-0badf00d" not in names(builds)
    assert names(tmp_path) == [".public.builds", ".public.notes", "public"]


def old_site(folder: Path) -> None:
    """A site as an older version published it: a real folder, no marker."""
    for name in OLD_SITE_FILES:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("<html>old</html>\n", encoding="utf-8")


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_a_real_folder_becomes_the_link(
    exchange: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With renameat2(RENAME_EXCHANGE) in one step; where the system has none, in two
    renames. Either way the old site moves into the builds and goes at the next build."""
    if not exchange:
        monkeypatch.setattr(publish, "_exchange", lambda first, second: False)
    public = tmp_path / "public"
    public.mkdir()
    old_site(public)
    publish.publish(public, site("new"))
    assert publish.is_our_link(public)
    assert (public / "index.html").read_text(encoding="utf-8") == "<html>new</html>\n"
    builds = tmp_path / ".public.builds"
    aside = [p for p in builds.iterdir() if p.name.startswith((".link-", "old-"))]
    assert [(p / "banner.json").read_text(encoding="utf-8") for p in aside] == [
        "<html>old</html>\n"
    ]
    publish.publish(public, site("newer"))
    assert not aside[0].exists()
    assert names(tmp_path) == [".public.builds", "public"]


def test_the_exchange_swaps_a_folder_and_a_link(tmp_path: Path) -> None:
    """The system call itself, where Linux has it (the test suite's machines do)."""
    folder, link = tmp_path / "folder", tmp_path / "link"
    folder.mkdir()
    (folder / "page.html").write_text("page", encoding="utf-8")
    link.symlink_to("elsewhere")
    assert publish._exchange(link, folder)
    assert os.readlink(folder) == "elsewhere"
    assert (link / "page.html").read_text(encoding="utf-8") == "page"


def test_only_a_link_of_the_builds_own_form_is_ours(tmp_path: Path) -> None:
    cases = {
        "public": ".public.builds/site-x",
        "other": ".public.builds/site-x",
        "deep": ".deep.builds/site-x/more",
        "absolute": str(tmp_path / ".absolute.builds" / "site-x"),
    }
    for name, target in cases.items():
        (tmp_path / name).symlink_to(target)
    ours = [name for name in cases if publish.is_our_link(tmp_path / name)]
    assert ours == ["public"]


def test_the_pause_hook_does_nothing_unless_asked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(publish.PAUSE_VARIABLE, "another-step")
    publish.pause_point("staged")
    assert capsys.readouterr().err == ""


def test_a_second_build_of_the_same_output_waits_for_the_first(tmp_path: Path) -> None:
    """One build at a time per output: the lock is held from cleaning to switching, so no
    build removes another's folder as a leftover."""
    public = tmp_path / "public"
    publish.publish(public, site("first"))
    second = threading.Thread(target=publish.publish, args=(public, site("second")))
    with publish._locked(tmp_path / ".public.builds"):
        second.start()
        second.join(timeout=0.5)
        assert second.is_alive()
        assert (public / "index.html").read_text(encoding="utf-8") == "<html>first</html>\n"
    second.join(timeout=10)
    assert (public / "index.html").read_text(encoding="utf-8") == "<html>second</html>\n"
