"""`ftgitops notify` end to end: real git (a bare origin, the clone notify runs in, a clone
that merges), a real SMTP server (aiosmtpd) and a real webhook server on 127.0.0.1, driven
by `--now`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gitfixture import git
from notify_helpers import MNT, TOKEN, Place, attachment, body, servers

from ftgitops.load import load_directory
from ftgitops.load.schemas import SchemaSet
from ftgitops.load.yamlload import load_mapping
from ftgitops.site.filter import confidential_paths

CUSTOMERS = ["al@alpha.example.com", "ann@alpha.example.com", "bea@beta.example.com"]


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Place]:
    with servers() as (mailbox, hook):
        yield Place(tmp_path, monkeypatch, mailbox, hook)


def schedule(place: Place) -> None:
    place.notify("2026-12-01T09:00")  # the first run marks where it starts
    place.merge(MNT, "status: draft", "status: scheduled", "schedule MNT-2026-0001")


def test_a_merge_that_schedules_a_notice_mails_each_affected_subscriber_once(place: Place) -> None:
    schedule(place)
    result = place.notify("2026-12-01T10:00")
    assert result.code == 0, result.out + result.err
    assert sorted(place.mailbox.to()) == CUSTOMERS
    assert place.titles() == ["MNT-2026-0001 scheduled: UK database upgrade"]
    again = place.notify("2026-12-01T10:05")
    assert (again.code, len(place.mailbox.messages), len(place.hook.calls)) == (0, 3, 1)


def test_a_message_links_to_the_window_s_permanent_page(place: Place) -> None:
    """The link is the page the status site publishes for the window (`site.permalinks`),
    the one its feeds and API link to."""
    schedule(place)
    assert place.notify("2026-12-01T10:00").code == 0
    link = "https://status.notify.example.com/maintenance/mnt-2026-0001/"
    assert all(link in body(m) for m in place.mailbox.messages)
    assert all(str(call["message"]).count(link) == 1 for call in place.hook.calls)


def test_an_edit_that_changes_no_state_sends_nothing_and_a_reschedule_sends_one(
    place: Place,
) -> None:
    schedule(place)
    place.notify("2026-12-01T10:00")
    place.merge(MNT, "title: UK database upgrade", "title: UK database engine upgrade", "title")
    quiet = place.notify("2026-12-01T11:00")
    assert (quiet.code, len(place.mailbox.messages), len(place.hook.calls)) == (0, 3, 1)
    place.merge(
        MNT, "2026-12-28T23:00, end: 2026-12-29T01:00", "2027-01-25T23:00, end: 2027-01-26T01:00"
    )
    moved = place.notify("2026-12-01T12:00")
    assert moved.code == 0, moved.out + moved.err
    assert place.titles()[1:] == ["MNT-2026-0001 rescheduled: UK database engine upgrade"]
    later = place.mailbox.messages[3:]
    assert sorted((str(m["To"]), str(m["Subject"])) for m in later) == [
        (to, "Maintenance rescheduled: UK database engine upgrade") for to in CUSTOMERS
    ]
    text = body(later[0])
    assert "Mon 25 Jan 2027 23:00–Tue 26 Jan 01:00 GMT (25 Jan 23:00–26 Jan 01:00 UTC)" in text
    assert b"DTSTART;TZID=Europe/London:20270125T230000" in (
        attachment(later[0], "maintenance.ics") or b""
    )
    assert place.notify("2026-12-01T12:05").out.endswith(
        "0 events, 0 deliveries, 0 sent, 0 failed\n"
    )


@pytest.mark.parametrize(
    ("now", "subject"),
    [
        ("2026-12-21T23:30", "Reminder: UK database upgrade starts in 7 days"),
        ("2026-12-28T22:15", "Reminder: UK database upgrade starts in 60 minutes"),
        ("2026-12-28T23:05", "Maintenance started: UK database upgrade"),
        ("2026-12-29T01:05", "Maintenance completed: UK database upgrade"),
    ],
)
def test_reminders_start_and_end_arrive_once_each_as_the_clock_moves(
    place: Place, now: str, subject: str
) -> None:
    schedule(place)
    place.notify("2026-12-01T10:00")
    steps = ["2026-12-21T23:30", "2026-12-28T22:15", "2026-12-28T23:05", "2026-12-29T01:05"]
    for step in steps[: steps.index(now)]:
        place.notify(step)
    before = len(place.mailbox.messages)
    first = place.notify(now)
    assert first.code == 0, first.out + first.err
    again = place.notify(now.replace(":05", ":10").replace(":15", ":20").replace(":30", ":35"))
    assert again.code == 0
    fresh = place.mailbox.messages[before:]
    assert sorted((str(m["To"]), str(m["Subject"])) for m in fresh) == [
        (to, subject) for to in CUSTOMERS
    ]


def test_the_whole_window_gives_each_customer_five_messages_and_the_hook_five_calls(
    place: Place,
) -> None:
    schedule(place)
    for now in (
        "2026-12-01T10:00",
        "2026-12-14T09:00",
        "2026-12-21T23:30",
        "2026-12-22T00:00",
        "2026-12-28T22:15",
        "2026-12-28T23:05",
        "2026-12-29T00:00",
        "2026-12-29T01:05",
        "2026-12-30T09:00",
    ):
        assert place.notify(now).code == 0
    assert place.titles() == [
        "MNT-2026-0001 scheduled: UK database upgrade",
        "MNT-2026-0001 starts in 7 days: UK database upgrade",
        "MNT-2026-0001 starts in 60 minutes: UK database upgrade",
        "MNT-2026-0001 window started: UK database upgrade",
        "MNT-2026-0001 window ended (ended): UK database upgrade",
    ]
    per = {to: sum(1 for m in place.mailbox.messages if str(m["To"]) == to) for to in CUSTOMERS}
    assert per == {to: 5 for to in CUSTOMERS}


def test_a_failing_channel_is_retried_alone_in_the_next_run(place: Place) -> None:
    schedule(place)
    place.hook.failing = True
    failed = place.notify("2026-12-01T10:00")
    assert failed.code == 1
    assert "ops-webhook: FAILED (" in failed.out
    assert TOKEN not in failed.out + failed.err
    assert (len(place.mailbox.messages), place.hook.calls) == (3, [])
    place.hook.failing = False
    retried = place.notify("2026-12-01T10:15")
    assert retried.code == 0, retried.out + retried.err
    assert (len(place.mailbox.messages), place.titles()) == (
        3,
        ["MNT-2026-0001 scheduled: UK database upgrade"],
    )
    assert retried.out.splitlines()[0] == "ops-webhook: sent: MNT-2026-0001:scheduled"


INCIDENT = """\
# yaml-language-server: $schema=../../schemas/incident.schema.json
id: INC-2026-0001
kind: incident
title: Slow searches
severity: sev3
status: investigating
started: 2026-12-01T10:30
regions: [uk, apac]
services: [web]
environments: [production]
tenants: [alpha-staffing, gamma-health]
impact: degraded
owner: bob
updates:
  - at: 2026-12-01T10:40
    status: investigating
    text: Searches take up to a minute. We are **investigating**.
