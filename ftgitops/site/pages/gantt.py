"""A month of scheduled work as a Mermaid Gantt chart (mkdocs-material draws it).

Task names are reduced to characters Mermaid's Gantt grammar never reads as syntax (no `:`,
`#` or `;`), so any title yields a chart that parses. Times are UTC, as the table beside it
also gives. Without JavaScript the reader sees the fence's text and the table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import NamedTuple

UNSAFE = re.compile(r"[^A-Za-z0-9 .,()/_+\-]+")
MAX_NAME = 60
MAX_TASKS = 60
DATE_FORMAT = "YYYY-MM-DD HH:mm"


class Task(NamedTuple):
    """One bar: its section, name, span and Mermaid tags (`done`, `active`, `crit`)."""

    section: str
    name: str
    start: datetime
    end: datetime
    tags: tuple[str, ...]


def safe_name(text: str) -> str:
    """The text with anything Mermaid could parse as syntax replaced by a space."""
    flat = " ".join(UNSAFE.sub(" ", text).split())
    return flat[:MAX_NAME].rstrip() or "untitled"


def _stamp(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M}"


def task_line(task: Task, number: int) -> str:
    tags = "".join(f"{tag}, " for tag in task.tags)
    return f"    {safe_name(task.name)} :{tags}t{number}, {_stamp(task.start)}, {_stamp(task.end)}"


def gantt(title: str, tasks: Sequence[Task]) -> str:
    """A ```` ```mermaid ```` fence with one section per kind of work, in time order."""
    lines = [
        "```mermaid",
        "gantt",
        f"    title {safe_name(title)}",
        f"    dateFormat {DATE_FORMAT}",
        "    axisFormat %d %b",
    ]
    shown = sorted(tasks, key=lambda t: (t.section, t.start, t.name))[:MAX_TASKS]
    section = None
    for number, task in enumerate(shown, start=1):
        if task.section != section:
            section = task.section
            lines.append(f"    section {safe_name(section)}")
        lines.append(task_line(task, number))
    return "\n".join([*lines, "```"])
