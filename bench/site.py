"""Benchmark: build every edition of the status site for 1,000 and 3,000 synthetic incidents.

Each repository has the example platform and tenants, N incidents spread over three years
and N internal changes, committed to git so the internal edition reads a real history.
Prints build time (wall and CPU, git included), HTML pages (of which permanent item pages:
incidents, windows, work records) and output size per edition (public, internal, one tenant)
and the public home page's gzipped size. Goals: every edition under 30 s wall, and the
internal edition under 10 s of CPU at 3,000 + 3,000 (issue 14), growing linearly.
Run by hand: `python bench/site.py [N ...]`; `bench/compare.sh` runs it for two trees.
"""

from __future__ import annotations

import gzip
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from ftgitops.commands.build import build_into
from ftgitops.site.audience import Audience

PROJECT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 21, 12, 0)
SERVICES = ("database", "api", "web", "identity", "file-storage", "communications")
IMPACTS = ("degraded", "partial-outage", "major-outage")
AUDIENCES = ("public", "internal", "tenant:albion-care-staffing")
GOAL_SECONDS = 30.0
GOAL_CPU_SECONDS = 10.0  # the internal edition at 3,000 incidents + 3,000 changes
ITEM_FOLDERS = ("incidents", "maintenance", "changes")


def incident(index: int, started: datetime) -> str:
    resolved = started + timedelta(minutes=20 + index % 200)
    service = SERVICES[index % len(SERVICES)]
    region = ("apac", "uk")[index % 2]
    tz = ("Australia/Sydney", "Europe/London")[index % 2]
    stamp = f"{started:%Y-%m-%dT%H:%M}+00:00"
    done = f"{resolved:%Y-%m-%dT%H:%M}+00:00"
    return (
        "# yaml-language-server: $schema=../../schemas/incident.schema.json\n"
        f"id: INC-{started:%Y}-{index:04d}\nkind: incident\n"
        f'title: Synthetic incident {index} <slow> & "quoted"\nseverity: sev3\n'
        f"status: resolved\ntz: {tz}\nstarted: {stamp}\nresolved: {done}\n"
        f"regions: [{region}]\nservices: [{service}]\nimpact: {IMPACTS[index % 3]}\n"
        "updates:\n"
        f"  - {{at: {stamp}, status: investigating, text: We are investigating.}}\n"
        f"  - {{at: {done}, status: resolved, text: Resolved.}}\n"
    )


def change(index: int, start: datetime) -> str:
    end = start + timedelta(hours=1)
    return (
        "# yaml-language-server: $schema=../../schemas/change.schema.json\n"
        f"id: CHG-{start:%Y}-{index:04d}\nkind: change\ntitle: Synthetic change {index}\n"
        "category: infrastructure\ntype: standard\nstatus: completed\nowner: alice\n"
        f"window: {{start: {start:%Y-%m-%dT%H:%M}+00:00, end: {end:%Y-%m-%dT%H:%M}+00:00}}\n"
        "targets: {regions: [apac], services: [web], environments: [uat]}\n"
        "impact: {downtime: false}\nrisk: {likelihood: 1, impact: 1}\n"
    )


def make_repository(folder: Path, count: int) -> None:
    shutil.copy(PROJECT / "ftgitops.yaml", folder / "ftgitops.yaml")
    shutil.copytree(PROJECT / "tenants", folder / "tenants")
    step = timedelta(days=3 * 365) / count
    for index in range(1, count + 1):
        moment = NOW - step * index
        year = folder / "changes" / f"{moment:%Y}"
        year.mkdir(parents=True, exist_ok=True)
        (year / f"INC-{moment:%Y}-{index:04d}.yaml").write_text(incident(index, moment))
        (year / f"CHG-{moment:%Y}-{index:04d}.yaml").write_text(change(index, moment))
    (folder / "mkdocs.yml").write_text(
        f"site_name: Bench\nsite_url: https://status.bench.example/\ndocs_dir: {PROJECT / 'site'}\n"
        "theme: {name: material, features: [navigation.prune]}\n"
        f'plugins:\n  - search\n  - ftgitops:\n      now: "{NOW:%Y-%m-%dT%H:%M}:00+00:00"\n'
    )


def commit_all(folder: Path) -> None:
    """One commit of the whole repository, so every change file has a (short) git history."""
    who = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com"}
    who |= {"GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}
    env = {**os.environ, **who}
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-qm", "Synthetic data")):
        subprocess.run(["git", "-C", str(folder), *args], check=True, env=env)


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def cpu_seconds() -> float:
    """User and system time of this process and its finished children (git) so far."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def time_edition(root: Path, count: int, audience: str) -> float:
    """Build one edition with `ftgitops build`'s own function; print and return its seconds.

    CPU seconds are printed beside wall-clock ones: on a shared machine they vary less.
    """
    output = root / "out" / audience.replace(":", "-")
    began, cpu = time.perf_counter(), cpu_seconds()
    build_into(root / "mkdocs.yml", Audience.parse(audience), output)
    seconds, cpu = time.perf_counter() - began, cpu_seconds() - cpu
    pages = sum(1 for _ in output.rglob("*.html"))
    items = sum(1 for folder in ITEM_FOLDERS for _ in (output / folder).glob("*/index.html"))
    verdict = "ok" if seconds < GOAL_SECONDS else f"over the {GOAL_SECONDS:.0f} s goal"
    if audience == "internal" and cpu >= GOAL_CPU_SECONDS:
        verdict += f", over the {GOAL_CPU_SECONDS:.0f} s CPU goal"
    print(
        f"{count:>6} incidents + {count} changes  {audience:<30} {seconds:6.1f} s "
        f"({cpu:5.1f} s CPU)  {pages:>5} pages ({items:>5} item pages)  "
        f"{size(output) / 1e6:7.1f} MB  {verdict}",
        flush=True,
    )
    return seconds


def bench(count: int) -> dict[str, float]:
    """Seconds per edition for a repository of `count` incidents and `count` changes."""
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        make_repository(root, count)
        commit_all(root)
        seconds = {audience: time_edition(root, count, audience) for audience in AUDIENCES}
        home = (root / "out" / "public" / "index.html").read_bytes()
        print(
            f"{'':>6} public home page: {len(home):,} bytes, {len(gzip.compress(home)):,} gzipped"
        )
    return seconds


def warm_up() -> None:
    """One small build first, so the first timed build does not also pay for the imports."""
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        make_repository(root, 10)
        build_into(root / "mkdocs.yml", Audience.parse("public"), root / "out")


def growth(first: int, last: int, before: dict[str, float], after: dict[str, float]) -> None:
    """How build time grew against the number of items (as much as the items is linear)."""
    for audience in AUDIENCES:
        ratio = after[audience] / before[audience]
        print(f"growth {audience:<30} x{last / first:.1f} items -> x{ratio:.1f} time")


if __name__ == "__main__":
    counts = [int(a) for a in sys.argv[1:]] or [1000, 3000]
    warm_up()
    results = [bench(n) for n in counts]
    if len(counts) > 1:
        growth(counts[0], counts[-1], results[0], results[-1])