"""


def test_no_message_names_another_tenant_or_an_internal_field(place: Place) -> None:
    schedule(place)
    place.add("changes/2026/INC-2026-0001.yaml", INCIDENT, "incident")
    assert place.notify("2026-12-01T11:00").code == 0
    place.merge(
        "changes/2026/INC-2026-0001.yaml",
        "    text: Searches take up to a minute. We are **investigating**.\n",
        "    text: Searches take up to a minute. We are **investigating**.\n"
        "  - at: 2026-12-01T11:30\n    status: identified\n    text: An index was rebuilt.\n",
    )
    assert place.notify("2026-12-01T12:00").code == 0
    got = {str(m["To"]): [] for m in place.mailbox.messages}
    for message in place.mailbox.messages:
        got[str(message["To"])].append(str(message["Subject"]))
    assert got == {
        "ann@alpha.example.com": [
            "2 updates from Notify Platform",
            "Incident update: Slow searches",
        ],
        "al@alpha.example.com": [
            "2 updates from Notify Platform",
            "Incident update: Slow searches",
        ],
        "bea@beta.example.com": ["Planned maintenance: UK database upgrade"],
        "gus@gamma.example.com": ["Incident: Slow searches", "Incident update: Slow searches"],
    }
    secrets = confidential_values(place.clone)
    assert {
        "Gamma Health Quietname",
        "alice.private@example.com",
        "Secret Street Data Hall 7",
    } <= secrets
    for message in place.mailbox.messages:
        own = str(message["To"])
        seen = f"{message['Subject']}\n{body(message)}"
        leaked = sorted(v for v in secrets - {own} if v in seen)
        assert leaked == [], f"{own}: {leaked}"
    for call in place.hook.calls:
        assert TOKEN not in str(call)


def confidential_values(root: Path) -> set[str]:
    """Every string the schemas mark confidential anywhere in the repository's data, and
    every tenant's id and name (`all`, values under three characters and the channels'
    event names, which are words of the tool, aside)."""
    paths = confidential_paths(SchemaSet().documents)
    model = load_directory(root).model
    assert model is not None
    found: set[str] = set()
    for item in model.items.values():
        found |= _strings(redacted_only(item.raw, paths.get(item.kind, frozenset())))
    for tenant in model.tenants.values():
        found |= {tenant.id, tenant.name, *(s.email for s in tenant.subscribers)}
        found |= {s.name for s in tenant.subscribers if s.name}
    for person in model.platform.people.values():
        found |= {person.id, person.name, person.email}
    platform = load_mapping((root / "ftgitops.yaml").read_bytes())
    found |= _strings(redacted_only(platform, paths["platform"]))
    vocabulary = {name for channel in model.platform.notifications for name in channel.events}
    return {v for v in found if len(v) > 2 and v != "all"} - vocabulary


def redacted_only(data: Any, paths: frozenset[tuple[str, ...]], here: tuple[str, ...] = ()) -> Any:
    """The parts of `data` at confidential paths (the complement of the site's `redact`)."""
    if any(_matches(path, here) for path in paths):
        return data
    if isinstance(data, dict):
        return [redacted_only(v, paths, (*here, str(k))) for k, v in data.items()]
    if isinstance(data, list):
        return [redacted_only(v, paths, (*here, "*")) for v in data]
    return None


def _matches(path: tuple[str, ...], here: tuple[str, ...]) -> bool:
    """Whether a schema path (`*` any key or item) names the place `here`."""
    return len(path) == len(here) and all(p in ("*", h) for p, h in zip(path, here, strict=True))


def _strings(data: Any) -> set[str]:
    if isinstance(data, str):
        return {data}
    if isinstance(data, dict):
        return {s for v in data.values() for s in _strings(v)}
    if isinstance(data, list):
        return {s for v in data for s in _strings(v)}
    return set()


def test_a_missing_secret_is_an_error_naming_it_and_nothing_is_sent(
    place: Place, monkeypatch: pytest.MonkeyPatch
) -> None:
    schedule(place)
    monkeypatch.delenv("WEBHOOK_TOKEN")
    result = place.notify("2026-12-01T10:00")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "ftgitops: error: ftgitops.yaml: notifications entry 'ops-webhook': ${WEBHOOK_TOKEN}"
        " not set in the environment (set the secret, or remove the entry)\n"
    )
    assert (place.mailbox.messages, place.hook.calls) == ([], [])


