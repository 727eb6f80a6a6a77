"""Shared fixtures: a small valid change repository, example files, and the real CLI."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import NamedTuple

import pytest

from ftgitops.load.schemas import SchemaSet
from ftgitops.main import main

TESTS = Path(__file__).parent
PROJECT_ROOT = TESTS.parent
MINIMAL = TESTS / "fixtures" / "minimal"
EXAMPLES = TESTS / "examples"
TODAY = "2026-11-21"
A_YEAR_LATER = "2027-11-21"


def midnight(day: str | date) -> datetime:
    """The start of a day in UTC: the `now` that `validate --today DAY` runs at."""
    given = date.fromisoformat(day) if isinstance(day, str) else day
    return datetime.combine(given, time(0), tzinfo=UTC)


class CliResult(NamedTuple):
    """What one run of the command line did."""

    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        """Standard output without the summary line at the end."""
        return self.out.splitlines()[:-1]


class Example(NamedTuple):
    """One example file and what its header comments say about it.

    Header (leading `#` lines): `# target: <path in the repo>`, any number of
    `# expect: <exact output line>`, optionally `# today: YYYY-MM-DD`,
    `# pad-to-bytes: N` (comment lines are appended to make it exactly N bytes),
    `# make: WHAT` (the target is not a regular file holding the example, see `MAKERS`) and
    `# run: <command and options>` for a finding another command than `validate` reports.
    """

    name: str
    content: bytes
    target: str
    expected: list[str]
    today: str
    pad_to: int | None
    make: str | None
    run: str | None


# What `# make:` can put at the target instead of a regular file with the example's content.
MAKERS: dict[str, Callable[[Path, str], None]] = {
    "broken-symlink": lambda target, _: target.symlink_to("does-not-exist.yaml"),
    "symlink": lambda target, to: target.symlink_to(to),  # `# make: symlink /etc/passwd`
    "symlink-loop": lambda target, _: target.symlink_to(target.name),
    "fifo": lambda target, _: os.mkfifo(target),
    "socket": lambda target, _: os.mknod(target, stat.S_IFSOCK | 0o600),  # no privilege needed
    "folder": lambda target, _: target.mkdir(),  # the content goes inside, under its name
}


def read_example(path: Path) -> Example:
    """Parse an example file's header comments (ASCII, so any body bytes are fine)."""
    content = path.read_bytes()
    fields: dict[str, list[str]] = {}
    for raw in content.splitlines():
        if not raw.startswith(b"#"):
            break
        key, _, value = raw.decode("ascii", "replace").lstrip("# ").partition(": ")
        fields.setdefault(key.strip(), []).append(value.strip())
    if "target" not in fields:
        raise ValueError(f"{path}: no '# target:' line in the header")
    return Example(
        name=path.name,
        content=content,
        target=fields["target"][0],
        expected=fields.get("expect", []),
        today=fields.get("today", [TODAY])[0],
        pad_to=int(fields["pad-to-bytes"][0]) if "pad-to-bytes" in fields else None,
        make=fields["make"][0] if "make" in fields else None,
        run=fields["run"][0] if "run" in fields else None,
    )


def install_example(example: Example, root: Path) -> Path:
    """Write the example into the repository at its target path (replacing what is there)."""
    target = root / example.target
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() or target.is_symlink():
        target.unlink()
    if example.make is not None:
        what, _, argument = example.make.partition(" ")
        MAKERS[what](target, argument)
        if what != "folder":
            return target
        target = target / target.name
    content = example.content
    if example.pad_to is not None:
        filler = b"# padding to make the file large\n"
        content += filler * (1 + (example.pad_to - len(content)) // len(filler))
        content = content[: example.pad_to]
    target.write_bytes(content)
    return target


def example_files(kind: str) -> list[Path]:
    """The example files of one kind (`positive` or `negative`), sorted by name."""
    return sorted(p for p in (EXAMPLES / kind).iterdir() if p.name.endswith((".yaml", ".yml")))


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    """The process's umask set to `mask` for the block (file modes are asserted under it)."""
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def copy_minimal(destination: Path) -> Path:
    """A fresh copy of the minimal valid repository."""
    shutil.copytree(MINIMAL, destination)
    return destination


@pytest.fixture(scope="session")
def schemas() -> SchemaSet:
    """The compiled schemas, shared: compiling them costs about 0.2 s."""
    return SchemaSet()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of `tests/fixtures/minimal`, a small but complete valid repository."""
    return copy_minimal(tmp_path / "repo")


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `ftgitops.main.main(argv)` in-process; usage errors from argparse give their code."""

    def run(*argv: str | os.PathLike[str]) -> CliResult:
        try:
            code = main([os.fspath(arg) for arg in argv])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 2
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def run_module(*argv: str | os.PathLike[str], cwd: Path) -> CliResult:
    """Run `python -m ftgitops` in a child process, as a user or a hook would."""
    completed = subprocess.run(
        [sys.executable, "-m", "ftgitops", *(os.fspath(arg) for arg in argv)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return CliResult(completed.returncode, completed.stdout, completed.stderr)
