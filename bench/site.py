"""Benchmark: build the status site for synthetic repositories of 1,000 and 3,000 incidents.

Each repository has the example platform and tenants, N incidents spread over three years
and N internal changes. Prints build time and output size per edition and the public home
page's gzipped size. Run by hand: `python bench/site.py [N ...]`.
"""

from __future__ import annotations

import gzip
import shutil
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


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def bench(count: int) -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        make_repository(root, count)
        for audience in ("public", "tenant:albion-care-staffing"):
            output = root / "out" / audience.replace(":", "-")
            began = time.perf_counter()
            build_into(root / "mkdocs.yml", Audience.parse(audience), output)
            seconds = time.perf_counter() - began
            print(
                f"{count:>6} incidents + {count} changes  {audience:<30} "
                f"{seconds:6.1f} s  {size(output) / 1e6:7.1f} MB"
            )
        home = (root / "out" / "public" / "index.html").read_bytes()
        print(
            f"{'':>6} public home page: {len(home):,} bytes, {len(gzip.compress(home)):,} gzipped"
        )


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [1000, 3000]:
        bench(n)
