"""The numbers of the internal reports, computed from the model, the review and git history.

Pure functions, so the reports page only formats them and tests can check them against a
fixture worked out by hand. "Carried out" means the work ended completed, failed or rolled
back: cancelled work never ran and counts in no rate.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from statistics import mean, median
from typing import NamedTuple

from ftgitops.model import Change, Incident, Model, Release
from ftgitops.site.githistory import Revision

CARRIED_OUT = ("completed", "failed", "rolled-back")
OPEN = frozenset({"proposed", "approved", "scheduled", "in-progress"})
LEVELS = ("low", "medium", "high", "critical")
Work = Change | Release


class LeadTime(NamedTuple):
    """From the commit that proposed the work to the moment it was completed."""

    item_id: str
    proposed: datetime
    completed: datetime
    source: str  # `git` (both ends from commits) or `git + window` (completion: window end)

    @property
    def days(self) -> float:
        return (self.completed - self.proposed).total_seconds() / 86400


class FailureRate(NamedTuple):
    """Carried-out work that caused at least one incident, over all carried-out work."""

    caused: tuple[str, ...]
    carried_out: int

    @property
    def percent(self) -> float:
        return 100 * len(self.caused) / self.carried_out if self.carried_out else 0.0


def work(model: Model) -> list[Work]:
    return [item for item in model.items.values() if isinstance(item, Change | Release)]


def window_of(item: Work) -> tuple[datetime, datetime] | None:
    """A change's window, or a release's span from its first wave to its last."""
    if isinstance(item, Change):
        return (item.window.start, item.window.end) if item.window else None
    if not item.waves:
        return None
    return min(w.window.start for w in item.waves), max(w.window.end for w in item.waves)


def month_of(item: Work) -> str | None:
    """`2026-11`: the UTC month the work starts in."""
    span = window_of(item)
    return f"{span[0].astimezone(UTC):%Y-%m}" if span else None


def month_range(months: Iterable[str]) -> list[str]:
    """Every month from the first to the last of `months` (`2026-11`), none left out."""
    known = sorted(months)
    if not known:
        return []
    year, month = map(int, known[0].split("-"))
    found = []
    while (key := f"{year:04d}-{month:02d}") <= known[-1]:
        found.append(key)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def per_month(changes: Iterable[Change], field: str) -> dict[str, dict[str, int]]:
    """Changes counted by start month (every month in range, oldest first) and by a field
    (category or type)."""
    months: dict[str, Counter[str]] = defaultdict(Counter)
    for change in changes:
        month = month_of(change)
        if month:
            months[month][str(getattr(change, field))] += 1
    return {month: dict(months[month]) for month in month_range(months)}


def outcomes(items: Iterable[Work]) -> dict[str, int]:
    """How many pieces of work ended completed, failed and rolled back."""
    counts = Counter(item.status for item in items)
    return {status: counts[status] for status in CARRIED_OUT}


def blamed(model: Model) -> frozenset[str]:
    """The work that an incident names in `caused_by`."""
    return frozenset(i.caused_by for i in model.of_kind(Incident) if i.caused_by)


def rate_of(items: Iterable[Work], causes: frozenset[str]) -> FailureRate:
    """Of the carried-out work among `items`, that which caused an incident: an incident
    names it in `caused_by` (`causes`), or the work lists it in `problems`."""
    done = [item for item in items if item.status in CARRIED_OUT]
    caused = sorted(item.id for item in done if item.problems or item.id in causes)
    return FailureRate(tuple(caused), len(done))


def failure_rate(model: Model) -> FailureRate:
    """The change failure rate over all carried-out work."""
    return rate_of(work(model), blamed(model))


def failure_by_month(model: Model) -> dict[str, FailureRate]:
    """The change failure rate of each start month in range (carried-out work only)."""
    causes = blamed(model)
    done: dict[str, list[Work]] = defaultdict(list)
    for item in work(model):
        month = month_of(item)
        if month and item.status in CARRIED_OUT:
            done[month].append(item)
    return {month: rate_of(done[month], causes) for month in month_range(done)}


def lead_time(item: Work, revisions: Sequence[Revision]) -> LeadTime | None:
    """Lead time from git: the first commit that proposed it to the one that completed it.

    Work committed straight as approved or scheduled counts from that first commit. When no
    commit records the completion (the deployer's commit is not in this history), the end of
    its window stands in. Work with no open commit (imported already done) is not measured.
    """
    proposed = next((r for r in revisions if r.status == "proposed"), None)
    proposed = proposed or next((r for r in revisions if r.status in OPEN), None)
    if proposed is None or item.status != "completed":
        return None
    later = [r for r in revisions if r.at >= proposed.at]
    completed = next((r for r in later if r.status == "completed"), None)
    if completed is not None:
        return LeadTime(item.id, proposed.at, completed.at, "git")
    span = window_of(item)
    if span is None or span[1] <= proposed.at:
        return None
    return LeadTime(item.id, proposed.at, span[1], "git + window")


def lead_times(model: Model, history: Mapping[str, Sequence[Revision]]) -> list[LeadTime]:
    found = (lead_time(item, history.get(item.path, ())) for item in work(model))
    return sorted((t for t in found if t is not None), key=lambda t: t.item_id)


def lead_summary(times: Sequence[LeadTime]) -> tuple[float, float] | None:
    """Median and mean lead time in days."""
    days = [t.days for t in times]
    return (median(days), mean(days)) if days else None


def risk_levels(levels: Iterable[str]) -> dict[str, int]:
    counts = Counter(levels)
    return {level: counts[level] for level in LEVELS}
