"""Builds killed with SIGKILL at every step while a reader polls the site: it always reads a
whole page, never a missing one, and the next build leaves nothing behind.

Each build is a real `python -m ftgitops build` in a child process. It is killed at a named
step (`FTGITOPS_TEST_PAUSE_AT`: the build says "paused at STEP" and waits there) and after
random delays that land anywhere, MkDocs' writing included. A thread reads
`public/index.html` whole, again and again, all the while.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from gitfixture import commit, git, init
from site_helpers import NOW, PROJECT_ROOT, copy_fixture

from ftgitops import publish

STEPS = ("staged", "linked", "switched")
RANDOM_KILLS = 5


class Reader(threading.Thread):
    """Reads one page whole until stopped; counts reads, keeps every failure."""

    def __init__(self, page: Path) -> None:
        super().__init__(daemon=True)
        self.page = page
        self.halt = threading.Event()
        self.reads = 0
        self.failures: list[str] = []

    def run(self) -> None:
        while not self.halt.is_set():
            try:
                text = self.page.read_text(encoding="utf-8")
            except OSError as error:
                self.failures.append(repr(error))
            else:
                self.reads += 1
                if not text.rstrip().endswith("</html>"):
                    self.failures.append(f"a page of {len(text)} characters, cut short")
            time.sleep(0.001)


def repository(tmp_path: Path) -> Path:
    root = copy_fixture(tmp_path / "repo")
    shutil.copy(PROJECT_ROOT / ".gitignore", root / ".gitignore")
    init(root)
    commit(root, "the fixture")
    return root


def start(root: Path, pause_at: str | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    if pause_at is not None:
        env[publish.PAUSE_VARIABLE] = pause_at
    return subprocess.Popen(
        [sys.executable, "-m", "ftgitops", "--root", str(root), "build", "--now", NOW],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def build(root: Path) -> float:
    """One whole build; its seconds."""
    began = time.monotonic()
    process = start(root)
    assert process.wait(timeout=120) == 0
    return time.monotonic() - began


def kill_at(root: Path, step: str) -> None:
    process = start(root, step)
    assert process.stderr is not None
    try:
        assert process.stderr.readline() == f"paused at {step}\n"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)


def kill_after(root: Path, seconds: float) -> None:
    process = start(root)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)


def assert_clean(root: Path, previous: str) -> None:
    """The published build, the one it replaced, the marker and the lock: nothing else."""
    current = os.readlink(root / "public").split("/")[1]
    builds = sorted(p.name for p in (root / ".public.builds").iterdir())
    assert builds == sorted([publish.MARKER, publish.LOCK, current, previous])
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".public")) == [
        ".public.builds"
    ]
    assert git(root, "status", "--porcelain") == ""


def test_a_reader_never_misses_a_page_while_builds_are_killed(tmp_path: Path) -> None:
    root = repository(tmp_path)
    seconds = build(root)
    reader = Reader(root / "public" / "index.html")
    reader.start()
    try:
        for step in STEPS:
            kill_at(root, step)
        chance = random.Random(8)
        for _ in range(RANDOM_KILLS):
            kill_after(root, chance.uniform(0.05, seconds))
        previous = os.readlink(root / "public").split("/")[1]
        build(root)
    finally:
        reader.halt.set()
        reader.join(timeout=10)
    assert reader.failures == []
    assert reader.reads > 100
    assert_clean(root, previous)


def test_a_killed_build_cannot_lose_an_older_versions_site(tmp_path: Path) -> None:
    """An older version's real public/ folder: a build killed just before taking it over
    leaves it as it was; the next build takes it over in one step."""
    root = repository(tmp_path)
    build(root)
    public = root / "public"
    site = public.resolve()
    public.unlink()
    site.rename(public)
    (public / publish.MARKER).unlink()
    shutil.rmtree(root / ".public.builds")
    reader = Reader(public / "index.html")
    reader.start()
    try:
        kill_at(root, "linked")
        assert not public.is_symlink()
        build(root)
    finally:
        reader.halt.set()
        reader.join(timeout=10)
    assert reader.failures == []
    assert publish.is_our_link(public)
    assert git(root, "status", "--porcelain") == ""
