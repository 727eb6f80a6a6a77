"""Helpers for the Octopus tests: a bare origin holding tests/fixtures/octopus and a clone of
it, the test Octopus server (tests/octopus_server.py) seeded with the fixture's 12 tenants,
and `ftgitops deploy` run against it, in this process or as a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT_ROOT, TESTS, CliResult
from deploy_helpers import run_in_process
from gitfixture import bare_origin, clone, commit, git
from octopus_server import KEY, Octopus, serving

from ftgitops.load.yamlload import load_mapping

FIXTURE = TESTS / "fixtures" / "octopus"
REL = "changes/2026/REL-2026-0001.yaml"
GROUP_1 = ["Tenant 1", "Tenant 2 (Octopus)", "Tenant 3"]


def octopus_names() -> dict[str, list[str]]:
    """The fixture's tenants' Octopus names by group."""
    names = [f"Tenant {n}" if n != 2 else "Tenant 2 (Octopus)" for n in range(1, 13)]
    return {"1": names[:3], "2": names[3:7], "3": names[7:]}


def seeded() -> Octopus:
    """The server with the fixture's tenants: group 1 in every environment, the others in
    Production only; pages of 2, so every lookup pages."""
    state = Octopus(max_take=2)
    groups = octopus_names()
    state.add_tenants(groups["3"] + groups["2"], ("Production",))  # "Tenant 1" is on page 2
    state.add_tenants(groups["1"])
    return state


class Place:
    """An origin and a clone to deploy from, and the server, on while the test runs."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str) -> None:
        self.tmp = tmp_path
        self.origin = bare_origin(tmp_path / "origin.git", FIXTURE)
        self.clone = clone(self.origin, tmp_path / "clone")
        self.outputs: list[str] = []
        monkeypatch.setenv("OCTOPUS_URL", url)
        monkeypatch.setenv("OCTOPUS_API_KEY", KEY)
        monkeypatch.delenv("FTGITOPS_TEST_KILL_AT", raising=False)

    def deploy(self, now: str, *options: str) -> CliResult:
        result = run_in_process(self.clone, now, *options)
        self.outputs += [result.out, result.err]
        return result

    def data(self) -> dict[str, Any]:
        return load_mapping(git(self.origin, "show", f"main:{REL}").encode())

    def log(self) -> list[str]:
        """The origin's log of the release: `action target #attempt outcome status`."""
        found = []
        for line in self.data().get("log", []):
            parts = [line["action"], line.get("target"), line.get("attempt"), line.get("outcome")]
            found.append(" ".join(str(p) for p in [*parts, line.get("status")] if p is not None))
        return found

    def lines(self, action: str) -> list[dict[str, Any]]:
        return [line for line in self.data().get("log", []) if line["action"] == action]

    def waves(self) -> list[str | None]:
        return [wave.get("status") for wave in self.data()["waves"]]

    def edit(self, old: str, new: str) -> None:
        """Change the release on the origin's main, as a person would (through the clone)."""
        self.change(lambda text: text.replace(old, new, 1) if old in text else "")

    def append(self, lines: str) -> None:
        """Add lines at the end of the release (its log is last)."""
        self.change(lambda text: text + lines)

    def change(self, how: Callable[[str], str]) -> None:
        git(self.clone, "pull", "-q", "origin", "main")
        path = self.clone / REL
        text = how(path.read_text(encoding="utf-8"))
        assert text
        path.write_text(text, encoding="utf-8")
        commit(self.clone, "a person's edit")
        git(self.clone, "push", "-q", "origin", "HEAD:main")


@contextmanager
def place_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, state: Octopus) -> Iterator[Place]:
    with serving(state) as url:
        yield Place(tmp_path, monkeypatch, url)


def spawn(root: Path, now: str, kill_at: str | None = None) -> subprocess.Popen[str]:
    """`ftgitops deploy` as a process of its own (its environment has the server's URL and key)."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    if kill_at:
        env["FTGITOPS_TEST_KILL_AT"] = kill_at
    command = [sys.executable, "-m", "ftgitops", "--root", str(root), "deploy", "--now", now]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
