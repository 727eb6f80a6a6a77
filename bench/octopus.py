"""A release to 1,000 tenants in 10 waves with the octopus driver, against the test Octopus
server (tests/octopus_server.py) on 127.0.0.1: the requests made and the wall time.

Run by hand from the repository: `python bench/octopus.py [--tenants 1000] [--per change]`.
It writes a repository (the tests' Octopus platform, `--tenants` tenants in 10 groups of two
regions, one release whose waves each upgrade one group's Production), pushes it to a bare
origin, starts the server, then runs `ftgitops deploy --now <wave start>` once per wave in
this process and prints each run's requests, deployments and seconds. Every task goes
Queued, Executing, Success (three looks).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ftgitops.main import main  # noqa: E402
from tests.octopus_server import KEY, Octopus, serving  # noqa: E402

PLATFORM = ROOT / "tests" / "fixtures" / "octopus" / "ftgitops.yaml"
APAC = """  apac:
    name: APAC
    timezone: Australia/Sydney
    sites:
      primary: {name: Sydney primary, role: primary}
    slots:
      - {name: APAC monthly maintenance, kind: maintenance, rrule: FREQ=MONTHLY;BYDAY=-1SA,
         start: "23:00", minutes: 120}
"""
WAVES = 10


def write(root: Path, tenants: int, per: str) -> list[str]:
    """The repository; the waves' start times (UTC) to run at."""
    (root / "tenants").mkdir(parents=True)
    (root / "changes" / "2026").mkdir(parents=True)
    platform = PLATFORM.read_text(encoding="utf-8").replace("services:\n", APAC + "services:\n", 1)
    (root / "ftgitops.yaml").write_text(platform, encoding="utf-8")
    for number in range(tenants):
        region, group = ("uk", "apac")[number % 2], 1 + (number // 2) % 5
        (root / "tenants" / f"tenant-{number:04d}.yaml").write_text(
            f"id: tenant-{number:04d}\nname: Tenant {number:04d}\nregion: {region}\n"
            f"product: end-to-end\nupgrade_group: {group}\n"
            "environments:\n  production: {go_live: 2025-06-02}\n",
            encoding="utf-8",
        )
    waves, starts = [], []
    for wave in range(WAVES):
        region, group, day = ("uk", "apac")[wave // 5], 1 + wave % 5, 7 + wave
        local = "10:00" if region == "uk" else "21:00"
        waves.append(
            f"  - name: Production {region} group {group}\n    region: {region}\n"
            f"    groups: [{group}]\n    environments: [production]\n"
            f"    window: {{start: 2026-12-{day:02d}T{local}, end: 2026-12-{day:02d}T23:30}}\n"
            "    downtime: false\n"
        )
        starts.append(f"2026-12-{day:02d}T10:00Z")  # 10:00 London, 21:00 Sydney
    (root / "changes" / "2026" / "REL-2026-0001.yaml").write_text(
        "id: REL-2026-0001\nkind: release\ntitle: Platform 2026.4\nrelease_type: enhancement\n"
        'version: "2026.4.0"\nstatus: scheduled\nowner: alice\nservices: [web]\n'
        "notes:\n  summary: The December release.\nwaves:\n"
        + "".join(waves)
        + f"risk: {{likelihood: 1, impact: 2}}\ndeploy: {{driver: octopus, per: {per}}}\n",
        encoding="utf-8",
    )
    return starts


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def publish(source: Path, tmp: Path) -> Path:
    """A bare origin holding `source`, and a clone of it to deploy from."""
    git(source, "init", "-q", "-b", "main")
    git(source, "add", "-A")
    git(source, "-c", "user.name=bench", "-c", "user.email=b@x.invalid", "commit", "-qm", "base")
    origin = tmp / "origin.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(source), str(origin)], check=True)
    subprocess.run(["git", "clone", "-q", str(origin), str(tmp / "clone")], check=True)
    return tmp / "clone"


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenants", type=int, default=1000)
    parser.add_argument("--per", choices=("change", "target"), default="change")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        starts = write(tmp / "source", args.tenants, args.per)
        clone = publish(tmp / "source", tmp)
        state = Octopus()
        state.add_tenants([f"Tenant {n:04d}" for n in range(args.tenants)], ("Production",))
        with serving(state) as url:
            os.environ.update({"OCTOPUS_URL": url, "OCTOPUS_API_KEY": KEY})
            total = time.perf_counter()
            for number, now in enumerate(starts, start=1):
                before, clock = len(state.requests), time.perf_counter()
                out = io.StringIO()
                with contextlib.redirect_stdout(out):
                    code = main(["--root", str(clone), "deploy", "--now", now])
                made = len(state.requests) - before
                print(
                    f"wave {number:2d}: exit {code}, {made:5d} requests,"
                    f" {len(state.deployments):5d} deployments so far,"
                    f" {time.perf_counter() - clock:6.2f} s"
                )
            seconds = time.perf_counter() - total
        size = (clone / "changes" / "2026" / "REL-2026-0001.yaml").stat().st_size
        print(
            f"{args.tenants} tenants, {WAVES} waves, per {args.per}: {len(state.requests)}"
            f" requests, {len(state.deployments)} deployments, {seconds:.1f} s;"
            f" release file {size / 1024:.0f} KiB"
        )
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main_bench()
