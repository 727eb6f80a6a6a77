"""`${NAME}` in a channel's URL, filled from the environment; and the URL as it may be shown.

A channel's URL holds its secrets (a webhook token, an SMTP password), so it is shown only
with every filled value and every password replaced by `***`. A variable that is not set
stops the run before anything is sent, naming the variable and the channel, never the URL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote, urlsplit, urlunsplit

from ftgitops.errors import FtgitopsError
from ftgitops.model import Channel

VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
HIDDEN = "***"


def filled(channel: Channel, environ: Mapping[str, str], path: str = "ftgitops.yaml") -> str:
    """The channel's URL with each `${NAME}` replaced by the variable, percent-encoded (a
    password may hold `@` or `/`)."""
    missing = [n for n in VARIABLE.findall(channel.url) if not environ.get(n)]
    if missing:
        names = ", ".join(f"${{{n}}}" for n in dict.fromkeys(missing))
        raise FtgitopsError(
            f"{path}: notifications entry {channel.id!r}: {names} not set in the environment"
            " (set the secret, or remove the entry)"
        )
    return VARIABLE.sub(lambda m: quote(environ[m.group(1)], safe=""), channel.url)


def shown(channel: Channel) -> str:
    """The URL for a report or an error: variables as written, any password hidden."""
    parts = urlsplit(channel.url)
    if parts.password is None:
        return channel.url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:{HIDDEN}@{host}"))


def scrub(text: str, secrets: Mapping[str, str]) -> str:
    """A message (an error from a library) with every secret value replaced."""
    for value in sorted(secrets.values(), key=len, reverse=True):
        if len(value) >= 4:
            text = text.replace(value, HIDDEN).replace(quote(value, safe=""), HIDDEN)
    return text
