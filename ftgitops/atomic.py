"""Writing a file so that readers see the old content or the new, never half of either."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from ftgitops.errors import FtgitopsError


def replace_file(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Let `write` fill a temp file beside `path`, then rename it over `path`.

    The temp file is in the same folder so the rename is atomic; it is removed on any failure.
    """
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def write_text(path: Path, text: str) -> None:
    """Replace a text file atomically; a failure is the user's input error, naming the file."""
    try:
        replace_file(path, lambda stream: stream.write(text.encode("utf-8")))
    except OSError as error:
        raise FtgitopsError(f"cannot write {path}: {error.strerror or error}") from None
