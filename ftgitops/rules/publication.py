"""Which lifecycle states customers may see: the one rule for every customer-facing output.

The site applies it where a public or tenant edition's model is made (`site.filter`), so its
pages, search index, feeds, calendar, API, badge and banner never meet an unpublished item;
notifications to customers are to ask the same question. The internal edition sees all.

The states are an allow-list, so a state added to a schema later stays hidden until someone
decides here (`tests/publication_test.py` fails until every enum value is placed):

- Changes and releases, `draft` and `proposed`: unpublished. Nobody has approved the work yet,
  its window and scope may still move, and the pull-request check lets it be deleted without
  trace (FT506 protects a change or release only once it reached approval). From `approved`
  on, it is part of the record and customers may plan around it.
- Maintenance, `draft`: unpublished (the schema: "a draft is not published"). Every other
  state has been given to customers, which is why FT502 refuses to delete such a notice.
- `cancelled` is published: customers who saw a notice, or keep it in their calendar, must
  learn that it is off (the calendar sends it as STATUS:CANCELLED). The status alone cannot
  tell a notice cancelled straight from `draft`; such a one shows as cancelled too.
- Incidents have no unpublished state: what an incident says is what customers are told;
  `visibility` and `security` decide whether it is public at all.
- A release wave has its own status only from `scheduled` on; without one it takes its
  release's, so the waves of a draft or proposed release are unpublished with it.
"""

from __future__ import annotations

from typing import Protocol

UNPUBLISHED = frozenset({"draft", "proposed"})
PUBLISHED = frozenset(
    {
        # changes, releases and their waves
        "approved",
        "scheduled",
        "in-progress",
        "completed",
        "failed",
        "rolled-back",
        "cancelled",
        # incidents
        "investigating",
        "identified",
        "monitoring",
        "resolved",
    }
)


class HasStatus(Protocol):
    """An item or a release wave: anything with a lifecycle status."""

    @property
    def status(self) -> str: ...


def customer_visible(item: HasStatus) -> bool:
    """Whether the item's state has been published to customers (an allow-list)."""
    return item.status in PUBLISHED
