"""Helpers for the notify tests: a real SMTP server (aiosmtpd) and a webhook server on
127.0.0.1, a bare origin holding tests/fixtures/notify with a clone to notify from and a
second clone to merge from, and `ftgitops notify` in this process or as a real process.

The channels' ports reach the fixture's URLs through `${SMTP_PORT}` and `${WEBHOOK_PORT}`,
as any secret would; `WEBHOOK_TOKEN` is a secret that must never be printed.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import io
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from conftest import PROJECT_ROOT, TESTS, CliResult
from gitfixture import bare_origin, clone, commit, git

from ftgitops.main import main

FIXTURE = TESTS / "fixtures" / "notify"
MNT = "changes/2026/MNT-2026-0001.yaml"
TOKEN = "s3cr3t-webhook-token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Mailbox:
    """Every e-mail the SMTP server took, parsed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.port = free_port()

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        parsed = email.message_from_bytes(content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 OK"

    def to(self) -> list[str]:
        """Each message's recipient, in order."""
        return [str(m["To"]) for m in self.messages]

    def subjects(self) -> list[tuple[str, str]]:
        return sorted((str(m["To"]), str(m["Subject"])) for m in self.messages)


def body(message: EmailMessage) -> str:
    """Every text part of a message (plain, HTML, calendar), decoded, joined."""
    parts = []
    for part in message.walk():
        if part.get_content_maintype() == "text":
            parts.append(str(part.get_content()))
    return "\n".join(parts)


def attachment(message: EmailMessage, name: str) -> bytes | None:
    for part in message.iter_attachments():
        if part.get_filename() == name:
            data = part.get_payload(decode=True)
            return data if isinstance(data, bytes) else None
    return None


class Hooks(BaseHTTPRequestHandler):
    """The webhook: records each POST's JSON; answers 500 while the server is `failing`."""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        data = json.loads(self.rfile.read(length))
        server: Any = self.server
        if server.failing:
            self.send_response(500)
        else:
            server.calls.append({"path": self.path, **data})
            self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def servers() -> Iterator[tuple[Mailbox, Any]]:
    """A running SMTP server and webhook server on 127.0.0.1."""
    mailbox = Mailbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port)
    smtp.start()
    hook: Any = ThreadingHTTPServer(("127.0.0.1", 0), Hooks)
    hook.calls, hook.failing = [], False
    thread = threading.Thread(target=hook.serve_forever, daemon=True)
    thread.start()
    try:
        yield mailbox, hook
    finally:
        hook.shutdown()
        hook.server_close()
        smtp.stop()


class Place:
    """An origin, the clone notify runs in, a clone to merge from, and the servers."""

    def __init__(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        mailbox: Mailbox,
        hook: Any,
        fixture: Path = FIXTURE,
    ) -> None:
        self.origin = bare_origin(tmp_path / "origin.git", fixture)
        self.clone = clone(self.origin, tmp_path / "clone")
        self.dev = clone(self.origin, tmp_path / "dev")
        self.mailbox, self.hook = mailbox, hook
        monkeypatch.setenv("SMTP_PORT", str(mailbox.port))
        monkeypatch.setenv("WEBHOOK_PORT", str(hook.server_address[1]))
        monkeypatch.setenv("WEBHOOK_TOKEN", TOKEN)
        monkeypatch.delenv("FTGITOPS_TEST_KILL_AT", raising=False)

    def notify(self, now: str, *options: str) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--root", str(self.clone), "notify", "--now", now, *options])
        return CliResult(code, out.getvalue(), err.getvalue())

    def merge(self, relative: str, old: str, new: str, message: str = "edit") -> None:
        """Edit a file in the dev clone and push it to main (as a merge would land)."""
        git(self.dev, "pull", "-q", "--rebase", "origin", "main")
        path = self.dev / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        commit(self.dev, message)
        git(self.dev, "push", "-q", "origin", "HEAD:main")

    def add(self, relative: str, text: str, message: str = "add") -> None:
        git(self.dev, "pull", "-q", "--rebase", "origin", "main")
        (self.dev / relative).write_text(text, encoding="utf-8")
        commit(self.dev, message)
        git(self.dev, "push", "-q", "origin", "HEAD:main")

    def show(self, relative: str) -> str:
        return git(self.origin, "show", f"main:{relative}")

    def commits(self) -> list[str]:
        return git(self.origin, "log", "--format=%an: %s", "main").splitlines()

    def titles(self) -> list[str]:
        """The webhook calls' titles, in order."""
        return [str(call["title"]) for call in self.hook.calls]


def spawn(root: Path, now: str, kill_at: str | None = None) -> subprocess.Popen[str]:
    """`ftgitops notify` as a process of its own (for crashes)."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    if kill_at:
        env["FTGITOPS_TEST_KILL_AT"] = kill_at
    command = [sys.executable, "-m", "ftgitops", "--root", str(root), "notify", "--now", now]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
