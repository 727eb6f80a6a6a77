"""The text of a new change, release, maintenance notice or incident: real values and TODOs.

A skeleton has every field its kind's schema requires. What the tool can know (id, kind,
status, region, times) is filled in; what only a person can say is a placeholder: text that
starts with `TODO:` and the id `todo` for people and services. The ids are deliberately
unknown, so `ftgitops validate` points at each one until someone fills it in, and the file
validates once they have.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from ftgitops.load.documents import schema_line_for

PLACEHOLDER_ID = "todo"
KINDS = ("change", "release", "maintenance", "incident")


class Draft(NamedTuple):
    """What a skeleton is made of; times are already written as the file should show them."""

    item_id: str
    kind: str
    path: str
    title: str | None
    region: str
    zone: str
    now: str
    window_start: str
    window_end: str


def quoted(text: str) -> str:
    """Any text as one YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


_DEFAULT_TITLES = {
    "change": "TODO: one line that says what changes",
    "release": "TODO: the release's public name",
    "maintenance": "TODO: the notice's public headline",
    "incident": "TODO: the incident's public headline",
}

_CHANGE = """\
description: |-
  TODO: what is done and why.
# category: infrastructure | architecture | code | licensing | product | security-policy
#   | data-migration
category: infrastructure
type: normal  # standard | normal | emergency (an emergency needs a justification)
status: draft  # draft > proposed > approved > scheduled > in-progress > completed
owner: todo  # TODO: who is accountable, from people in ftgitops.yaml
implementers: [todo]  # TODO: who carries it out
window:
  start: {window_start}
  end: {window_end}
  tz: {zone}
targets:
  regions: [{region}]
  sites: [primary]
  services: [todo]  # TODO: the services touched, from ftgitops.yaml, or all
  tenants: all
  environments: [production]
impact:
  downtime: false  # TODO: true if customers lose service during the window
  public_summary: "TODO: what customers are told, if anything"
{risk}"""

_RELEASE = """\
release_type: enhancement  # enhancement | service-patch | hotfix (a hotfix needs a justification)
version: "0.0-TODO"  # TODO: the product version, for example 2026.2.1
status: draft  # draft > proposed > approved > scheduled > in-progress > completed
owner: todo  # TODO: the release manager, from people in ftgitops.yaml
implementers: [todo]  # TODO: who carries it out
services: [todo]  # TODO: the services the release changes, from ftgitops.yaml
notes:
  summary: "TODO: what the release brings, in a paragraph"
  features:
    - "TODO: a new feature"
  fixes:
    - "TODO: a fixed defect"
waves:
  - name: {region_upper} group 1 UAT
    region: {region}
    groups: [1]
    environments: [uat]
    window:
      start: {window_start}
      end: {window_end}
      tz: {zone}
{risk}"""

_RISK = """\
risk:
  likelihood: 2  # TODO: 1 (rare) to 5 (almost certain)
  impact: 2  # TODO: 1 (negligible) to 5 (severe)
  treatment: mitigate  # accept | mitigate | transfer | avoid
  controls:
    - "TODO: what lowers the risk (tested on UAT, DBA on call, ...)"
rollback:
  plan: "TODO: the steps that undo the work"
  tested: false
"""

_MAINTENANCE = """\
status: scheduled  # the notice is given when this file is merged
owner: todo  # TODO: who runs the window, from people in ftgitops.yaml
published: {now}
window:
  start: {window_start}
  end: {window_end}
  tz: {zone}
regions: [{region}]
sites: [primary]
services: [todo]  # TODO: the services affected, from ftgitops.yaml, or all
environments: [production, uat, training]
tenants: all
downtime: true
public_text: |-
  TODO: what customers are told: which services are unavailable, when (local time), and why.
"""

_INCIDENT = """\
severity: sev3  # sev1 (critical, all customers) to sev4 (minor)
status: investigating  # investigating > identified > monitoring > resolved
security: false  # true for an information-security incident: never published
started: {now}
regions: [{region}]
services: [todo]  # TODO: the services affected, from ftgitops.yaml
environments: [production]
tenants: all
impact: degraded  # degraded | partial-outage | major-outage
owner: todo  # TODO: the incident manager, from people in ftgitops.yaml
updates:
  - at: {now}
    status: investigating
    text: "TODO: what customers are told"
"""

_BODIES = {
    "change": _CHANGE,
    "release": _RELEASE,
    "maintenance": _MAINTENANCE,
    "incident": _INCIDENT,
}


def _head(draft: Draft) -> str:
    """Every file's first lines: schema line, id, kind and title."""
    return "\n".join(
        (
            schema_line_for(draft.kind, draft.path),
            f"id: {draft.item_id}",
            f"kind: {draft.kind}",
            f"title: {quoted(draft.title or _DEFAULT_TITLES[draft.kind])}",
        )
    )


def _block(text: str) -> str:
    """Text as the lines of a YAML `|-` block, indented two spaces."""
    return "\n".join(f"  {line}" for line in text.splitlines())


def render(draft: Draft) -> str:
    """The whole file: schema line, id, kind and title, then the kind's own fields."""
    body = _BODIES[draft.kind].format(
        **draft._asdict(), region_upper=draft.region.upper(), risk=_RISK
    )
    return f"{_head(draft)}\n{body}"


_PLANNED_MAINTENANCE = """\
status: scheduled  # planned by `ftgitops plan maintenance`; the notice is given when merged
owner: {owner}
published: {now}
window:
  start: {window_start}
  end: {window_end}
  tz: {zone}
regions: [{region}]
sites: [primary]
services: all
environments: [production, uat, training]
tenants: all
downtime: true
public_text: |-
{text}
"""


def render_planned_maintenance(draft: Draft, owner: str, public_text: str) -> str:
    """A maintenance notice with nothing left to fill in: the owner and text are known."""
    body = _PLANNED_MAINTENANCE.format(**draft._asdict(), owner=owner, text=_block(public_text))
    return f"{_head(draft)}\n{body}"


_DECOMMISSION = """\
description: |-
{text}
category: infrastructure
type: standard
template: environment-decommission
status: draft  # planned by `ftgitops plan decommission`; propose it when it is agreed
owner: {owner}
implementers: [{owner}]
window:
  start: {window_start}
  end: {window_end}
  tz: {zone}
targets:
  regions: [{region}]
  sites: [primary]
  services: all
  tenants: [{tenant}]
  environments: [{environment}]
impact:
  downtime: false
  public_summary: "No effect on production."
risk:
  likelihood: 1
  impact: 1
  treatment: accept
  controls:
    - "The environment's databases are backed up to the region's backup vault first"
rollback:
  plan: "Restore the environment from the backup vault."
  tested: false
"""


def render_decommission(draft: Draft, owner: str, tenant: str, environment: str, text: str) -> str:
    """A complete decommission change: a standard change under its template."""
    body = _DECOMMISSION.format(
        **draft._asdict(), owner=owner, tenant=tenant, environment=environment, text=_block(text)
    )
    return f"{_head(draft)}\n{body}"
