"""The words of every message: a title, plain text and HTML per event and audience, as
Jinja templates a repository can override.

A file `site/notifications/<audience>/<event>.<part>` (audience `team` or `customer`, part
`title`, `txt` or `html`) replaces the default of that name; `digest.<part>` joins several
messages for one recipient. Templates run sandboxed, every variable must exist (a typo is
an error, not an empty gap), and HTML parts escape every value: free text arrives already
cleaned by the site's renderer (`site.text`), the one thing marked safe.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, FileSystemLoader, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from ftgitops.errors import FtgitopsError

FOLDER = Path("site") / "notifications"
PARTS = ("title", "txt", "html")

_TEAM_TITLES = {
    "proposed": "{{ item.id }} proposed: {{ item.title }}",
    "approved": "{{ item.id }} approved: {{ item.title }}",
    "scheduled": "{{ item.id }} scheduled: {{ item.title }}",
    "started": "{{ item.id }} started: {{ item.title }}",
    "completed": "{{ item.id }} completed: {{ item.title }}",
    "failed": "{{ item.id }} failed: {{ item.title }}",
    "rolled-back": "{{ item.id }} rolled back: {{ item.title }}",
    "cancelled": "{{ item.id }} cancelled: {{ item.title }}",
    "rescheduled": "{{ item.id }} rescheduled: {{ item.title }}",
    "incident-opened": "{{ item.id }} opened: {{ item.title }}",
    "incident-updated": "{{ item.id }} update: {{ item.title }}",
    "incident-resolved": "{{ item.id }} resolved: {{ item.title }}",
    "reminder": "{{ item.id }} starts {{ starts }}: {{ item.title }}",
    "window-started": "{{ item.id }} window started: {{ item.title }}",
    "window-ended": "{{ item.id }} window ended ({{ outcome }}): {{ item.title }}",
    "conflict": "Conflict on main: {{ item.id }}{% if other %} and {{ other.id }}{% endif %}",
}
_CUSTOMER_TITLES = {
    "scheduled": "Planned maintenance: {{ item.title }}",
    "rescheduled": "Maintenance rescheduled: {{ item.title }}",
    "cancelled": "Maintenance cancelled: {{ item.title }}",
    "reminder": "Reminder: {{ item.title }} starts {{ starts }}",
    "window-started": "Maintenance started: {{ item.title }}",
    "window-ended": "Maintenance completed: {{ item.title }}",
    "window-failed": "Maintenance did not complete: {{ item.title }}",
    "incident-opened": "Incident: {{ item.title }}",
    "incident-updated": "Incident update: {{ item.title }}",
    "incident-resolved": "Resolved: {{ item.title }}",
}
_LEADS = {
    "scheduled": "{{ platform }} has planned work that affects you.",
    "rescheduled": "This planned work has moved; the new time is below (it was {{ was }}).",
    "cancelled": "This planned work has been called off: nothing will happen at this time.",
    "reminder": "A reminder: this planned work starts {{ starts }}.",
    "window-started": "This planned work has started.",
    "window-ended": "This planned work has finished and passed its checks.",
    "window-failed": (
        "We are sorry: this work did not complete as planned ({{ outcome }}), and the service"
        " is back as it was before. We will plan it again and tell you the new time."
    ),
    "incident-opened": "We are investigating a problem that affects you.",
    "incident-updated": "There is an update on this incident.",
    "incident-resolved": "This incident is resolved.",
    "conflict": "{{ message }}",
}
_TEAM_TEXT = """{{ lead }}

{{ item.id }} {{ item.title }} ({{ item.kind }}, status {{ item.status }})
{% if when %}When: {{ when }}
{% endif %}{% if detail %}{{ detail }}
{% endif %}{% if text %}
{{ text }}
{% endif %}{% if link %}
{{ link }}
{% endif %}"""
_TEAM_HTML = """<p>{{ lead }}</p>
<p><strong>{{ item.id }} {{ item.title }}</strong> ({{ item.kind }}, status {{ item.status }})</p>
{% if when %}<p>When: {{ when }}</p>
{% endif %}{% if detail %}<p>{{ detail }}</p>
{% endif %}{% if text %}{{ text_html }}
{% endif %}{% if link %}<p><a href="{{ link }}">{{ link }}</a></p>
{% endif %}"""
_CUSTOMER_TEXT = """{{ lead }}

{{ item.title }}
{% if when %}When: {{ when }}
{% endif %}{% if services %}Services: {{ services }}
{% endif %}{% if text %}
{{ text }}
{% endif %}{% if link %}
More on the status page: {{ link }}
{% endif %}{% if support %}Questions: {{ support }}
{% endif %}"""
_CUSTOMER_HTML = """<p>{{ lead }}</p>
<h2>{{ item.title }}</h2>
{% if when %}<p>When: {{ when }}</p>
{% endif %}{% if services %}<p>Services: {{ services }}</p>
{% endif %}{% if text %}{{ text_html }}
{% endif %}{% if link %}<p>More on the status page: <a href="{{ link }}">{{ link }}</a></p>
{% endif %}{% if support %}<p>Questions: <a href="mailto:{{ support }}">{{ support }}</a></p>
{% endif %}"""
_DIGEST = {
    "digest.title": "{{ count }} updates from {{ platform }}",
    "digest.txt": "{% for m in messages %}{{ m.title }}\n\n{{ m.text }}\n{% if not loop.last %}"
    "\n----\n\n{% endif %}{% endfor %}",
    "digest.html": "{% for m in messages %}<h1>{{ m.title }}</h1>\n{{ m.html }}"
    "{% if not loop.last %}<hr>\n{% endif %}{% endfor %}",
}


def defaults() -> dict[str, str]:
    """Every default template by name."""
    found = dict(_DIGEST)
    for audience, titles, text, html in (
        ("team", _TEAM_TITLES, _TEAM_TEXT, _TEAM_HTML),
        ("customer", _CUSTOMER_TITLES, _CUSTOMER_TEXT, _CUSTOMER_HTML),
    ):
        for event, title in titles.items():
            lead = _LEADS.get(event, "")
            found[f"{audience}/{event}.title"] = title
            found[f"{audience}/{event}.lead"] = lead
            found[f"{audience}/{event}.txt"] = text
            found[f"{audience}/{event}.html"] = html
    return found


class Templates:
    """The defaults, overridden by the repository's `site/notifications/` files."""

    def __init__(self, root: Path) -> None:
        loader = ChoiceLoader([FileSystemLoader(root / FOLDER), DictLoader(defaults())])
        self.env = SandboxedEnvironment(
            loader=loader,
            undefined=StrictUndefined,
            autoescape=lambda name: bool(name and name.endswith(".html")),
            keep_trailing_newline=False,
        )

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        """One template with the context; a broken override is an input error naming it."""
        try:
            return self.env.get_template(name).render(context).strip()
        except TemplateError as error:
            raise FtgitopsError(f"{FOLDER}/{name}: {error}") from None
