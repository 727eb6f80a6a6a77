"""Hostile values through `validate`, `check` and `build`: a coded finding on its line, or a
site; never a traceback, an internal error or a hang (issue 8, "one definition of text").

Each case is a file the head commit of a real repository adds (or, for the platform, edits)
over `tests/fixtures/values`, which fills in every text field of every kind. Every command
runs in-process under a hard time limit (an interval timer that raises past it).
"""

from __future__ import annotations

import re
import shutil
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import NamedTuple

import pytest
from gitfixture import commit, git, init

from ftgitops.main import main

VALUES = Path(__file__).parent / "fixtures" / "values"
NOW = "2026-11-21T12:00:00+00:00"
LIMIT_SECONDS = 60  # a hang fails the test here, not the suite's patience
FINDING = r"^[^:\n]+:[1-9][0-9]*:[1-9][0-9]*: (error|warning)\[FT[0-9]{3}\]: "
NEW_CHANGE = "changes/2026/CHG-2026-0090.yaml"
NEW_RELEASE = "changes/2026/REL-2026-0090.yaml"


class Hung(BaseException):
    """A command ran past its limit (a BaseException: `main` turns any Exception into 3)."""


@contextmanager
def bounded(seconds: float) -> Iterator[None]:
    """Raise `Hung` in the running command once `seconds` have passed."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Run(NamedTuple):
    code: int
    out: str
    err: str
    seconds: float


def run(capsys: pytest.CaptureFixture[str], root: Path, *argv: str) -> Run:
    """One command through `main`, bounded; what it printed and how long it took."""
    started = time.monotonic()
    try:
        with bounded(LIMIT_SECONDS):
            code = main(["--root", str(root), *argv, "--now", NOW])
    except Hung:
        pytest.fail(f"`ftgitops {argv[0]}` ran for more than {LIMIT_SECONDS} s")
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err, time.monotonic() - started)


class Hostile(NamedTuple):
    """One hostile file: where it goes, its text, and the finding it must give (None: none
    that stops the build) on the line that holds `marker`."""

    path: str
    text: str
    code: str | None
    marker: str

    @property
    def line(self) -> int:
        return next(i for i, t in enumerate(self.text.splitlines(), 1) if self.marker in t)


class Case(NamedTuple):
    """Variants of one hostile value, each in its own file (or line), committed together:
    every one must be its own finding, and the build must refuse (or build) them all."""

    name: str
    files: tuple[Hostile, ...]

    @property
    def accepted(self) -> bool:
        return all(hostile.code is None for hostile in self.files)


CHANGE = """\
# yaml-language-server: $schema=../../schemas/change.schema.json
id: CHG-2026-{number}
kind: change
title: {title}
category: infrastructure
type: {type}
status: {status}
owner: bob
{extra}window: {{start: {start}, end: {end}, tz: {tz}}}
targets: {{regions: [uk], services: [web], environments: [uat]}}
impact: {{downtime: false}}
risk: {{likelihood: {likelihood}, impact: 2}}
"""


def change(number: int, code: str | None, marker: str, **values: str) -> Hostile:
    """A new change, CHG-2026-<number>, with `values` in its fields."""
    fields = {
        "number": f"{number:04d}",
        "title": "Patch the web servers",
        "start": "2026-12-07T23:00",
        "end": "2026-12-08T01:00",
        "tz": "Europe/London",
        "likelihood": "1",
        "type": "normal",
        "status": "proposed",  # what a new change starts as (FT508)
        "extra": "",
        **values,
    }
    path = f"changes/2026/CHG-2026-{number:04d}.yaml"
    return Hostile(path, CHANGE.format(**fields), code, marker)


def changes(code: str | None, marker: str, field: str, *written: str) -> tuple[Hostile, ...]:
    """One new change for each value of the field, CHG-2026-0090 onwards."""
    return tuple(change(90 + i, code, marker, **{field: w}) for i, w in enumerate(written))


PLATFORM = (VALUES / "ftgitops.yaml").read_text(encoding="utf-8")
APAC_RULE, UK_RULE = "rrule: FREQ=MONTHLY;BYDAY=-1SA", "rrule: FREQ=MONTHLY;BYDAY=-1MO"
FREEZE_WINDOW = "window: {start: 2026-12-21T00:00, end: 2027-01-04T00:00}"


def platform(code: str, *edits: tuple[str, str]) -> tuple[Hostile, ...]:
    """ftgitops.yaml with each `(old, new)` edit, and a finding expected at each."""
    text = PLATFORM
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return tuple(Hostile("ftgitops.yaml", text, code, new.split("\n")[0]) for _, new in edits)


def rules(apac: str, uk: str, freeze: str | None = None) -> tuple[Hostile, ...]:
    """The two slots' rules (and the freeze's) replaced: each an FT311 at its line."""
    edits = [(APAC_RULE, f"rrule: {apac}"), (UK_RULE, f"rrule: {uk}")]
    if freeze is not None:
        edits.append((FREEZE_WINDOW, f"rrule: {freeze}\n      days: 1"))
    return platform("FT311", *edits)


def release(number: int, waves: int, start: str, end: str, code: str | None) -> Hostile:
    wave = (
        f"  - {{region: uk, groups: [2], environments: [uat], downtime: false, "
        f"window: {{start: {start}, end: {end}}}}}\n"
    )
    text = (
        "# yaml-language-server: $schema=../../schemas/release.schema.json\n"
        f"id: REL-2026-{number:04d}\nkind: release\ntitle: Release 2030.1\n"
        'release_type: enhancement\nversion: "2030.1"\nstatus: proposed\nowner: dave\n'
        "services: [web]\nnotes: {summary: Everything at once.}\n"
        f"risk: {{likelihood: 1, impact: 1}}\nwaves:\n{wave * waves}"
    )
    return Hostile(f"changes/2026/REL-2026-{number:04d}.yaml", text, code, "- {")


def tenant(go_live: str, code: str) -> Hostile:
    text = (
        "# yaml-language-server: $schema=../schemas/tenant.schema.json\n"
        "id: kestrel-care\nname: Kestrel Care\nregion: uk\nproduct: front-office\n"
        f"upgrade_group: 2\nenvironments:\n  production: {{go_live: {go_live}}}\n"
    )
    return Hostile("tenants/kestrel-care.yaml", text, code, "go_live")


def incident(number: int, started: str, resolved: str, code: str | None) -> Hostile:
    text = (
        "# yaml-language-server: $schema=../../schemas/incident.schema.json\n"
        f"id: INC-2026-{number:04d}\nkind: incident\ntitle: Slow pages\nseverity: sev4\n"
        f"status: resolved\nstarted: {started}\nresolved: {resolved}\nregions: [uk]\n"
        "services: [web]\nimpact: degraded\nupdates:\n"
        f"  - {{at: {resolved}, status: resolved, text: Fixed.}}\n"
    )
    return Hostile(f"changes/2026/INC-2026-{number:04d}.yaml", text, code, "started:")


NINES = "9" * 5000
CONTROL_IN_A_KEY = "2026-12-08T01:00}\n" + r'"x\e": {y: 1'
CASES = [
    # Text: a control character reaches a value only through a double-quoted escape.
    Case(
        "control-characters",
        (
            *changes(
                "FT108",
                "title:",
                "title",
                r'"Patch \e[31mthe\e[0m web servers"',  # ANSI escape
                r'"Patch\0 the web servers"',  # NUL
                r'"Patch\vthe web servers"',  # vertical tab
                r'"Patch\rthe web servers"',  # carriage return
                r'"Patch\x7f the web servers"',  # DEL
                r'"Patch\x9b31m the web servers"',  # C1: CSI
                r'"Patch\N the web servers"',  # C1: next line
                r'"Patch\uFFFE the web servers"',  # a non-character
            ),
            change(99, "FT108", r'"x\e"', end=CONTROL_IN_A_KEY),
        ),
    ),
    Case(
        "text-that-is-text",
        changes(
            None,
            "title:",
            "title",
            r'"Patch\tthe web\nservers"',
            r'"Patch \u2028the \u202Eweb servers \U0001F600"',
        ),
    ),
    # Integers: no literal longer than 18 digits is read.
    Case(
        "long-integers",
        (
            *changes("FT101", "risk:", "likelihood", NINES, "0x" + "f" * 5000, "-" + "1" * 19),
            change(93, "FT104", "risk:", likelihood="1e400"),
        ),
    ),
    # Zones: real IANA zones, not folders, not the host's own.
    Case(
        "zones",
        changes(
            "FT107",
            "window:",
            "tz",
            "Asia",
            "Etc",
            "localtime",
            "posixrules",
            "right/Europe/London",
            "posix/Europe/London",
            "Factory",
        ),
    ),
    Case("region-zone", platform("FT107", ("timezone: Australia/Sydney", "timezone: Australia"))),
    # Dates: 1970-2100.
    Case(
        "dates",
        (
            change(90, "FT110", "window:", start="0001-01-01T00:00", end="0001-01-01T02:00"),
            change(91, "FT110", "window:", start="9999-12-31T20:00", end="9999-12-31T22:00"),
            change(92, "FT110", "window:", start="1969-12-31T20:00", end="1969-12-31T22:00"),
            tenant("0001-01-01", "FT110"),
            incident(90, "9999-01-01T00:00", "9999-01-01T01:00", "FT110"),
        ),
    ),
    Case(
        "first-and-last-years",
        (
            change(
                90,
                None,
                "window:",
                start="1970-01-02T20:00",
                end="1970-01-02T22:00",
                type="emergency",  # a window long over is recorded as an emergency (FT507)
                status="completed",
                extra="justification: The feed failed.\nrecorded_after: Written up next day.\n",
            ),
            change(91, None, "window:", start="2100-12-30T20:00", end="2100-12-30T22:00"),
            incident(90, "1970-01-01T00:00", "2100-12-31T00:00", None),
        ),
    ),
    # Recurrence rules: days only, numbers in range, one line, a rule that occurs.
    Case("rules-too-often", rules("FREQ=MINUTELY", "FREQ=HOURLY;BYMINUTE=0,15", "FREQ=SECONDLY")),
    Case("rules-unreadable", rules("FREQ=BOGUS", "RRULE:FREQ=;BYDAY=MO", "FREQ=DAILY;BYEASTER=0")),
    Case("rules-out-of-range", rules("FREQ=DAILY;INTERVAL=0", "FREQ=MONTHLY;BYDAY=30MO")),
    Case("rules-by-time", rules("FREQ=DAILY;BYHOUR=1,2,3", "FREQ=DAILY;COUNT=" + NINES[:20])),
    Case(
        "rules-never-or-two-lines",
        rules("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", '"FREQ=DAILY\\nDTSTART:20000101T000000"'),
    ),
    Case(
        "rule-too-long",
        platform("FT101", (APAC_RULE, "rrule: FREQ=DAILY;BYMONTHDAY=" + ",1" * 200)),
    ),
    # Sizes: windows, freezes, releases.
    Case(
        "sizes",
        (
            change(90, "FT312", "window:", end="2027-01-21T23:00"),
            release(90, 3000, "2030-01-01T00:00", "2035-01-01T00:00", "FT312"),
            release(91, 52, "2030-01-01T00:00", "2035-01-01T00:00", "FT312"),
        ),
    ),
    Case(
        "freeze-400-days",
        platform(
            "FT312", (FREEZE_WINDOW, "window: {start: 2026-12-21T00:00, end: 2028-01-25T00:00}")
        ),
    ),
    Case("52-waves-of-an-hour", (release(90, 52, "2030-01-01T00:00", "2030-01-01T01:00", None),)),
]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The values fixture as a repository: `main` as it is, checked out on `feature`."""
    root = Path(shutil.copytree(VALUES, tmp_path / "repo"))
    init(root)
    commit(root, "base")
    git(root, "checkout", "-q", "-b", "feature")
    return root


