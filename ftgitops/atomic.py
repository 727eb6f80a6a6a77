"""Writing a file so that readers see the old content or the new, never half of either.

The file is written beside its target and renamed over it, with the mode the target had, or,
for a new file, the mode `open()` gives one (0666 less the umask: 0644 under the usual 022).
`tempfile.mkstemp` would make every written file private (0600), and a regenerated one would
change mode.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO

from ftgitops.errors import FtgitopsError

ATTEMPTS = 100
NEW_FILE_MODE = 0o666  # less the umask, as for any file a program creates


def create_temp(path: Path) -> tuple[int, Path]:
    """A new empty file beside `path`, open for writing, with `path`'s mode (or a new file's):
    its handle and name. The name is random, so two writers never share one."""
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = None
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    for _attempt in range(ATTEMPTS):
        temp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            handle = os.open(temp, flags, NEW_FILE_MODE)
        except FileExistsError:
            continue
        if mode is not None:
            os.fchmod(handle, mode)
        return handle, temp
    raise FileExistsError(f"no free temp file name beside {path}")


def replace_file(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Let `write` fill a temp file beside `path`, then rename it over `path`.

    The temp file is in the same folder so the rename is atomic; it is removed on any failure.
    """
    handle, temp = create_temp(path)
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
