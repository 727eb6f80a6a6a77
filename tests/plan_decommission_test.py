"""`ftgitops plan decommission`: a standard change per overdue UAT or Training environment, in
a free window; after `--write` FT307 is gone, validate and conflicts are clean, and a second
run plans nothing."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from conftest import PROJECT_ROOT, CliResult

NOW = "2026-12-02T00:30Z"
Cli = Callable[..., CliResult]
PLAN = [
    "pacific-labour-hire training          due "
    "2026-09-02  Fri 11 Dec 2026 22:00–Sat 12 Dec 00:00 AEDT",
    "albion-care-staffing uat              due "
    "2026-10-14  Thu 10 Dec 2026 22:00–Fri 11 Dec 00:00 GMT",
    "clydeside-industrial training         due "
    "2026-12-02  Fri 11 Dec 2026 22:00–Sat 12 Dec 00:00 GMT",
    "clydeside-industrial uat              due "
    "2026-12-02  Sat 12 Dec 2026 22:00–Sun 13 Dec 00:00 GMT",
]


def example_copy(root: Path) -> Path:
    shutil.copy(PROJECT_ROOT / "ftgitops.yaml", root / "ftgitops.yaml")
    for folder in ("tenants", "changes", "schemas"):
        shutil.copytree(PROJECT_ROOT / folder, root / folder)
    return root


def test_decommission_write_silences_ft307(tmp_path: Path, cli: Cli) -> None:
    root = example_copy(tmp_path)
    before = cli("--root", root, "validate", "--now", NOW)
    assert before.out.count("warning[FT307]") == 2
    dry = cli("--root", root, "plan", "decommission", "--now", NOW)
    assert (dry.code, dry.out.splitlines()) == (0, PLAN)
    assert not (root / "changes" / "2026" / "CHG-2026-0018.yaml").exists()
    wrote = cli("--root", root, "plan", "decommission", "--now", NOW, "--write")
    assert wrote.out.splitlines() == [
        f"{line}  wrote changes/2026/CHG-2026-{number:04d}.yaml"
        for line, number in zip(PLAN, range(18, 22), strict=True)
    ]
    after = cli("--root", root, "validate", "--now", NOW)
    assert "FT307" not in after.out
    assert after.out.splitlines()[-1] == "no problems in 81 files"
    conflicts = cli("--root", root, "conflicts", "--now", NOW)
    assert conflicts.out.splitlines()[-1] == "0 conflicts (0 errors, 0 warnings)"
    again = cli("--root", root, "plan", "decommission", "--now", NOW, "--write")
    assert (again.code, again.out) == (0, "")


def test_a_cancelled_decommission_no_longer_answers(tmp_path: Path, cli: Cli) -> None:
    root = example_copy(tmp_path)
    cli("--root", root, "plan", "decommission", "--now", NOW, "--write")
    path = root / "changes" / "2026" / "CHG-2026-0019.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: draft", "status: cancelled"), encoding="utf-8")
    after = cli("--root", root, "validate", "--now", NOW)
    assert after.out.count("warning[FT307]") == 1
    assert "tenants/albion-care-staffing.yaml:14:5: warning[FT307]: uat" in after.out
