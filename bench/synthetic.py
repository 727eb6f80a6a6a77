"""A synthetic change repository of any size, valid and shaped like the real one, for benches.

Files are 30-80 lines with the real mix (changes, releases, maintenance notices, incidents),
real references between them and times that keep clear of daylight-saving changes, so
`ftgitops validate` on it is clean and the timing measures the normal, passing path. Every
window is before the bench's today, so every item is recorded as ended, as in a real
repository (live work after its window is a finding, FT309); an incident's `caused_by` and its
cause's `problems` agree (FT212).
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

YEARS = tuple(range(2020, 2027))
MIX = (("CHG", 0.5), ("REL", 0.1), ("MNT", 0.2), ("INC", 0.2))
REGIONS = {"apac": "Australia/Sydney", "uk": "Europe/London"}
SERVICES = (
    "database", "file-storage", "identity", "api", "web", "timesheet-interpretation",
    "communications", "report-delivery", "application-parsing", "integration-hub",
)  # fmt: skip
PEOPLE = ("alice", "ben", "chloe", "dev", "emma", "farid", "grace", "harry", "isla", "jack")
TEXT = (
    "upgrade the cluster nodes and rebalance the storage pools before the payroll run so that "
    "tenant reports finish inside their window while the api keeps serving requests from the "
    "secondary replicas and the identity service stays available for every customer sign-in"
)
WORDS = TEXT.split()

PLATFORM = """\
# yaml-language-server: $schema=schemas/platform.schema.json
name: Synthetic platform
regions:
{regions}
services:
{services}
roles:
  engineer: {{name: Platform engineer}}
  cab: {{name: Change advisory board}}
  release-manager: {{name: Release manager}}
people:
{people}
policies:
  notice_days: 7
  approvals:
    low: [engineer]
    medium: [engineer, cab]
    high: [engineer, cab, release-manager]
    critical: [engineer, cab, release-manager]
"""

REGION = """\
  {rid}:
    name: {name}
    timezone: {zone}
    sites:
      primary: {{name: {name} primary, role: primary}}
      dr: {{name: {name} DR, role: dr}}
    slots:
      - {{name: {name} maintenance, kind: maintenance, rrule: "FREQ=MONTHLY;BYDAY=-1SA",
         start: "23:00", minutes: 120}}"""


def platform_text() -> str:
    regions = "\n".join(
        REGION.format(rid=rid, name=rid.upper(), zone=zone) for rid, zone in REGIONS.items()
    )
    services = "\n".join(
        f"  {sid}: {{name: {sid.title()}, depends_on: [database]}}"
        if sid != "database"
        else "  database: {name: Database}"
        for sid in SERVICES
    )
    people = "\n".join(
        f"  {p}: {{name: {p.title()} Example, email: {p}@example.com, roles: [engineer, cab]}}"
        for p in PEOPLE
    )
    return PLATFORM.format(regions=regions, services=services, people=people)


class Writer:
    """Makes the text of each file kind from one seeded random source."""

    def __init__(self, seed: int, tenants: list[tuple[str, str]], ids: dict[str, list[str]]):
        self.rng = random.Random(seed)
        self.tenants = tenants
        self.ids = ids
        causes = random.Random(seed + 1)  # a fifth of the incidents were caused by a change
        self.causes = {i: causes.choice(ids["CHG"]) for i in ids["INC"] if causes.random() < 0.2}
        self.problems: dict[str, list[str]] = {}
        for incident, change in self.causes.items():
            self.problems.setdefault(change, []).append(incident)

    def words(self, low: int, high: int) -> str:
        start = self.rng.randrange(len(WORDS))
        count = self.rng.randint(low, high)
        return " ".join(WORDS[(start + i) % len(WORDS)] for i in range(count)).capitalize()

    def paragraph(self, lines: int, indent: str = "  ") -> str:
        return "\n".join(f"{indent}{self.words(8, 14)}" for _ in range(lines))

    def some(self, pool: tuple[str, ...] | list[str], low: int, high: int) -> str:
        return ", ".join(self.rng.sample(list(pool), self.rng.randint(low, high)))

    def moment(self, year: int, hour: int) -> datetime:
        """A time in the year, before the bench's today so that nothing is still due."""
        start = date(year, 1, 1) + timedelta(days=self.rng.randrange(300))
        return datetime(start.year, start.month, start.day, hour, self.rng.choice((0, 30)))

    def tenant_list(self, region: str) -> str:
        mine = [tid for tid, r in self.tenants if r == region] or ["all"]
        return "all" if self.rng.random() < 0.5 else f"[{self.some(mine, 1, min(4, len(mine)))}]"

    def risk(self) -> str:
        return (
            f"risk:\n  likelihood: {self.rng.randint(1, 5)}\n  impact: {self.rng.randint(1, 5)}\n"
            "  treatment: mitigate\n  controls:\n"
            f"    - {self.words(5, 9)}\n    - {self.words(5, 9)}\n"
            f"rollback:\n  plan: |-\n{self.paragraph(2, '    ')}\n  tested: true\n"
            f"  max_minutes: {self.rng.randint(10, 90)}\n"
        )

    def change(self, item_id: str, year: int) -> str:
        region = self.rng.choice(tuple(REGIONS))
        start = self.moment(year, self.rng.randint(19, 21))
        kind = self.rng.choice(("standard", "normal", "normal", "emergency"))
        lines = [
            f"id: {item_id}\nkind: change\ntitle: {self.words(4, 8)}",
            f"description: |-\n{self.paragraph(5)}",
            f"category: {self.rng.choice(('infrastructure', 'code', 'product', 'licensing'))}",
            f"type: {kind}\nstatus: {self.rng.choice(('completed', 'completed', 'rolled-back'))}",
            f"owner: {self.rng.choice(PEOPLE)}\nimplementers: [{self.some(PEOPLE, 1, 3)}]",
            f"window:\n  start: {start:%Y-%m-%dT%H:%M}",
            f"  end: {start + timedelta(hours=2):%Y-%m-%dT%H:%M}",
            f"targets:\n  regions: [{region}]\n  sites: [primary, dr]",
            f"  services: [{self.some(SERVICES, 1, 4)}]\n  tenants: {self.tenant_list(region)}",
            "  environments: [production, uat]",
            f"impact:\n  downtime: {str(self.rng.random() < 0.3).lower()}",
            f"  public_summary: {self.words(8, 14)}",
            self.risk().rstrip(),
            f"justification: {self.words(8, 12)}" if kind == "emergency" else "",
            "deploy:\n  driver: octopus\n  project: FastTrack360",
            f"  version: {year}.1.{self.rng.randint(0, 9)}",
            f"problems: [{', '.join(self.problems[item_id])}]" if item_id in self.problems else "",
            "log:\n  - at: " + f"{start:%Y-%m-%dT%H:%M}\n    action: started\n    by: ftgitops",
            f"  - at: {start + timedelta(hours=1):%Y-%m-%dT%H:%M}\n    action: succeeded\n"
            f"    by: ftgitops\n    message: {self.words(6, 10)}",
        ]
        return "\n".join(line for line in lines if line) + "\n"

    def wave(self, region: str, group: int, start: datetime) -> str:
        end = start + timedelta(hours=3)
        return (
            f"  - name: {region.upper()} group {group}\n    region: {region}\n"
            f"    groups: [{group}]\n"
            f"    environments: [uat, production]\n    window:\n"
            f"      start: {start:%Y-%m-%dT%H:%M}\n      end: {end:%Y-%m-%dT%H:%M}\n"
            "    downtime: true\n    status: completed"
        )

    def release(self, item_id: str, year: int) -> str:
        kind = self.rng.choice(("enhancement", "service-patch", "hotfix"))
        start = self.moment(year, 20)
        waves = [
            self.wave(region, group, start + timedelta(days=7 * (group - 1)))
            for region in REGIONS
            for group in (1, 2)
        ]
        lines = [
            f"id: {item_id}\nkind: release\ntitle: {self.words(3, 6)}\nrelease_type: {kind}",
            f'version: "{year}.{self.rng.randint(1, 4)}.{self.rng.randint(0, 9)}"',
            f"status: completed\nowner: {self.rng.choice(PEOPLE)}",
            f"implementers: [{self.some(PEOPLE, 1, 3)}]",
            f"services: [{self.some(SERVICES, 1, 4)}]",
            f"notes:\n  summary: |-\n{self.paragraph(3, '    ')}\n  features:",
            "\n".join(f"    - {self.words(6, 12)}" for _ in range(self.rng.randint(3, 6))),
            "  fixes:",
            "\n".join(f"    - {self.words(6, 12)}" for _ in range(self.rng.randint(2, 5))),
            "waves:\n" + "\n".join(waves),
            self.risk().rstrip(),
            f"justification: {self.words(8, 12)}" if kind == "hotfix" else "",
        ]
        return "\n".join(line for line in lines if line) + "\n"

    def maintenance(self, item_id: str, year: int) -> str:
        region = self.rng.choice(tuple(REGIONS))
        start = self.moment(year, 21)
        published = start - timedelta(days=self.rng.randint(8, 20), hours=10)
        end = start + timedelta(hours=2)
        lines = [
            f"id: {item_id}\nkind: maintenance\ntitle: {region.upper()} maintenance {start:%B %Y}",
            f"status: completed\nowner: {self.rng.choice(PEOPLE)}",
            f"published: {published:%Y-%m-%dT%H:%M}",
            f"window:\n  start: {start:%Y-%m-%dT%H:%M}\n  end: {end:%Y-%m-%dT%H:%M}",
            f"regions: [{region}]\nsites: [primary, dr]\nservices: [{self.some(SERVICES, 2, 5)}]",
            "environments: [production, uat, training]\ntenants: all\ndowntime: true",
            f"public_text: |-\n{self.paragraph(9)}",
            f"changes: [{self.rng.choice(self.ids['CHG'])}]",
            f"updates:\n  - at: {published:%Y-%m-%dT%H:%M}\n    status: scheduled\n"
            f"    text: {self.words(8, 12)}\n"
            f"  - at: {start:%Y-%m-%dT%H:%M}\n    status: in-progress\n"
            f"    text: {self.words(8, 12)}\n  - at: {end:%Y-%m-%dT%H:%M}\n"
            f"    status: completed\n    text: {self.words(8, 12)}",
        ]
        return "\n".join(lines) + "\n"

    def incident(self, item_id: str, year: int) -> str:
        region = self.rng.choice(tuple(REGIONS))
        start = self.moment(year, self.rng.randint(8, 14))
        steps = ("investigating", "identified", "monitoring", "resolved")
        updates = "\n".join(
            f"  - at: {start + timedelta(minutes=25 * i):%Y-%m-%dT%H:%M}\n    status: {status}\n"
            f"    text: |-\n{self.paragraph(2, '      ')}"
            for i, status in enumerate(steps)
        )
        cause = self.causes.get(item_id)
        lines = [
            f"id: {item_id}\nkind: incident\ntitle: {self.words(4, 8)}",
            f"severity: sev{self.rng.randint(1, 4)}\nstatus: resolved",
            f"security: {str(self.rng.random() < 0.05).lower()}",
            f"started: {start:%Y-%m-%dT%H:%M}",
            f"resolved: {start + timedelta(minutes=25 * (len(steps) - 1)):%Y-%m-%dT%H:%M}",
            f"regions: [{region}]\nservices: [{self.some(SERVICES, 1, 3)}]",
            f"environments: [production]\ntenants: {self.tenant_list(region)}",
            f"impact: {self.rng.choice(('degraded', 'partial-outage', 'major-outage'))}",
            f"owner: {self.rng.choice(PEOPLE)}",
            f"caused_by: {cause}" if cause else "",
            f"updates:\n{updates}",
            f"postmortem: |-\n{self.paragraph(4)}",
        ]
        return "\n".join(line for line in lines if line) + "\n"

    def tenant(self, tenant_id: str, region: str) -> str:
        live = date(2021, 1, 1) + timedelta(days=self.rng.randrange(1500))
        subscribers = "\n".join(
            f"  - name: {self.words(2, 3)}\n    email: {tenant_id}.{n}@example.com"
            for n in range(self.rng.randint(2, 4))
        )
        return (
            f"id: {tenant_id}\nname: {tenant_id.replace('-', ' ').title()}\nregion: {region}\n"
            f"product: {self.rng.choice(('end-to-end', 'front-office'))}\n"
            f"upgrade_group: {self.rng.randint(1, 3)}\naccount_manager: {self.rng.choice(PEOPLE)}\n"
            f"environments:\n  production:\n    go_live: {live.isoformat()}\n"
            f"  uat:\n    go_live: {(live - timedelta(days=60)).isoformat()}\n    permanent: true\n"
            f"subscribers:\n{subscribers}\n"
        )


