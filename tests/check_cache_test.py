"""The check's per-blob cache: a warm run reports exactly what a run without the cache does.

Each test builds a real git repository from tests/fixtures/check and runs `ftgitops check`
three ways (`--no-cache`, filling the cache, from the cache); the reports must be identical.
"""

from __future__ import annotations

import dataclasses
import json
import pickle
from datetime import UTC, datetime
from pathlib import Path

import pytest
import tzdata  # type: ignore[import-untyped]
from gitfixture import CHECK_FIXTURE as FIXTURE
from gitfixture import CHG2, CHG3, MNT1, NOW, commit, edit, git, make_repo

from ftgitops.check import cache
from ftgitops.check.cache import CACHE_FOLDER, shard_of, shared_strings, version_key
from ftgitops.check.run import CheckOptions, run_check
from ftgitops.conflicts import KIND_CODES, find_conflicts
from ftgitops.findings import Finding
from ftgitops.load.documents import Document
from ftgitops.load.pipeline import FileOutcome
from ftgitops.load.schemas import SchemaSet
from ftgitops.load.sources import MemorySource
from ftgitops.main import main
from ftgitops.validate import validate_source

TENANT = "tenants/bluegum-recruitment.yaml"
RETIMED = (  # CHG-2026-0003 moved onto MNT-2026-0001's window, in production
    "window: {start: 2026-11-28T23:30, end: 2026-11-29T00:30, tz: Australia/Sydney}\n"
    "targets: {regions: [apac], services: [web], tenants: all, environments: [production]}"
)


def run(capsys: pytest.CaptureFixture[str], root: Path, *extra: str) -> tuple[int, str]:
    """`ftgitops check --format json --internal`: exit code and report."""
    arguments = ["--root", str(root), "check", "--base", "main", "--now", NOW]
    code = main([*arguments, "--format", "json", "--internal", *extra])
    return code, capsys.readouterr().out


def three_ways(capsys: pytest.CaptureFixture[str], root: Path) -> tuple[int, dict[str, object]]:
    """The report without the cache, which the runs filling and reading the cache must equal."""
    expected = run(capsys, root, "--no-cache")
    assert run(capsys, root) == expected  # fills the cache with what is new
    assert run(capsys, root) == expected  # everything from the cache
    return expected[0], json.loads(expected[1])


def partners(report: dict[str, object], item_id: str) -> set[str]:
    """The other side of each conflict the item takes part in."""
    conflicts = report["conflicts"]
    assert isinstance(conflicts, list)
    sides = [(c["first"], c["second"]) for c in conflicts]
    return {b if a == item_id else a for a, b in sides if item_id in (a, b)}


def codes(report: dict[str, object]) -> set[str]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return {finding["code"] for finding in findings}


def shards(root: Path) -> dict[Path, int]:
    """Each cache shard file and its modification time."""
    folder = root / ".git" / CACHE_FOLDER
    return {path: path.stat().st_mtime_ns for path in sorted(folder.glob("check-*.pickle"))}


def test_warm_runs_match_through_change_tenant_and_platform_edits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    edit(
        root,
        CHG3,
        "window: {start: 2026-12-09T20:00, end: 2026-12-09T22:00, tz: Australia/Sydney}\n"
        "targets: {regions: [apac], services: [web], tenants: all, environments: [uat]}",
        RETIMED,
    )
    edit(root, CHG3, "owner: alice", "owner: nobody")
    commit(root, "a change file")
    code, report = three_ways(capsys, root)
    assert code == 1
    assert "MNT-2026-0001" in partners(report, "CHG-2026-0003")

    edit(root, TENANT, "production:", "uat: {go_live: 2023-01-02}\n  production:")
    commit(root, "a tenant file")
    _, report = three_ways(capsys, root)
    assert "FT307" in codes(report)

    # The notice's window has no zone of its own: it moves with its region's zone, so its
    # typed item (cached from the runs above) must be built again, and the overlap goes.
    edit(root, "ftgitops.yaml", "timezone: Australia/Sydney", "timezone: Asia/Tokyo")
    commit(root, "the platform file")
    _, report = three_ways(capsys, root)
    assert "MNT-2026-0001" not in partners(report, "CHG-2026-0003")


def test_a_warm_run_rewrites_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_repo(tmp_path / "repo")
    edit(root, CHG3, "title: Upgrade", "title: Replace")
    commit(root)
    first = run(capsys, root)
    written = shards(root)
    assert written  # the cold run filled the cache
    assert run(capsys, root) == first
    assert shards(root) == written
    edit(root, CHG3, "title: Replace", "title: Renew")
    commit(root)
    run(capsys, root)
    rewritten = [path for path, mtime in shards(root).items() if written.get(path) != mtime]
    assert 1 <= len(rewritten) <= 2  # the new blob's shard (and its parse of the base side)
    assert git(root, "status", "--porcelain") == ""


def test_a_corrupt_cache_is_ignored_and_rebuilt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    edit(root, CHG3, "owner: alice", "owner: nobody")
    commit(root)
    expected = run(capsys, root, "--no-cache")
    run(capsys, root)
    damaged = list(shards(root))
    damages = [b"", b"\x80\x05not a pickle", pickle.dumps(["a", "list"]), pickle.dumps(None)]
    for index, path in enumerate(damaged):
        data = path.read_bytes()
        path.write_bytes(damages[index % 4] if index % 5 else data[: len(data) // 2])
    assert run(capsys, root) == expected
    for path in damaged:  # every damaged shard was written again, whole
        stored = pickle.loads(path.read_bytes())
        assert stored[0] == version_key(SchemaSet())
    assert run(capsys, root) == expected


def _poison(root: Path, version: str) -> None:
    """A cache shard whose entry for CHG-2026-0003 carries a finding the file does not have."""
    sha = git(root, "rev-parse", f"HEAD:{CHG3}").strip()
    fake = Finding("FT102", "planted by the test", CHG3, ("title",), 1, 1)
    outcome = FileOutcome(None, (fake,), ())
    folder = root / ".git" / CACHE_FOLDER
    folder.mkdir(exist_ok=True)
    shard = folder / f"check-{shard_of(sha):02d}.pickle"
    shard.write_bytes(pickle.dumps((version, {(sha, CHG3): outcome}, {})))


def test_another_version_s_cache_is_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_repo(tmp_path / "repo")
    edit(root, CHG3, "title: Upgrade", "title: Replace")
    commit(root)
    expected = run(capsys, root, "--no-cache")
    _poison(root, "an older ftgitops")
    assert run(capsys, root) == expected
    _poison(root, version_key(SchemaSet()))  # the same entry under this version is trusted
    assert "planted by the test" in run(capsys, root)[1]


def test_changed_files_are_judged_as_a_whole_tree_validation_would(tmp_path: Path) -> None:
    """Only item files change, so references and policy run for them alone: the findings and
    conflicts must still be those of validating the whole head tree and of the whole engine."""
    root = make_repo(tmp_path / "repo")
    edit(root, CHG3, "owner: alice", "owner: nobody")  # unknown person
    edit(root, CHG3, "end: 2026-12-09T22:00", "end: 2026-12-09T19:00")  # ends before it starts
    changes = root / "changes" / "2026"
    duplicate = (root / CHG2).read_text().replace("status: approved", "status: proposed")
    (changes / "CHG-2026-0004.yaml").write_text(duplicate)  # id CHG-2026-0002 again
    overlap = duplicate.replace("CHG-2026-0002", "CHG-2026-0005")
    (changes / "CHG-2026-0005.yaml").write_text(overlap.replace("[bob]", "[carol]"))
    (changes / "CHG-2026-0006.yaml").write_text(
        overlap.replace("CHG-2026-0005", "CHG-2026-0006").replace("title:", "titel:")
    )
    skipped = "window: {start: 2026-10-04T02:30, end: 2026-10-04T04:00, tz: Australia/Sydney}"
    (changes / "CHG-2026-0007.yaml").write_text(
        (root / CHG3).read_text().replace("CHG-2026-0003", "CHG-2026-0007")
    )
    edit(
        root,
        "changes/2026/CHG-2026-0007.yaml",
        "window: {start: 2026-12-09T20:00, end: 2026-12-09T19:00, tz: Australia/Sydney}",
        skipped,
    )
    frozen = overlap.replace("CHG-2026-0005", "CHG-2026-0008").replace("12-08T2", "12-22T2")
    (changes / "CHG-2026-0008.yaml").write_text(frozen)  # in the UK year-end freeze
    edit(root, MNT1, "title: APAC", "title: The APAC")
    commit(root)

    now = datetime.fromisoformat(NOW)
    report = run_check(root, CheckOptions("main", "HEAD", now))
    changed = {c.b_path for c in report.changed if c.b_path}
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.yaml")}
    whole = validate_source(MemorySource(files), datetime(2026, 11, 21, tzinfo=UTC), SchemaSet())
    conflict_codes = set(KIND_CODES.values())
    expected = [f for f in whole.findings if f.file in changed and f.code not in conflict_codes]
    found = [f for f in report.findings if f.code not in conflict_codes]
    assert found == expected
    assert {f.code for f in found} >= {"FT201", "FT301", "FT208", "FT102", "FT302"}
    assert whole.model is not None
    every = find_conflicts(whole.model, now.astimezone(UTC))
    touching = [c for c in every if c.kind != "short-notice" and changed & set(c.paths)]
    assert list(report.conflicts) == touching
    assert {c.kind for c in touching} == {"same-target", "freeze"}


def test_cached_documents_share_one_object_per_repeated_string() -> None:
    """Each file's parse makes its own strings; the cache keeps one of each, so a shard pickles
    a key (or a status, an environment) once, whatever the number of files in it."""

    def parsed(path: str) -> Document:
        fresh = "".join  # a new object for every call, as each file's parse makes
        data = {fresh(["sta", "tus"]): fresh(["dra", "ft"]), fresh(["targets"]): {}}
        data[fresh(["targets"])] = {fresh(["environments"]): [fresh(["ua", "t"]), 3]}
        return Document(path, "change", data)

    first, second = shared_strings(parsed("a.yaml")), shared_strings(parsed("b.yaml"))
    assert first == parsed("a.yaml") and second.data == first.data
    (status, draft), (targets, environments) = first.data.items()
    (status_2, draft_2), (targets_2, environments_2) = second.data.items()
    assert status is status_2 and draft is draft_2 and targets is targets_2
    assert environments["environments"][0] is environments_2["environments"][0]


def test_records_load_through_their_makers_exactly_as_they_were_built(tmp_path: Path) -> None:
    files = {p.relative_to(FIXTURE).as_posix(): p.read_bytes() for p in FIXTURE.rglob("*.yaml")}
    model = validate_source(
        MemorySource(files), datetime(2026, 11, 21, tzinfo=UTC), SchemaSet()
    ).model
    assert model is not None and model.items
    stored = tmp_path / "model.pickle"
    cache.write_atomically(stored, model)
    assert b"_make_Change" in stored.read_bytes()
    with stored.open("rb") as stream:
        loaded = pickle.load(stream)
    assert loaded == model
    for item_id, item in model.items.items():
        assert type(loaded.items[item_id]) is type(item)
        assert loaded.items[item_id].raw == item.raw  # left out of `==`


def test_a_record_class_whose_init_does_more_is_called_as_usual() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            assert self.value > 0

    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        value: int

    assert cache._maker(Checked) is None and cache._maker(Unslotted) is None


def test_the_zone_databases_are_in_the_cache_version() -> None:
    assert f"# version {tzdata.IANA_VERSION}" in cache._zone_database_version()
