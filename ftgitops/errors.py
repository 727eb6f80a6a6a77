"""The one user-facing exception: an input or usage problem the user can fix."""

from __future__ import annotations


class FtgitopsError(Exception):
    """A problem with the user's input or arguments; printed as a sentence, exit code 2."""
