"""The permanent pages (incident, customer window, work record) and the internal home, built
for real: stable URLs, their content, valid markup with the site's policy, payloads as text,
search entries instead of indexed aggregates."""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest
from site_helpers import CALENDAR, HOSTILE, PROJECT_ROOT, build, copy_fixture, replace

from ftgitops.model import LogEntry
from ftgitops.site.audience import Audience
from ftgitops.site.csp import digest, inline_scripts
from ftgitops.site.generate import context, edition, load
from ftgitops.site.pages import internalhome
from ftgitops.site.pages.interventions import detail
from ftgitops.site.permalinks import incident_url, window_url, work_url

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
EDITIONS = ("public", "internal", "tenant:zebra-secret")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("items")
    root = copy_fixture(folder / "repo")
    found = {}
    for audience in EDITIONS:
        output = folder / audience.replace(":", "-")
        assert build(root, "--audience", audience, "--output", str(output)) == 0
        found[audience] = output
    return found


def page(site: Path, url_path: str) -> str:
    return (site / url_path / "index.html").read_text(encoding="utf-8")


def article(text: str) -> str:
    return text.split("<article", 1)[1].split(">", 1)[1].split("</article>", 1)[0]


def words(markup: str) -> str:
    """The text a reader sees: tags dropped, references read, whitespace made single."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_the_urls_come_from_one_rule() -> None:
    ctx = context(load(HOSTILE), Audience.parse("public"), NOW, "https://status.hostile.example/")
    assert incident_url(ctx, "INC-2026-0001") == (
        "https://status.hostile.example/incidents/inc-2026-0001/"
    )
    incident = ctx.model.items["INC-2026-0001"]
    assert incident_url(ctx, incident) == incident_url(ctx, "INC-2026-0001")  # type: ignore[arg-type]
    assert window_url(ctx, "REL-2026-0005/uk-production-group-2") == (
        "https://status.hostile.example/maintenance/rel-2026-0005-uk-production-group-2/"
    )
    assert work_url(ctx, "CHG-2026-0001") == (
        "https://status.hostile.example/changes/chg-2026-0001/"
    )


def test_an_incident_page_has_state_duration_components_and_timeline(
    hostile: dict[str, Path],
) -> None:
    """INC-2026-0001 started 21:30 AEDT (10:30 UTC) and is open at 12:00 UTC."""
    for audience, site in hostile.items():
        text = words(article(page(site, "incidents/inc-2026-0001")))
        assert text.startswith(
            "Payroll \"export\" & <script>alert('x')</script> fails "
            "Partial outage Identified · INC-2026-0001 "
            "Started Sat 21 Nov 2026 21:30 AEDT · Sat 21 Nov 2026 10:30 UTC "
            "Duration ongoing, 1 hour 30 minutes so far Affected APAC: API "
        ), audience
        updates = text.split(" Updates ", 1)[1]
        assert updates.startswith(
            "Identified · Sat 21 Nov 2026 22:15 AEDT · Sat 21 Nov 2026 11:15 UTC "
            "We found the cause: a queue backlog & retries. "
            "Investigating · Sat 21 Nov 2026 21:40 AEDT · Sat 21 Nov 2026 10:40 UTC "
            "Exports fail <img src=x onerror=alert(1)> for some customers. "
        ), audience


def test_a_resolved_incident_has_its_duration_and_its_postmortems(
    hostile: dict[str, Path],
) -> None:
    """INC-2026-0002: 09:00 to 11:00 BST, two hours; its published postmortem for everyone
    (script shown as text), its internal review only internally."""
    internal = words(article(page(hostile["internal"], "incidents/inc-2026-0002")))
    assert "Resolved Mon 05 Oct 2026 11:00 BST · Mon 05 Oct 2026 10:00 UTC" in internal
    assert "Duration 2 hours Affected UK: Database" in internal
    assert "Internal review POSTMORTEM-SECRET the root cause was a failed disk controller." in (
        internal
    )
    published = (
        "Postmortem Published Tue 06 Oct 2026 09:00 BST · Tue 06 Oct 2026 08:00 UTC "
        'A storage controller failed <script>alert("pm")</script>; it has been replaced.'
    )
    assert published in internal
    public_html = article(page(hostile["public"], "incidents/inc-2026-0002"))
    public = words(public_html)
    assert "Duration 2 hours" in public and published in public
    assert "<script>" not in public_html
    assert "Internal review" not in public and "POSTMORTEM-SECRET" not in public
    assert not (hostile["tenant:zebra-secret"] / "incidents" / "inc-2026-0002").exists()


def test_a_security_incident_has_no_page_outside_the_internal_edition(
    hostile: dict[str, Path],
) -> None:
    assert (hostile["internal"] / "incidents" / "inc-2026-0003" / "index.html").is_file()
    assert not (hostile["public"] / "incidents" / "inc-2026-0003").exists()


def test_the_month_page_links_each_incident_and_keeps_its_anchor(
    hostile: dict[str, Path],
) -> None:
    month = page(hostile["public"], "history/2026-11")
    line = month.split('<li id="inc-2026-0001">', 1)[1].split("</li>", 1)[0]
    assert line.startswith('<a href="../../incidents/inc-2026-0001/">Payroll &quot;export&quot;')
    assert "ongoing, 1 hour 30 minutes so far · APAC: API" in words(line)
    active = page(hostile["public"], "incidents")
    assert '<a href="inc-2026-0001/">Incident page</a>' in active


def test_a_maintenance_page_has_when_where_state_and_its_text_as_text(
    hostile: dict[str, Path],
) -> None:
    """MNT-2026-0001: 11:00 to 13:00 GMT on 21 Nov, open at 12:00 UTC."""
    for audience in ("public", "internal"):
        text = words(article(page(hostile[audience], "maintenance/mnt-2026-0001")))
        assert text.startswith(
            'UK web <b>patch</b> & "restart" Scheduled maintenance · In progress '
            "When Sat 21 Nov 2026 11:00–13:00 GMT (21 Nov 11:00–13:00 UTC) "
            "Planned length 2 hours Regions UK Services Web application Environments Production "
            "Downtime No downtime expected "
            "The web application restarts <script>alert(2)</script> during the window."
        ), audience
    internal = page(hostile["internal"], "maintenance/mnt-2026-0001")
    assert '<a href="../../changes/mnt-2026-0001/">Full record of MNT-2026-0001</a>' in internal


def test_an_item_page_shows_only_what_was_said_by_build_time() -> None:
    """The example data's record runs past the tests' clock (Sat 21 Nov 12:00 UTC): the UK
    November maintenance (Mon 30 Nov) records its start and its completion, INC-2026-0006 a
    monitoring update at Sun 22 Nov 07:30 Sydney (21 Nov 20:30 UTC). Built on 21 Nov, their
    pages show neither, as the feeds, the API and the window's state do not."""
    ctx = context(load(PROJECT_ROOT), Audience.parse("public"), NOW, "https://s.example/")
    built = edition(ctx).html
    notice = words(built["maintenance/mnt-2026-0022.md"].body)
    assert notice.startswith("Scheduled maintenance · Upcoming When Mon 30 Nov 2026 23:00")
    assert "Updates" not in notice and "Maintenance has started" not in notice
    incident = words(built["incidents/inc-2026-0006.md"].body)
    assert "Updates Identified · Sat 21 Nov 2026 09:05 AEDT" in incident
    assert "Sun 22 Nov" not in incident and "restored full capacity" not in incident


