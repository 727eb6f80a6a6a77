"""`ftgitops new`: ids, placeholders, published times and never overwriting, on a real repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, umask

from ftgitops.load.documents import KIND_PREFIXES, schema_line_for
from ftgitops.load.schemas import SchemaSet
from ftgitops.load.yamlload import load_mapping
from ftgitops.main import main
from ftgitops.newitem import write_new
from ftgitops.skeleton import KINDS

FIXTURE = Path(__file__).parent / "fixtures" / "new_repo"
PACKAGE_ROOT = Path(__file__).parent.parent
NOW = "2026-11-21T10:00+11:00"
FILLED = {
    "owner: todo": "owner: alice",
    "implementers: [todo]": "implementers: [alice, emma]",
    "services: [todo]": "services: [database, web]",
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    return root


def new(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> Path:
    code = main(["--root", str(root), "new", *args])
    out = capsys.readouterr().out
    assert code == 0
    return Path(out.strip())


def validate(root: Path, capsys: pytest.CaptureFixture[str], today: str) -> tuple[int, str]:
    code = main(["--root", str(root), "validate", "--today", today])
    return code, capsys.readouterr().out


def fill(path: Path) -> None:
    """The placeholders replaced: the ids by real ones, each `TODO: ` text by its own words."""
    text = path.read_text(encoding="utf-8")
    for placeholder, value in FILLED.items():
        text = text.replace(placeholder, value)
    path.write_text(text.replace("TODO: ", ""), encoding="utf-8")


def touch(root: Path, relative: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# a stand-in\n", encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_gets_its_prefix_and_the_first_number(
    repo: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = new(repo, capsys, kind, "--now", NOW)
    assert path == repo / "changes" / "2026" / f"{KIND_PREFIXES[kind]}-2026-0001.yaml"
    assert load_mapping(path.read_bytes())["id"] == path.stem


def test_the_number_follows_the_highest_of_that_prefix_and_year(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for relative in (
        "changes/2026/CHG-2026-0001.yaml",
        "changes/2026/CHG-2026-0007.yaml",
        "changes/2025/CHG-2026-0012.yaml",  # filed in the wrong year: its number is still taken
        "changes/2027/CHG-2027-0040.yaml",
        "changes/2026/REL-2026-0050.yml",
    ):
        touch(repo, relative)
    assert new(repo, capsys, "change", "--now", NOW).name == "CHG-2026-0013.yaml"
    assert new(repo, capsys, "change", "--now", NOW).name == "CHG-2026-0014.yaml"
    assert new(repo, capsys, "release", "--now", NOW).name == "REL-2026-0051.yaml"
    assert new(repo, capsys, "maintenance", "--now", NOW).name == "MNT-2026-0001.yaml"
    assert new(repo, capsys, "change", "--now", "2027-03-01T09:00").name == "CHG-2027-0041.yaml"


def test_the_year_is_the_year_of_now_in_the_region(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = new(repo, capsys, "incident", "--now", "2026-12-31T14:00Z")  # 01:00 in Sydney
    assert path == repo / "changes" / "2027" / "INC-2027-0001.yaml"


def test_an_existing_file_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "changes" / "2026" / "CHG-2026-0001.yaml"
    assert write_new(target, "first\n")
    assert not write_new(target, "second\n")
    assert target.read_text(encoding="utf-8") == "first\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["CHG-2026-0001.yaml"]


def test_concurrent_runs_each_claim_their_own_id(repo: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(PACKAGE_ROOT)}
    command = [sys.executable, "-m", "ftgitops", "--root", str(repo), "new", "change"]
    runs = [
        subprocess.Popen([*command, "--now", NOW], stdout=subprocess.PIPE, text=True, env=env)
        for _ in range(6)
    ]
    printed = sorted(Path(run.communicate()[0].strip()).name for run in runs)
    assert [run.returncode for run in runs] == [0] * 6
    expected = [f"CHG-2026-{n:04d}.yaml" for n in range(1, 7)]
    assert printed == expected
    assert sorted(p.name for p in (repo / "changes" / "2026").iterdir()) == expected
    for name in expected:
        data = load_mapping((repo / "changes" / "2026" / name).read_bytes())
        assert data["id"] == name.removesuffix(".yaml")


@pytest.mark.parametrize("kind", KINDS)
def test_the_skeleton_names_its_schema_and_has_every_required_field(
    repo: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = new(repo, capsys, kind, "--now", NOW)
    relative = path.relative_to(repo).as_posix()
    assert path.read_text(encoding="utf-8").splitlines()[0] == schema_line_for(kind, relative)
    data = load_mapping(path.read_bytes())
    assert set(SchemaSet().schema(kind)["required"]) <= set(data)
    assert data["kind"] == kind


def test_an_unfilled_skeleton_fails_at_each_placeholder(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new(repo, capsys, "change", "--now", NOW)
    code, out = validate(repo, capsys, "2026-11-21")
    assert code == 1
    findings = out.splitlines()[:-1]
    assert [line.split(": ")[1] for line in findings] == [
        "error[FT201]",
        "error[FT201]",
        "error[FT203]",
    ]
    assert all("'todo'" in line for line in findings)


@pytest.mark.parametrize("kind", KINDS)
def test_a_filled_skeleton_validates(
    repo: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    fill(new(repo, capsys, kind, "--now", NOW))
    assert validate(repo, capsys, "2026-11-21") == (0, "no problems in 3 files\n")


def test_now_is_the_published_time_and_the_notice_stays_valid(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = new(repo, capsys, "maintenance", "--now", NOW)
    fill(path)
    data = load_mapping(path.read_bytes())
    assert data["published"] == NOW
    # The last Saturday of November 2026 is the 28th: at least 7 days after the 21st.
    assert data["window"] == {
        "start": "2026-11-28T23:00",
        "end": "2026-11-29T01:00",
        "tz": "Australia/Sydney",
    }
    assert validate(repo, capsys, "2026-11-21") == (0, "no problems in 3 files\n")
    for today in ("2026-11-29", "2027-06-30"):  # valid still; the window over, not yet recorded
        code, out = validate(repo, capsys, today)
        assert code == 0 and out.endswith("0 errors, 1 warning in 3 files\n")
        assert "warning[FT309]: MNT-2026-0001 is still scheduled" in out


def test_a_slot_inside_the_notice_period_is_skipped(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = new(repo, capsys, "maintenance", "--now", "2026-11-25T10:00+11:00")
    window = load_mapping(path.read_bytes())["window"]
    assert window["start"] == "2026-12-26T23:00"  # 28 November is only 3 days away
    published = datetime.fromisoformat("2026-11-25T10:00+11:00")
    start = datetime.fromisoformat(window["start"] + "+11:00")
    assert start - published >= timedelta(days=7)


def test_notice_is_counted_on_the_wall_clock_as_the_policy_counts_it(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # UK clocks go forward on Sunday 28 March 2027: Monday 22 March 23:00 GMT to Monday
    # 29 March 23:00 BST is seven calendar days (6 days 23 hours elapsed), enough notice.
    now = "2027-03-22T23:00+00:00"
    path = new(repo, capsys, "maintenance", "--now", now, "--region", "uk")
    fill(path)
    data = load_mapping(path.read_bytes())
    assert data["published"] == now
    assert data["window"]["start"] == "2027-03-29T23:00"
    assert validate(repo, capsys, "2027-03-22") == (0, "no problems in 3 files\n")


def test_a_now_without_offset_is_utc(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = new(repo, capsys, "maintenance", "--now", "2026-11-21T10:00", "--region", "uk")
    data = load_mapping(path.read_bytes())
    assert data["published"] == "2026-11-21T10:00+00:00"
    assert data["regions"] == ["uk"]
    assert data["window"]["start"] == "2026-11-30T23:00"  # the last Monday of November
    assert data["title"] == "UK maintenance (November 2026)"


def test_the_title_is_kept_exactly(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    title = 'Patch the "SQL" cluster: # not a comment, ünïcode \\ and all'
    path = new(repo, capsys, "change", "--now", NOW, "--title", title)
    assert load_mapping(path.read_bytes())["title"] == title


def test_an_unknown_kind_is_a_usage_error(repo: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--root", str(repo), "new", "problem"])
    assert exit_.value.code == 2
    assert not (repo / "changes").exists()


def test_an_unknown_region_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(repo), "new", "change", "--region", "mars"]) == 2
    assert capsys.readouterr().err == (
        "ftgitops: error: unknown region 'mars': it must be one of apac, uk\n"
    )
    assert not (repo / "changes").exists()


def test_a_repository_without_a_platform_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(tmp_path), "new", "incident"]) == 2
    assert "ftgitops.yaml" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_invalid_platform_file_is_a_usage_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    platform = repo / "ftgitops.yaml"
    platform.write_text(platform.read_text(encoding="utf-8") + "regions: {}\n", encoding="utf-8")
    assert main(["--root", str(repo), "new", "change"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ftgitops: error: ftgitops.yaml:")
    assert "FT005" in err and "run `ftgitops validate`" in err
    assert not (repo / "changes").exists()


def test_the_proposed_window_is_free_of_freezes_and_other_notices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On the example data in December: the UK slot of 28 Dec is in the year-end freeze and
    those of 25 Jan and 22 Feb have notices already, so 29 Mar is proposed, which `validate`
    accepts (the skeleton's placeholders aside)."""
    root = tmp_path / "example"
    root.mkdir()
    for name in ("ftgitops.yaml", "tenants", "changes"):
        copy = shutil.copytree if (PROJECT_ROOT / name).is_dir() else shutil.copy
        copy(PROJECT_ROOT / name, root / name)
    path = new(root, capsys, "maintenance", "--now", "2026-12-01T09:00Z", "--region", "uk")
    assert load_mapping(path.read_bytes())["window"]["start"] == "2027-03-29T23:00"
    code = main(["--root", str(root), "validate", "--now", "2026-12-01T09:00Z", str(path)])
    codes = [line.split("[")[1][:5] for line in capsys.readouterr().out.splitlines()[:-1]]
    # the `todo` owner and service, the TODO public text; no FT4xx
    assert code == 1 and codes == ["FT201", "FT203", "FT313"]


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664)])
def test_a_new_file_gets_the_mode_open_gives_under_the_umask(
    mask: int, mode: int, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not mkstemp's 0600, which no one else sharing the checkout could read."""
    with umask(mask):
        path = new(repo, capsys, "change", "--now", NOW)
    assert path.stat().st_mode & 0o7777 == mode
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []
