"""The cyclic collector's one pause: around each command, restored however the command ends;
the conflict engine itself leaves the collector alone."""

from __future__ import annotations

import argparse
import gc
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conflict_repo import change, load, make_repo

from ftgitops.collector import collector_paused
from ftgitops.commands import conflicts as conflicts_command
from ftgitops.conflicts import engine, find_conflicts
from ftgitops.main import main


def test_the_collector_is_paused_inside_and_left_as_it_was() -> None:
    assert gc.isenabled()
    try:
        with collector_paused():
            assert not gc.isenabled()
            raise ValueError("out of the block")
    except ValueError:
        pass
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_main_pauses_it_around_the_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo(tmp_path, change("CHG-2026-0101", "2026-12-04T20:00", "2026-12-04T22:00"))
    seen: list[bool] = []
    command = conflicts_command.run

    def run(args: argparse.Namespace) -> int:
        seen.append(gc.isenabled())
        return command(args)

    monkeypatch.setattr(conflicts_command, "run", run)
    assert main(["--root", str(root), "conflicts", "--now", "2026-11-21T00:00Z"]) == 1
    assert seen == [False]
    assert gc.isenabled()


def test_the_engine_leaves_it_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = load(tmp_path, change("CHG-2026-0101", "2026-12-04T20:00", "2026-12-04T22:00"))
    seen: list[bool] = []
    build = engine.Schedule.__init__

    def watched(schedule: engine.Schedule, *args: object) -> None:
        seen.append(gc.isenabled())
        build(schedule, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine.Schedule, "__init__", watched)
    assert len(find_conflicts(model, datetime(2026, 11, 21, tzinfo=UTC))) == 1
    assert seen == [True]
