"""Events customers feel, from `rules.customerwindows`: a window published, moved or called
off, the reminders before it (`notice_days` before and `reminder_minutes` before), its start
and its end (with its outcome).

Published, moved and called off come from comparing the windows of the last notified commit
at the last run's clock with those of HEAD now; the reminders and the start are moments, due
when they fall between the last run's clock and now while they still make sense (a reminder
only before the start, a start only before the end). The end is the window's state becoming
completed: by its end time passing, or by its outcome being recorded earlier.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from ftgitops.model import Model
from ftgitops.notify.events import Event
from ftgitops.rules.customerwindows import CustomerWindow, WindowState, customer_windows
from ftgitops.timetext import iso_utc

OPEN = (WindowState.IN_PROGRESS, WindowState.OVERRAN)
LIVE = (WindowState.UPCOMING, *OPEN)


def window_events(base: Model, since: datetime, head: Model, now: datetime) -> list[Event]:
    """The customer window events due between `since` (base) and `now` (head)."""
    before = {w.key: w for w in customer_windows(base, since)}
    found: list[Event] = []
    for window in customer_windows(head, now):
        told = list(_published(before.get(window.key), window, now))
        found += told
        if not told:  # a reminder beside a fresh notice only repeats it
            found += _reminders(window, head, since, now)
        found += _moments(before.get(window.key), window, since, now)
    return found


def _event(window: CustomerWindow, key: str, name: str, now: datetime, **detail: str) -> Event:
    team = name in ("reminder", "window-started", "window-ended")
    return Event(
        f"{window.key}:{key}",
        name,
        window.key if window.wave else window.item.id,
        now,
        team=team,
        customers=True,
        window=window.key,
        detail=detail,
    )


def _published(
    old: CustomerWindow | None, window: CustomerWindow, now: datetime
) -> Iterator[Event]:
    start = iso_utc(window.window.start)
    if window.state == WindowState.CANCELLED:
        if old is not None and old.state != WindowState.CANCELLED:
            yield _event(window, "cancelled", "cancelled", now)
    elif old is None:
        if window.state in LIVE:
            yield _event(window, f"notice:{start}", "scheduled", now)
    elif window.state in LIVE and (old.window.start, old.window.end) != (
        window.window.start,
        window.window.end,
    ):
        was = iso_utc(old.window.start)
        yield _event(window, f"rescheduled:{start}", "rescheduled", now, was=was)


def _reminders(
    window: CustomerWindow, model: Model, since: datetime, now: datetime
) -> Iterator[Event]:
    if window.state != WindowState.UPCOMING:
        return
    policies = model.platform.policies
    start = window.window.start
    leads = {
        f"{policies.notice_days}d": timedelta(days=policies.notice_days),
        f"{policies.reminder_minutes}m": timedelta(minutes=policies.reminder_minutes),
    }
    for label, lead in leads.items():
        if lead and since < start - lead <= now < start:
            yield _event(window, f"reminder-{label}:{iso_utc(start)}", "reminder", now, lead=label)


def _moments(
    old: CustomerWindow | None, window: CustomerWindow, since: datetime, now: datetime
) -> Iterator[Event]:
    start = window.window.start
    if since < start <= now and window.state in OPEN:
        yield _event(window, f"started:{iso_utc(start)}", "window-started", now)
    ended = window.state == WindowState.COMPLETED
    if ended and old is not None and old.state != WindowState.COMPLETED:
        outcome = window.outcome or "ended"
        yield _event(window, "ended", "window-ended", now, outcome=outcome)