def test_a_dry_run_prints_what_would_go_and_sends_and_writes_nothing(place: Place) -> None:
    schedule(place)
    git(place.clone, "pull", "-q", "--ff-only")  # a dry run reads the clone as it is
    commits = place.commits()
    result = place.notify("2026-12-01T10:00", "--dry-run")
    assert result.code == 0
    assert result.out.splitlines() == [
        "ops-webhook: would send: MNT-2026-0001:scheduled",
        "customer-email:alpha-staffing:ann@alpha.example.com: would send:"
        " MNT-2026-0001:notice:2026-12-28T23:00:00Z",
        "customer-email:alpha-staffing:al@alpha.example.com: would send:"
        " MNT-2026-0001:notice:2026-12-28T23:00:00Z",
        "customer-email:beta-care:bea@beta.example.com: would send:"
        " MNT-2026-0001:notice:2026-12-28T23:00:00Z",
        f"ftgitops notify at 2026-12-01T10:00:00Z (run {run_of(result.out)}):"
        " 2 events, 4 deliveries, 0 sent, 0 failed; dry run, nothing sent",
    ]
    assert (place.mailbox.messages, place.hook.calls, place.commits()) == ([], [], commits)


def run_of(out: str) -> str:
    return out.split("(run ")[1].split(")")[0]


