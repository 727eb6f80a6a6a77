"""A Content-Security-Policy for every page: scripts only from the site and the theme's own.

The second wall behind `text` (which keeps data from becoming markup): should some markup slip
through, the browser still runs no inline event handler, no `javascript:` link, no script from
another host and no inline script but the theme's. The policy is a `<meta http-equiv>` (the
site is static files, served by whatever host): `script-src 'self'` plus the SHA-256 of each
inline script the theme wrote into that page (Material writes a few small ones, some varying
with the page's depth), `object-src 'none'`, `base-uri 'self'`, `form-action 'self'`.

Only the theme's scripts are hashed: a script that also appears in the page's content (the
part that Markdown, and so the data, made) is left out, so a script that got into the
content is refused rather than allowed by its own hash.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.I | re.S)
_SOURCE = re.compile(r"\bsrc\s*=", re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?\s*(?P<type>[^"'\s>]*)""", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
# Types a browser runs (an absent type is JavaScript); a JSON block, like Material's
# `__config`, is data and needs no hash.
RUN_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
FIXED = ("object-src 'none'", "base-uri 'self'", "form-action 'self'")


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script a browser would run, in page order."""
    found = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        kind = _TYPE.search(attrs)
        if _SOURCE.search(attrs) or (kind and kind.group("type").lower() not in RUN_TYPES):
            continue
        found.append(match.group("body"))
    return found


def digest(script: str) -> str:
    """The CSP hash source of a script's text (line ends as the HTML parser leaves them)."""
    text = script.replace("\r\n", "\n").replace("\r", "\n")
    value = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{value}'"


def policy(scripts: Iterable[str]) -> str:
    """The policy allowing the site's own script files and exactly these inline scripts."""
    hashes = sorted({digest(script) for script in scripts})
    return "; ".join([" ".join(["script-src 'self'", *hashes]), *FIXED])


def with_policy(html: str, content: str = "") -> str:
    """The page with its policy as the first element of `<head>` (before any script): the
    theme's inline scripts are those of the page less any also found in `content`."""
    from_content = set(inline_scripts(content)) if "<script" in content.lower() else set()
    allowed = [s for s in inline_scripts(html) if s not in from_content]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(allowed)}">'
    head = _HEAD.search(html)
    if head is None:
        return meta + html
    return f"{html[: head.end()]}{meta}{html[head.end() :]}"
