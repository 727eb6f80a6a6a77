"""Conflict alerts: two merges that each pass alone but clash together on main alert the
change desk's channel and, by e-mail through the `people` entry, the owners of both items;
once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from notify_helpers import FIXTURE, Place, servers

PEOPLE = """\
  - id: people-email
    url: mailto://127.0.0.1:${SMTP_PORT}?from=change-desk@notify.example.com
    events: [conflict]
    people: true
  - id: desk-hook
    url: json://127.0.0.1:${WEBHOOK_PORT}/desk
    events: [conflict]
"""
SECOND = """\
# yaml-language-server: $schema=../../schemas/maintenance.schema.json
id: MNT-2026-0002
kind: maintenance
title: UK storage upgrade
status: scheduled
owner: bob
published: 2026-12-01T09:00
window: {start: 2026-12-28T23:30, end: 2026-12-29T00:30}
regions: [uk]
services: all
environments: [production]
tenants: all
downtime: true
public_text: The service will be unavailable for an hour.
"""


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Place]:
    source = tmp_path / "source"
    shutil.copytree(FIXTURE, source)
    with (source / "ftgitops.yaml").open("a", encoding="utf-8") as platform:
        platform.write(PEOPLE)
    with servers() as (mailbox, hook):
        yield Place(tmp_path, monkeypatch, mailbox, hook, source)


def test_a_conflict_on_main_alerts_the_desk_and_both_owners_once(place: Place) -> None:
    place.notify("2026-12-01T09:00")
    place.merge("changes/2026/MNT-2026-0001.yaml", "status: draft", "status: scheduled")
    place.add("changes/2026/MNT-2026-0002.yaml", SECOND, "a second notice")
    result = place.notify("2026-12-01T10:00")
    assert result.code == 0, result.out + result.err
    desk = [call for call in place.hook.calls if call["path"] == "/desk"]
    assert [call["title"] for call in desk] == ["Conflict on main: MNT-2026-0001 and MNT-2026-0002"]
    owners = sorted(
        str(m["To"]) for m in place.mailbox.messages if str(m["Subject"]).startswith("Conflict")
    )
    assert owners == ["alice.private@example.com", "bob.private@example.com"]
    before = (len(place.hook.calls), len(place.mailbox.messages))
    place.notify("2026-12-01T10:30")
    assert (len(place.hook.calls), len(place.mailbox.messages)) == before