def test_a_wave_with_downtime_has_a_page_in_the_editions_that_feel_it(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "repo", CALENDAR)
    wave = root / "changes" / "2026" / "REL-2026-0001.yaml"
    text = wave.read_text(encoding="utf-8")
    uk = text.index("  - region: uk")
    wave.write_text(
        text[:uk] + text[uk:].replace("downtime: false", "downtime: true", 1), encoding="utf-8"
    )
    assert build(root, "--all-tenants") == 0
    assert build(root) == 0
    path = "maintenance/rel-2026-0001-uk-group-2"
    for site in (root / "public", root / "public-tenants" / "wombat-works"):
        text = words(article(page(site, path)))
        assert text.startswith(
            "Upgrade to Release 2026.12 (2026.12) Upgrade · Upcoming "
            "When Wed 09 Dec 2026 20:00–23:00 GMT (09 Dec 20:00–23:00 UTC) "
            "Planned length 3 hours Regions UK Customers Customer group 2 "
            "Services Web application Environments Production "
            "Downtime Expect downtime Faster search."
        )
    assert not (root / "public-tenants" / "numbat-co" / path).exists()  # APAC, group 1


def test_item_pages_are_well_formed_with_the_policy_and_one_heading(
    hostile: dict[str, Path],
) -> None:
    """Every generated body parses as XML (balanced, escaped); every page has the policy
    first in its head covering the theme's scripts, one `<h1>` and unique ids."""
    for audience, site in hostile.items():
        ctx = context(load(HOSTILE), Audience.parse(audience), NOW, "https://x.example/")
        generated = edition(ctx).html
        assert len(generated) >= 2, audience
        for path, item in generated.items():
            ElementTree.fromstring(f"<div>{item.body}</div>")  # raises on bad markup
            built = (site / path.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
            head = built.split("<head>", 1)[1]
            assert head.startswith('<meta http-equiv="Content-Security-Policy"'), path
            meta = head.split(">", 1)[0]
            assert all(digest(script) in meta for script in inline_scripts(built)), path
            assert built.count("<h1") == 1, path
            ids = re.findall(r'\sid="([^"]+)"', built)
            assert len(ids) == len(set(ids)), (path, ids)
            assert "ftgitopsshell" not in built, path


def test_the_search_index_has_an_entry_per_item_page_and_no_aggregate(
    hostile: dict[str, Path],
) -> None:
    index = json.loads((hostile["internal"] / "search" / "search_index.json").read_text())
    locations = {doc["location"]: doc for doc in index["docs"]}
    incident = locations["incidents/inc-2026-0001/"]
    assert (
        incident["title"]
        == "Payroll \"export\" &amp; &lt;script&gt;alert('x')&lt;/script&gt; fails"
    )
    assert incident["text"] == "INC-2026-0001 · Partial outage · APAC: API"
    assert "changes/chg-2026-0001/" in locations and "maintenance/mnt-2026-0002/" in locations
    assert not [loc for loc in locations if loc.startswith(("history/20", "calendar/20"))]
    assert any(loc.startswith("incidents/") and "#" in loc for loc in locations)  # active page


LOG = """\
log:
  - {at: 2026-10-06T19:00:00Z, action: started, by: ftgitops, target: all, attempt: 1,
     key: "CHG-2026-0001:all:1", run: run-42, expires: 2026-10-06T21:00:00Z}
  - {at: 2026-10-06T19:05:00Z, action: failed, by: ftgitops, target: all, attempt: 1,
     key: "CHG-2026-0001:all:1", run: run-42, driver: command, outcome: failed, exit_code: 3,
     message: deploy failed (exit 3), output: "error: <disk> full"}
  - {at: 2026-10-06T19:30:00Z, action: deployed, by: ftgitops, target: all, attempt: 2,
     key: "CHG-2026-0001:all:2", run: run-43, driver: command, outcome: ok, exit_code: 0}
  - {at: 2026-10-06T19:31:00Z, action: succeeded, by: ftgitops, target: all, attempt: 2,
     key: "CHG-2026-0001:all:2", run: run-43}
  - {at: 2026-10-06T19:40:00Z, action: note, by: alice, message: "Dashboards <b>green</b>."}
"""


def test_a_change_page_shows_its_intervention_log_as_a_timeline(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "repo", CALENDAR)
    change = root / "changes" / "2026" / "CHG-2026-0001.yaml"
    change.write_text(change.read_text(encoding="utf-8") + LOG, encoding="utf-8")
    assert build(root, "--audience", "internal") == 0
    record = page(root / "public-internal", "changes/chg-2026-0001")
    log = record.split('id="intervention-log"', 1)[1].split('id="history"', 1)[0]
    targets = log.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert targets == '<tr><td>all</td><td>2</td><td data-tone="good">succeeded</td></tr>'
    entries = re.findall(r'<li data-tone="(\w+)">(.*?)</li>', log)
    assert [(tone, words(body)) for tone, body in entries] == [
        (
            "neutral",
            "Tue 06 Oct 2026 19:00 UTC · started · all · by ftgitops "
            "attempt 1 · run run-42 · key CHG-2026-0001:all:1",
        ),
        (
            "bad",
            "Tue 06 Oct 2026 19:05 UTC · failed · all · by ftgitops "
            "attempt 1 · outcome failed · exit 3 · driver command · run run-42 · "
            "key CHG-2026-0001:all:1 deploy failed (exit 3) error: <disk> full",
        ),
        (
            "good",
            "Tue 06 Oct 2026 19:30 UTC · deployed · all · by ftgitops "
            "attempt 2 · outcome ok · exit 0 · driver command · run run-43 · "
            "key CHG-2026-0001:all:2",
        ),
        (
            "good",
            "Tue 06 Oct 2026 19:31 UTC · succeeded · all · by ftgitops "
            "attempt 2 · run run-43 · key CHG-2026-0001:all:2",
        ),
        (
            "neutral",
            "Tue 06 Oct 2026 19:40 UTC · note · all · by Alice Calendarperson "
            "Dashboards <b>green</b>.",
        ),
    ]
    assert "<b>green</b>" not in record and "<disk>" not in record


def test_a_log_line_names_its_octopus_task() -> None:
    line = LogEntry(NOW, "deployed", "ftgitops", None, "wave-1", 1, "REL-1:wave-1:1", "run-7")
    raw = {"task": "ServerTasks-34", "outcome": "ok", "driver": "octopus"}
    assert detail(line, raw) == (
        "attempt 1 · outcome ok · driver octopus · task <code>ServerTasks-34</code> · "
        "run <code>run-7</code> · key <code>REL-1:wave-1:1</code>"
    )


def test_the_internal_home_says_so_and_shows_work_due_and_conflicts(tmp_path: Path) -> None:
    """At 21:00 UTC on 1 Dec: CHG-2026-0005 (20:00-22:00 GMT) and -0006 (21:00-23:00) are
    open and in conflict; the APAC wave (20:00 AEDT on 2 Dec, 09:00 UTC) starts later the
    same Sydney day (it is 08:00 AEDT there); the UK wave (9 Dec) is more than a week away."""
    root = copy_fixture(tmp_path / "repo", CALENDAR)
    replace(root / "mkdocs.yml", "2026-11-21T12:00:00+00:00", "2026-12-01T21:00:00+00:00")
    assert build(root, "--audience", "internal") == 0
    home = page(root / "public-internal", ".")
    assert (
        '<div id="internal-edition" class="ft-internal" role="note"><strong>Internal edition'
        in home
    )
    sections = re.findall(r'<h2 id="([\w-]+)">(.*?)</h2>', home)
    assert sections[:5] == [  # then the public status block's own sections
        ("work-in-progress", "Work in progress (2)"),
        ("due-today", "Due today (1)"),
        ("due-this-week", "Due this week (0)"),
        ("open-conflicts", "Open conflicts (2)"),
        ("customer-status", "Customer status"),
    ]
    doing = words(home.split('id="work-in-progress"')[1].split('id="due-today"')[0])
    assert "CHG-2026-0005 Resize the database volumes change" in doing
    assert "CHG-2026-0006 Rebuild the database indexes change" in doing
    today = words(home.split('id="due-today"')[1].split('id="due-this-week"')[0])
    assert "REL-2026-0001 Release 2026.12:" in today and "Wed 02 Dec 2026 20:00–23:00 AEDT" in today
    assert 'href="changes/chg-2026-0005/"' in home
    conflicts = words(home.split('id="open-conflicts"')[1].split('id="customer-status"')[0])
    assert conflicts.count("CHG-2026-0005 , CHG-2026-0006 :") == 2
    assert "warning FT401 (same-target)" in conflicts and "FT405 (same-implementer)" in conflicts


def test_the_internal_home_shows_the_week_as_known_at_build_time() -> None:
    """The example data records the UK group 1 wave of 2026.2 (Mon 23 Nov 23:00 London) and
    November's APAC maintenance with its database patch (Sat 28 Nov 23:00 Sydney) as
    completed. Built on Sat 21 Nov 12:00 UTC, those outcomes were not known yet (as on the
    public home): all three are due this week, still scheduled."""
    ctx = context(load(PROJECT_ROOT), Audience.parse("internal"), NOW, "https://s.example/")
    doing, today, week = internalhome.due(ctx)
    assert (doing, today) == ([], [])
    assert [(w.item.id, w.label, w.status) for w in week] == [
        ("REL-2026-0005", "FastTrack360 2026.2: UK production, group 1", "scheduled"),
        ("MNT-2026-0021", "APAC monthly maintenance (November 2026)", "scheduled"),
        ("CHG-2026-0015", "Apply SQL Server 2022 CU21 to the APAC database clusters", "scheduled"),
    ]


def assets_and_navigation(text: str, url: str) -> tuple[list[str], ...]:
    """The stylesheets, scripts and primary navigation links, as absolute URLs."""
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)
    scripts = re.findall(r'<script src="([^"]+)"', text)
    nav = text.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'href="([^"]+)"', nav)
    return tuple([urljoin(url, link) for link in found] for found in (stylesheets, scripts, links))


def test_an_item_page_is_the_sites_page_around_its_body(hostile: dict[str, Path]) -> None:
    """Built through the shell, an incident page loads the same files and shows the same
    navigation as a page MkDocs built at the same depth (a month of history)."""
    for site in hostile.values():
        item = page(site, "incidents/inc-2026-0001")
        month = page(site, "history/2026-11")
        base = "https://status.hostile.example/"
        assert assets_and_navigation(item, f"{base}incidents/inc-2026-0001/") == (
            assets_and_navigation(month, f"{base}history/2026-11/")
        )
        assert (
            '<link rel="canonical" href="https://status.hostile.example/incidents/inc-2026-0001/">'
            in item
        )
        assert "<title>Payroll &quot;export&quot; &amp; &lt;script&gt;" in item
