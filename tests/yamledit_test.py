"""Round-trip edits: the rest of a file is kept byte for byte, added lines read as written by
hand, and the file is replaced atomically."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from ruamel.yaml.comments import CommentedMap

from ftgitops.errors import FtgitopsError
from ftgitops.load.yamlload import load_mapping
from ftgitops.yamledit import append, edit_file, edit_text, moment, set_value

ROOT = Path(__file__).parent.parent
CHANGE = """\
# yaml-language-server: $schema=../../schemas/change.schema.json
id: CHG-2026-0042  # the id
kind: change
status: approved   # moved by the deployer
owner: alice
implementers: [bob]
window:
  start: 2026-12-01T09:00
  end: 2026-12-01T10:00
# what it runs
deploy:
  driver: command
  command: "./ship.sh --all"
log:
  - at: 2026-11-30T09:00Z
    action: note
    by: alice
    message: Rehearsed on UAT.
"""
ENTRY = {"at": datetime(2026, 12, 1, 9, 0, 5, tzinfo=timezone(timedelta(hours=11))), "action": "x"}


def _data_files() -> list[Path]:
    found = [ROOT / "ftgitops.yaml"]
    for folder in (ROOT / "changes", ROOT / "tenants"):
        found += sorted(folder.rglob("*.yaml"))
    return found


def test_every_data_file_of_the_repository_round_trips_byte_for_byte() -> None:
    changed = []
    for path in _data_files():
        text = path.read_text(encoding="utf-8")
        if edit_text(text, lambda data: None, str(path)) != text:
            changed.append(path)
    assert changed == []
    assert len(_data_files()) > 70


def test_appending_a_log_entry_and_setting_the_status_keeps_comments_quotes_and_order() -> None:
    def edit(data: CommentedMap) -> None:
        set_value(data, "status", "in-progress")
        append(data, "log", {**ENTRY, "action": "started", "target": "all", "attempt": 1})

    edited = edit_text(CHANGE, edit)
    assert edited == CHANGE.replace("status: approved   #", "status: in-progress #") + (
        "  - at: 2026-11-30T22:00:05Z\n    action: started\n    target: all\n    attempt: 1\n"
    )


def test_an_empty_flow_log_becomes_a_block_list_and_a_missing_one_is_added_at_the_end() -> None:
    with_flow = CHANGE.split("log:")[0] + "log: []\n"
    edited = edit_text(with_flow, lambda data: append(data, "log", ENTRY))
    assert edited.endswith("log:\n  - at: 2026-11-30T22:00:05Z\n    action: x\n")
    without = CHANGE.split("log:")[0]
    edited = edit_text(without, lambda data: append(data, "log", ENTRY))
    assert edited == without + "log:\n  - at: 2026-11-30T22:00:05Z\n    action: x\n"


def test_output_with_line_breaks_is_a_literal_block_the_strict_loader_reads_back() -> None:
    output = "step 1: ok\nstep 2: 'quoted' and \"double\" # not a comment\n- not a list"
    edited = edit_text(CHANGE, lambda data: append(data, "log", {**ENTRY, "output": output}))
    assert "    output: |-\n      step 1: ok\n" in edited
    data = load_mapping(edited.encode())
    assert data["log"][-1] == {"at": "2026-11-30T22:00:05Z", "action": "x", "output": output}


def test_another_indent_style_is_kept_too() -> None:
    text = "id: x\nwave:\n    name: one\nlog:\n- at: 2026-11-30T09:00Z\n  action: note\n"
    edited = edit_text(text, lambda data: append(data, "log", ENTRY))
    assert edited == text + "- at: 2026-11-30T22:00:05Z\n  action: x\n"


def test_a_file_is_rewritten_only_when_the_edit_changes_it(tmp_path: Path) -> None:
    path = tmp_path / "CHG.yaml"
    path.write_text(CHANGE, encoding="utf-8")
    assert edit_file(path, lambda data: set_value(data, "status", "approved")) is False
    assert edit_file(path, lambda data: set_value(data, "status", "completed")) is True
    assert "status: completed  # moved by the deployer\n" in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["CHG.yaml"]  # no temp file left


def test_a_file_that_is_not_yaml_or_not_a_mapping_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(FtgitopsError, match="cannot edit"):
        edit_text("a: [1, 2\n", lambda data: None, "bad.yaml")
    with pytest.raises(FtgitopsError, match="the top level is not a mapping"):
        edit_text("- 1\n", lambda data: None, "list.yaml")
    with pytest.raises(FtgitopsError, match="cannot read"):
        edit_file(tmp_path / "missing.yaml", lambda data: None)


def test_times_are_written_in_utc_to_the_second() -> None:
    assert moment(datetime(2026, 3, 29, 1, 5, 9, 999, tzinfo=UTC)) == "2026-03-29T01:05:09Z"
