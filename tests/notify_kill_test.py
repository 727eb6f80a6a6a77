"""`ftgitops notify` killed (SIGKILL) at each step in turn, then run again: no event is lost,
and a message is sent twice only when the kill fell between a send and its record, and then
one message once more at most."""

from __future__ import annotations

import signal
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from notify_helpers import MNT, Place, servers, spawn

from ftgitops.load.yamlload import load_mapping

STEPS = ("after-sync", "after-send", "after-record", "before-cursor")
EXPECTED = {
    "ops-webhook": 1,
    "customer-email:alpha-staffing:al@alpha.example.com": 1,
    "customer-email:alpha-staffing:ann@alpha.example.com": 1,
    "customer-email:beta-care:bea@beta.example.com": 1,
}


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Place]:
    with servers() as (mailbox, hook):
        yield Place(tmp_path, monkeypatch, mailbox, hook)


def received(place: Place) -> Counter[str]:
    """How often each recipient got something."""
    counts = Counter(
        f"customer-email:{_tenant(str(m['To']))}:{m['To']}" for m in place.mailbox.messages
    )
    counts["ops-webhook"] = len(place.hook.calls)
    return counts


def _tenant(address: str) -> str:
    return {"alpha": "alpha-staffing", "beta": "beta-care"}[address.split("@")[1].split(".")[0]]


@pytest.mark.parametrize("step", STEPS)
def test_a_run_killed_at_any_step_then_run_again_loses_nothing_and_repeats_one_at_most(
    place: Place, step: str
) -> None:
    place.notify("2026-12-01T09:00")
    place.merge(MNT, "status: draft", "status: scheduled", "schedule MNT-2026-0001")
    killed = spawn(place.clone, "2026-12-01T10:00", kill_at=step)
    killed.communicate(timeout=120)
    assert killed.returncode == -signal.SIGKILL
    again = place.notify("2026-12-01T10:05")
    assert again.code == 0, again.out + again.err
    counts = received(place)
    extra = Counter(counts)
    extra.subtract(EXPECTED)
    duplicates = {to: n for to, n in extra.items() if n}
    if step == "after-send":  # killed between the first send and its record
        assert duplicates == {"ops-webhook": 1}
    else:
        assert duplicates == {}
    assert place.notify("2026-12-01T10:10").out.endswith("0 deliveries, 0 sent, 0 failed\n")
    assert received(place) == counts
    ledger = load_mapping(place.show("notified/2026/MNT-2026-0001.yaml").encode())
    assert sorted(line["to"] for line in ledger["sent"]) == sorted(EXPECTED)
