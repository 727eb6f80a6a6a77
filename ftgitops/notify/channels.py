"""The edge: one message to one Apprise URL. Apprise speaks every service (e-mail, Slack,
Teams through `workflows://`, JSON webhooks); this module only chooses the body's form,
fills an e-mail recipient and turns Apprise's answer into sent or not (and why, without the
URL's secrets).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import apprise
from apprise.attachment.memory import AttachMemory

from ftgitops.notify.secrets import scrub

MAIL_SCHEMES = ("mailto", "mailtos")


@dataclass(frozen=True, slots=True)
class Message:
    """What a recipient gets: a title, plain text, HTML, and files (name, MIME type, bytes)."""

    title: str
    text: str
    html: str
    attachments: tuple[tuple[str, str, bytes], ...] = ()


def is_mail(url: str) -> bool:
    """Whether an Apprise URL sends e-mail."""
    return urlsplit(url).scheme.lower() in MAIL_SCHEMES


def addressed(url: str, email: str) -> str:
    """An e-mail URL sending to `email` alone (its own `to` replaced)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "to"]
    return urlunsplit(parts._replace(query=urlencode([*query, ("to", email)])))


def send(url: str, message: Message, secrets: Mapping[str, str]) -> str | None:
    """Send; None when it went, else why not (secrets replaced)."""
    notifier = apprise.Apprise()
    if not notifier.add(url, tag="ftgitops"):
        return "the URL is not one Apprise can use (check its scheme and form)"
    mail = is_mail(url)
    attach = apprise.AppriseAttachment()
    for name, mimetype, content in message.attachments:
        memory = AttachMemory(content=content, name=name, mimetype=mimetype)  # type: ignore[no-untyped-call]
        attach.add(memory)
    capture = apprise.LogCapture(level=logging.WARNING)  # type: ignore[no-untyped-call]
    with capture as captured:
        result = notifier.notify(
            body=message.html if mail else message.text,
            title=message.title,
            body_format=apprise.NotifyFormat.HTML if mail else apprise.NotifyFormat.TEXT,
            tag="ftgitops",
            attach=attach if message.attachments else None,
        )
    if result:
        return None
    lines = [line.strip() for line in captured.getvalue().splitlines() if line.strip()]
    return scrub(lines[-1] if lines else "Apprise could not send it", secrets)
