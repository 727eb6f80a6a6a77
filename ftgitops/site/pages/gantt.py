"""A month of scheduled work as a timeline: static SVG drawn at build time (no script).

pygal has no Gantt chart, so the timeline is its horizontal stacked bar with the first
segment of each row left out of the picture: that segment is the time from the start of the
axis to the window, the second is the window, coloured by its state. One row per item, in
time order from the top, labelled with the item's id; each bar links to the item's details
and carries its title and times as a tooltip. Times are UTC, as the table beside it also
gives. A window too short to see is drawn `MIN_SHARE` of the axis wide (the table has the
exact times).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

import pygal  # type: ignore[import-untyped]

from ftgitops.site.charts import figure, legend, options, svg

MAX_TASKS = 60
MIN_SHARE = 0.01
ROW = 26
# The states a bar can show, in legend order, with their colours.
STATES = {
    "planned": ("Planned", "#3949ab"),
    "attention": ("Needs attention (high risk or a conflict)", "#c43e00"),
    "in-progress": ("In progress", "#1565c0"),
    "completed": ("Completed", "#2e7d32"),
    "failed": ("Failed or rolled back", "#b71c1c"),
    "cancelled": ("Cancelled", "#757575"),
}
OFFSET = "serie-0"


class Task(NamedTuple):
    """One bar: its label, the tooltip text, its span, state (a key of STATES), link."""

    label: str
    text: str
    start: datetime
    end: datetime
    state: str
    href: str


def hours(moment: datetime, origin: datetime) -> float:
    return (moment - origin).total_seconds() / 3600


def ticks(origin: datetime, last: datetime) -> list[dict[str, Any]]:
    """A label on the 1st, 8th, 15th, 22nd and 29th of the month (UTC)."""
    found = []
    day = origin
    while day <= last:
        found.append({"label": f"{day.day} {day:%b}", "value": hours(day, origin)})
        day += timedelta(days=7)
    return found


def segments(task: Task, origin: datetime, least: float) -> tuple[float, float]:
    """Where the bar starts and how long it is drawn, in hours from the origin."""
    begin = max(hours(task.start, origin), 0.0)
    return begin, max(hours(task.end, origin) - begin, least)


def chart(chart_id: str, title: str, tasks: Sequence[Task], origin: datetime) -> str:
    """The timeline of `tasks` from `origin` (the first of the month, UTC) to month end."""
    month_end = (origin + timedelta(days=32)).replace(day=1)
    last = max([month_end, *(t.end.astimezone(UTC) for t in tasks)])
    least = MIN_SHARE * hours(last, origin)
    states = [s for s in STATES if any(t.state == s for t in tasks)]
    rows = list(reversed(tasks))  # pygal draws the first row at the bottom
    timeline = pygal.HorizontalStackedBar(
        **options(
            50 + ROW * len(rows),
            ["transparent", *(STATES[s][1] for s in states)],
            range=(0, hours(last, origin)),
            y_labels=ticks(origin, last),
            show_x_guides=False,
            show_y_guides=True,
            show_legend=False,
        )
    )
    timeline.x_labels = [t.label for t in rows]
    placed = [segments(t, origin, least) for t in rows]
    timeline.add("", [begin for begin, _ in placed])
    for state in states:
        timeline.add(state, [bar(t, p, state) for t, p in zip(rows, placed, strict=True)])
    return svg(timeline, chart_id, title, hidden=OFFSET)


def bar(task: Task, placed: tuple[float, float], state: str) -> dict[str, Any] | None:
    if task.state != state:
        return None
    drawn: dict[str, Any] = {"value": placed[1], "tooltip": task.text}
    if task.href:
        drawn["xlink"] = {"href": task.href, "target": "_self"}
    return drawn


def timeline(figure_id: str, month: str, tasks: Sequence[Task]) -> str:
    """The month's figure: caption, the timeline of its first MAX_TASKS items."""
    origin = datetime.strptime(month, "%Y-%m").replace(tzinfo=UTC)
    shown = sorted(tasks, key=lambda t: (t.start, t.label))[:MAX_TASKS]
    more = f" (the first {MAX_TASKS} of {len(tasks)})" if len(tasks) > MAX_TASKS else ""
    caption = (
        f"Work starting in {month}{more}, in UTC, one row per item; "
        "the table below lists every item with its times."
    )
    title = f"Timeline of the {len(shown)} items starting in {month}"
    used = [state for state in STATES if any(t.state == state for t in shown)]
    picture = chart(f"{figure_id}-svg", title, shown, origin) + legend(
        [STATES[state] for state in used]
    )
    return figure(figure_id, caption, picture)
