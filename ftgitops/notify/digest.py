"""Many events for one recipient in one run go out as one message: the digest.

One event is sent as its own message; several are joined by the `digest.*` templates, in the
order they happened. (Attachments are added to the whole, once: see `run`.)
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from ftgitops.notify.channels import Message
from ftgitops.notify.templates import Templates


def digest(messages: Sequence[Message], templates: Templates, platform: str) -> Message:
    """The one message a recipient gets this run."""
    if len(messages) == 1:
        return messages[0]
    parts = [{"title": m.title, "text": m.text, "html": Markup(m.html)} for m in messages]
    context = {"messages": parts, "count": len(messages), "platform": platform}
    return Message(
        templates.render("digest.title", context),
        templates.render("digest.txt", context),
        templates.render("digest.html", context),
    )