def test_a_template_in_the_repository_replaces_the_default(place: Place) -> None:
    place.notify("2026-12-01T09:00")
    (place.dev / "site" / "notifications" / "customer").mkdir(parents=True)
    place.add(
        "site/notifications/customer/scheduled.title",
        "Heads up: {{ item.title }} ({{ platform }})\n",
        "template",
    )
    place.merge(MNT, "status: draft", "status: scheduled")
    assert place.notify("2026-12-01T10:00").code == 0
    assert {str(m["Subject"]) for m in place.mailbox.messages} == {
        "Heads up: UK database upgrade (Notify Platform)"
    }


def test_the_ledger_and_cursor_are_pushed_by_the_bot(place: Place) -> None:
    schedule(place)
    place.notify("2026-12-01T10:00")
    assert [c.split(": ", 1)[0] for c in place.commits()[:5]] == ["ftgitops"] * 5
    ledger = load_mapping(place.show("notified/2026/MNT-2026-0001.yaml").encode())
    assert sorted((line["event"], line["to"]) for line in ledger["sent"]) == [
        ("MNT-2026-0001:notice:2026-12-28T23:00:00Z", f"customer-email:{t}")
        for t in (
            "alpha-staffing:al@alpha.example.com",
            "alpha-staffing:ann@alpha.example.com",
            "beta-care:bea@beta.example.com",
        )
    ] + [("MNT-2026-0001:scheduled", "ops-webhook")]
    cursor = load_mapping(place.show("notified/cursor.yaml").encode())
    assert cursor["at"] == "2026-12-01T10:00:00Z"


CHANGE = "changes/2026/CHG-2026-0001.yaml"
ROLLED_BACK_CHANGE = """\
id: CHG-2026-0001
kind: change
title: Move the UK file store
category: infrastructure
type: normal
status: approved
owner: alice
window: {start: 2026-12-15T23:00, end: 2026-12-16T01:00}
targets: {regions: [uk], services: [database], environments: [production]}
impact: {downtime: true, public_summary: Files cannot be opened for up to two hours.}
risk: {likelihood: 2, impact: 2}
"""


@pytest.mark.parametrize(
    ("outcome", "subject", "lead"),
    [
        ("completed", "Maintenance completed", "has finished and passed its checks"),
        ("rolled-back", "Maintenance did not complete", "We are sorry: this work did not complete"),
    ],
)
def test_customers_hear_how_the_work_ended_completion_or_apology(
    place: Place, outcome: str, subject: str, lead: str
) -> None:
    """A change with downtime ends: the customers it concerns get a completion message, or
    an apology with the next step when it was rolled back."""
    place.notify("2026-12-01T09:00")
    place.add(CHANGE, ROLLED_BACK_CHANGE, "CHG-2026-0001 approved")
    assert place.notify("2026-12-01T10:00").code == 0
    assert place.notify("2026-12-15T23:05").code == 0
    place.merge(CHANGE, "status: approved", f"status: {outcome}", f"CHG-2026-0001 {outcome}")
    before = len(place.mailbox.messages)
    result = place.notify("2026-12-16T01:05")
    assert result.code == 0, result.out + result.err
    ended = [m for m in place.mailbox.messages[before:] if subject in str(m["Subject"])]
    # Bea hears of maintenance only (`events: [maintenance]`): a change is not for her.
    assert sorted(str(m["To"]) for m in ended) == ["al@alpha.example.com", "ann@alpha.example.com"]
    assert all(lead in body(m) for m in ended)
    assert all("Move the UK file store" not in body(m) for m in ended)  # internal title
