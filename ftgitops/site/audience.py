"""Who an edition of the site is for: the public, the internal team, or one tenant."""

from __future__ import annotations

from dataclasses import dataclass

from ftgitops.errors import FtgitopsError


@dataclass(frozen=True, slots=True)
class Audience:
    """`public`, `internal` or `tenant:<id>`; passed to every page generator."""

    kind: str
    tenant: str | None = None

    @classmethod
    def parse(cls, text: str) -> Audience:
        """The audience a `--audience` value or plugin option names."""
        if text in ("public", "internal"):
            return cls(text)
        prefix, _, tenant = text.partition(":")
        if prefix == "tenant" and tenant:
            return cls("tenant", tenant)
        raise FtgitopsError(
            f"unknown audience {text!r}: use public, internal or tenant:<tenant id>"
        )

    @property
    def internal(self) -> bool:
        return self.kind == "internal"

    @property
    def public(self) -> bool:
        return self.kind == "public"

    def __str__(self) -> str:
        return f"tenant:{self.tenant}" if self.tenant else self.kind
