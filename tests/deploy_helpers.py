"""Helpers for the deploy tests: a bare origin holding tests/fixtures/deploy and clones of it,
`ftgitops deploy` run in the test process or as a real process, and what the commands and
the record left behind.

The fixture's commands append `<action> <target> <attempt>` to `$MARKERS/log` and fail while
the test leaves `$MARKERS/fail-<action>` behind (`fail-deployuat`: only UAT deploys fail).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT_ROOT, TESTS, CliResult
from gitfixture import bare_origin, clone, git

from ftgitops.load.yamlload import load_mapping
from ftgitops.main import main

FIXTURE = TESTS / "fixtures" / "deploy"
CHG = "changes/2026/CHG-2026-0001.yaml"
REL = "changes/2026/REL-2026-0001.yaml"
TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
RUN = re.compile(r"\d{8}T\d{6}Z-[0-9a-f]{8}")


class Place:
    """An origin, a clone of it to deploy from, and the markers folder the commands write to."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.tmp = tmp_path
        self.origin = bare_origin(tmp_path / "origin.git", FIXTURE)
        self.clone = clone(self.origin, tmp_path / "clone")
        self.markers = tmp_path / "markers"
        self.markers.mkdir()
        monkeypatch.setenv("MARKERS", str(self.markers))
        monkeypatch.delenv("FTGITOPS_TEST_KILL_AT", raising=False)

    def deploy(self, now: str, *options: str, root: Path | None = None) -> CliResult:
        """`ftgitops deploy --now NOW` in this process, on the clone."""
        return run_in_process(root or self.clone, now, *options)

    def fail(self, *names: str) -> None:
        for name in names:
            (self.markers / f"fail-{name}").touch()

    def heal(self, *names: str) -> None:
        for name in names:
            (self.markers / f"fail-{name}").unlink()

    def calls(self) -> list[str]:
        """The commands' marker lines, in order."""
        path = self.markers / "log"
        return path.read_text(encoding="utf-8").splitlines() if path.exists() else []

    def text(self, relative: str = CHG) -> str:
        """A file as it is on the origin's main."""
        return git(self.origin, "show", f"main:{relative}")

    def data(self, relative: str = CHG) -> dict[str, Any]:
        return load_mapping(self.text(relative).encode())

    def log(self, relative: str = CHG) -> list[str]:
        """The origin's log of an item, a line each: `action target #attempt outcome status`."""
        return [_line(entry) for entry in self.data(relative).get("log", [])]

    def commits(self) -> list[str]:
        """The origin's commits, newest first: `author: subject`."""
        return git(self.origin, "log", "--format=%an <%ae>: %s", "main").splitlines()


def _line(entry: dict[str, Any]) -> str:
    parts = [entry["action"], entry.get("target"), entry.get("attempt"), entry.get("outcome")]
    parts.append(entry.get("status"))
    return " ".join(str(part) for part in parts if part is not None)


def run_in_process(root: Path, now: str, *options: str) -> CliResult:
    """The command line, in this process; its exit code and output."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), "deploy", "--now", now, *options])
    return CliResult(code, out.getvalue(), err.getvalue())


def spawn(root: Path, now: str, *options: str, kill_at: str | None = None) -> subprocess.Popen[str]:
    """`ftgitops deploy` as a process of its own (for races and crashes)."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    if kill_at:
        env["FTGITOPS_TEST_KILL_AT"] = kill_at
    command = [sys.executable, "-m", "ftgitops", "--root", str(root), "deploy", "--now", now]
    return subprocess.Popen(
        [*command, *options], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def masked(text: str) -> str:
    """Text with its times and run ids replaced, so layouts can be compared exactly."""
    return RUN.sub("RUN", TIME.sub("TIME", text))