SCHEMA = "# yaml-language-server: $schema="


def plan(changes: int) -> list[tuple[str, int, str]]:
    """(prefix, year, id) for every item, the mix spread evenly over the years."""
    items = []
    for prefix, share in MIX:
        count = max(1, round(changes * share))
        for index in range(count):
            year = YEARS[index % len(YEARS)]
            items.append((prefix, year, f"{prefix}-{year}-{index // len(YEARS) + 1:04d}"))
    return items[:changes] if len(items) > changes else items


def generate(root: Path, changes: int, tenants: int, seed: int = 1) -> int:
    """Write the repository under `root`; the number of data files written."""
    items = plan(changes)
    ids = {prefix: [i for p, _, i in items if p == prefix] for prefix, _ in MIX}
    tenant_ids = [(f"tenant-{n:04d}", tuple(REGIONS)[n % len(REGIONS)]) for n in range(tenants)]
    writer = Writer(seed, tenant_ids, ids)
    (root / "tenants").mkdir(parents=True)
    (root / "ftgitops.yaml").write_text(platform_text(), encoding="utf-8")
    for tenant_id, region in tenant_ids:
        text = f"{SCHEMA}../schemas/tenant.schema.json\n" + writer.tenant(tenant_id, region)
        (root / "tenants" / f"{tenant_id}.yaml").write_text(text, encoding="utf-8")
    kinds = {"CHG": "change", "REL": "release", "MNT": "maintenance", "INC": "incident"}
    for prefix, year, item_id in items:
        folder = root / "changes" / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        body = getattr(writer, kinds[prefix])(item_id, year)
        text = f"{SCHEMA}../../schemas/{kinds[prefix]}.schema.json\n{body}"
        (folder / f"{item_id}.yaml").write_text(text, encoding="utf-8")
    return 1 + tenants + len(items)
