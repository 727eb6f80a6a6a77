"""What a notify run did, for people (text) and machines (JSON); never a URL or a secret:
a recipient is its ledger key, a channel its id."""

from __future__ import annotations

import json
from typing import Any

from ftgitops.notify.run import Outcome
from ftgitops.timetext import iso_utc


def _state(delivery: Any, dry: bool) -> str:
    if dry:
        return "would send"
    return "sent" if delivery.sent else f"FAILED ({delivery.error})"


def outcome_text(outcome: Outcome, dry: bool = False) -> str:
    """A line per delivery with its events, then a summary line."""
    lines = []
    for delivery in outcome.deliveries:
        keys = ", ".join(e.key for e in delivery.events)
        lines.append(f"{delivery.recipient.key}: {_state(delivery, dry)}: {keys}")
    sent = sum(1 for d in outcome.deliveries if d.sent)
    failed = len(outcome.failed)
    lines.append(
        f"ftgitops notify at {iso_utc(outcome.now)} (run {outcome.run}):"
        f" {len(outcome.events)} events, {len(outcome.deliveries)} deliveries,"
        f" {sent} sent, {failed} failed" + ("; dry run, nothing sent" if dry else "")
    )
    return "\n".join(lines) + "\n"


def outcome_json(outcome: Outcome, dry: bool = False) -> str:
    """The run as JSON: its events and deliveries."""
    data = {
        "run": outcome.run,
        "now": iso_utc(outcome.now),
        "base": outcome.base,
        "head": outcome.head,
        "dry_run": dry,
        "events": [
            {
                "key": e.key,
                "event": e.name,
                "item": e.item,
                "team": e.team,
                "customers": e.customers,
            }
            for e in outcome.events
        ],
        "deliveries": [
            {
                "to": d.recipient.key,
                "channel": d.recipient.channel.id,
                "events": [e.key for e in d.events],
                "sent": d.sent,
                "error": d.error,
            }
            for d in outcome.deliveries
        ],
        "cursor_moved": outcome.cursor_moved,
    }
    return json.dumps(data, indent=2) + "\n"