def _no_crash(result: Run) -> None:
    assert result.code in (0, 1, 2), result
    assert "Traceback" not in result.err and "internal error" not in result.err, result.err
    assert result.seconds < LIMIT_SECONDS / 2, result.seconds


def _has(lines: list[str], hostile: Hostile, where: str | None = None) -> bool:
    where = where or f"{hostile.path}:{hostile.line}:"
    return any(where in line and f": error[{hostile.code}]: " in line for line in lines)


def _validate(capsys: pytest.CaptureFixture[str], root: Path, case: Case) -> None:
    result = run(capsys, root, "validate")
    _no_crash(result)
    findings = result.out.splitlines()[:-1]
    assert all(re.match(FINDING, line) for line in findings), findings
    for hostile in case.files:
        if hostile.code is None:
            load_errors = [f for f in findings if f.startswith(hostile.path) and ": error[FT1" in f]
            assert load_errors == []
        else:
            assert _has(findings, hostile), (hostile.path, hostile.line, findings)
    assert result.code == (0 if case.accepted else 1), findings


def _check(capsys: pytest.CaptureFixture[str], root: Path, case: Case) -> None:
    result = run(capsys, root, "check", "--base", "main")
    _no_crash(result)
    lines = result.out.splitlines()
    for hostile in (h for h in case.files if h.code is not None):
        # The check names a tenant's file by a number (its redaction), so only its line.
        where = f":{hostile.line}:" if hostile.path.startswith("tenants/") else None
        assert _has(lines, hostile, where), (hostile.path, hostile.line, lines)
    assert result.code == (0 if case.accepted else 1), lines


def _build(capsys: pytest.CaptureFixture[str], root: Path, case: Case) -> None:
    result = run(capsys, root, "build")
    _no_crash(result)
    if case.accepted:
        assert result.code == 0, result.err
        assert (root / "public" / "index.html").is_file()
    else:
        assert result.code == 2
        assert re.search(r"failed: ftgitops: [^:]+:[0-9]+:[0-9]+: error\[FT", result.err)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_values_are_findings_on_their_lines_in_validate_check_and_build(
    case: Case, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for hostile in case.files:
        (repo / hostile.path).write_text(hostile.text, encoding="utf-8")
    commit(repo, case.name)
    _validate(capsys, repo, case)
    _check(capsys, repo, case)
    _build(capsys, repo, case)
