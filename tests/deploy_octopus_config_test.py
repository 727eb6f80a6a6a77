"""FT601: Octopus work that is due without an API key or a URL stops the run (exit 2) before
anything is asked, leased or committed. Each case is a file in
tests/examples/negative/deploy/: `# env: NAME=VALUE` lines (OCTOPUS_URL and OCTOPUS_API_KEY
are unset first) and the `# expect:` line on standard error."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES
from deploy_helpers import run_in_process
from gitfixture import bare_origin, clone, git
from octopus_helpers import FIXTURE

CASES = sorted((EXAMPLES / "negative" / "deploy").glob("FT601-*.txt"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_octopus_work_without_key_or_url_is_an_input_error(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fields: dict[str, list[str]] = {}
    for line in case.read_text(encoding="utf-8").splitlines():
        key, _, value = line.removeprefix("# ").partition(": ")
        fields.setdefault(key, []).append(value)
    monkeypatch.delenv("OCTOPUS_URL", raising=False)
    monkeypatch.delenv("OCTOPUS_API_KEY", raising=False)
    for setting in fields.get("env", []):
        name, _, value = setting.partition("=")
        monkeypatch.setenv(name, value)
    origin = bare_origin(tmp_path / "origin.git", FIXTURE)
    result = run_in_process(clone(origin, tmp_path / "clone"), "2026-12-08T10:00")
    assert (result.code, result.out, result.err) == (2, "", fields["expect"][0] + "\n")
    assert len(git(origin, "log", "--format=%s", "main").splitlines()) == 1  # nothing pushed


def test_a_dry_run_needs_no_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OCTOPUS_API_KEY", raising=False)
    result = run_in_process(FIXTURE, "2026-12-08T10:00", "--dry-run")
    assert result.code == 0, result.err
    assert result.out.splitlines()[3:5] == [
        "2. start REL-2026-0001 wave-1/tenant-02/uat #1: the window is open",
        "   octopus: release 2026.4.0 of FastTrack360 to UAT for Tenant 2 (Octopus)",
    ]
