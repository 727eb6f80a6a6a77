"""The internal edition: change calendar with timelines, item details with git history,
and reports with charts, built for real from a git repository whose history the test writes."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest
from site_helpers import NOW, PROJECT_ROOT, build, calendar_repo, copy_fixture, example_config

from ftgitops.site.audience import Audience
from ftgitops.site.generate import context, load
from ftgitops.site.pages import calendar

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "http://www.w3.org/1999/xlink"


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = calendar_repo(tmp_path_factory.mktemp("calendar") / "repo")
    assert build(root, "--audience", "internal") == 0
    return root / "public-internal"


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def svg_of(text: str, svg_id: str) -> ET.Element:
    """The page's inline `<svg id=...>`, parsed as XML (it must be well-formed)."""
    match = re.search(rf'<svg [^>]*id="{svg_id}".*?</svg>', text, re.S)
    assert match, svg_id
    return ET.fromstring(match.group(0))


def bars(root: ET.Element) -> list[ET.Element]:
    """The drawn bars, top to bottom then left to right."""
    found = [g for g in root.iter(f"{SVG}g") if g.get("class") == "bar"]
    rect = {id(g): next(g.iter(f"{SVG}rect")) for g in found}
    return sorted(
        found, key=lambda g: (float(rect[id(g)].get("y", 0)), float(rect[id(g)].get("x", 0)))
    )


def assert_well_formed(root: ET.Element, title: str) -> None:
    """A titled image that scales (a viewBox, no fixed size) and carries no script."""
    assert root.get("role") == "img"
    assert root.get("viewBox", "").startswith("0 0 ")
    assert root.get("width") is None and root.get("height") is None
    heading = root.find(f"{SVG}title")
    assert heading is not None and heading.text == title
    assert root.get("aria-labelledby") == heading.get("id")
    assert not [e for e in root.iter() if e.tag in (f"{SVG}script", f"{SVG}desc")]


def test_a_month_has_a_timeline_beside_a_table(internal_site: Path) -> None:
    """December holds CHG-2026-0005 and -0006 (in conflict: needs attention) and both release
    waves (planned), one row each, in time order from the top; each bar links to the item's
    details and says what and when in its tooltip.

    UK windows in December are GMT, so 20:00 local is 20:00 UTC; the APAC wave at 20:00
    AEDT (UTC+11) is 09:00 UTC. The maintenance window starts on 30 Nov, so it is November's.
    """
    december = page(internal_site, "calendar/2026-12/index.html")
    root = svg_of(december, "chart-timeline-svg")
    assert_well_formed(root, "Timeline of the 4 items starting in 2026-12")
    drawn = bars(root)
    assert [b.findtext(f".//{SVG}title") for b in drawn] == [
        "CHG-2026-0005: Resize the database volumes (scheduled), "
        "Tue 01 Dec 20:00 to Tue 01 Dec 22:00 UTC",
        "CHG-2026-0006: Rebuild the database indexes (approved), "
        "Tue 01 Dec 21:00 to Tue 01 Dec 23:00 UTC",
        "REL-2026-0001 wave 1: Release 2026.12 (APAC group 1) (scheduled), "
        "Wed 02 Dec 09:00 to Wed 02 Dec 12:00 UTC",
        "REL-2026-0001 wave 2: Release 2026.12 (UK group 2) (scheduled), "
        "Wed 09 Dec 20:00 to Wed 09 Dec 23:00 UTC",
    ]
    links = [next(b.iter(f"{SVG}a")).get(f"{{{XLINK}}}href") for b in drawn]
    assert links == ["#chg-2026-0005", "#chg-2026-0006", "#rel-2026-0001", "#rel-2026-0001"]
    starts = [float(next(b.iter(f"{SVG}rect")).get("x", 0)) for b in drawn]
    assert starts[0] < starts[1] < starts[2] < starts[3]
    texts = list(root.iter(f"{SVG}text"))
    rows = sorted(texts[:4], key=lambda t: float(t.get("y", 0)))  # row labels, top down
    assert [t.text for t in rows] == [
        "CHG-2026-0005",
        "CHG-2026-0006",
        "REL-2026-0001 wave 1",
        "REL-2026-0001 wave 2",
    ]
    assert [t.text for t in texts[4:]] == ["1 Dec", "8 Dec", "15 Dec", "22 Dec", "29 Dec"]
    legend = december.split('<ul class="ft-legend">')[1].split("</ul>")[0]
    assert re.findall(r"</svg>([^<]+)</li>", legend) == [
        "Planned",
        "Needs attention (high risk or a conflict)",
    ]
    table = december.split('id="timeline"')[1].split("<table>")[1].split("</table>")[0]
    assert table.count("<tr>") == 5  # heading and four rows, one per bar
    assert 'href="#chg-2026-0005"' in table and "low (3)" in table
    november = page(internal_site, "calendar/2026-11/index.html")
    titles = [b.findtext(f".//{SVG}title") for b in bars(svg_of(november, "chart-timeline-svg"))]
    assert any(
        t.startswith("MNT-2026-0001: UK monthly maintenance (November 2026)") for t in titles
    )


def test_item_details_show_every_field_and_the_history_from_git(internal_site: Path) -> None:
    details = page(internal_site, "changes/chg-2026-0001/index.html").split("<article")[1]
    text = html.unescape(re.sub(r"<[^>]+>", "", details))
    assert "DESCRIPTION-SECRET of CHG-2026-0001 for engineers only." in text
    assert "ROLLBACK-SECRET restore the snapshot of CHG-2026-0001." in text
    assert "Owner: Alice Calendarperson" in text
    history = text.split("What changed")[1].split("All fields")[0]
    assert [line for line in history.splitlines() if "2026 09:00 UTC" in line] == [
        "Tue 01 Sep 2026 09:00 UTC",
        "Thu 03 Sep 2026 09:00 UTC",
        "Thu 10 Sep 2026 09:00 UTC",
        "Wed 07 Oct 2026 09:00 UTC",
    ]
    assert "created: status draft; window 2026-10-05T20:00 to 2026-10-05T22:00" in history
    assert "status draft → proposed" in history
    assert (
        "status proposed → approved; window 2026-10-05T20:00 to 2026-10-05T22:00 → "
        "2026-10-06T20:00 to 2026-10-06T22:00"
    ) in history
    assert "Carol Cabperson" in history and "ftgitops deployer" in history
    assert "status approved → completed" in history


def test_report_volumes_by_month_category_and_type(internal_site: Path) -> None:
    """Changes by the UTC month their window starts: Oct 0001 (infrastructure, normal) and
    0002 (code, standard); Nov 0003 (code, normal), 0004 (security-policy, emergency),
    0007 (code, normal, cancelled but scheduled); Dec 0005 and 0006 (infrastructure, normal).
    Columns are sorted: code, infrastructure, security-policy / emergency, normal, standard."""
    reports = page(internal_site, "reports/index.html")
    category = reports.split('id="chart-category"')[1].split("</table>")[0]
    assert '<th scope="row">2026-10</th><td>1</td><td>1</td><td>0</td>' in category
    assert '<th scope="row">2026-11</th><td>2</td><td>0</td><td>1</td>' in category
    assert '<th scope="row">2026-12</th><td>0</td><td>2</td><td>0</td>' in category
    kinds = reports.split('id="chart-type"')[1].split("</table>")[0]
    assert '<th scope="row">2026-10</th><td>0</td><td>1</td><td>1</td>' in kinds
    assert '<th scope="row">2026-11</th><td>1</td><td>2</td><td>0</td>' in kinds
    assert '<th scope="row">2026-12</th><td>0</td><td>2</td><td>0</td>' in kinds


def test_report_outcomes_and_change_failure_rate(internal_site: Path) -> None:
    """Carried out: 0001 and 0002 completed, 0003 failed, 0004 rolled back (4; the release
    is only scheduled, 0007 cancelled). Incidents were caused by 0001 (its `problems`) and
    0004 (INC-2026-0002 `caused_by`): 2 of 4 = 50.0%."""
    reports = page(internal_site, "reports/index.html")
    outcomes = reports.split('id="chart-outcomes"')[1].split("</table>")[0]
    assert '<th scope="row">completed</th><td class="ft-chart-value">2 (50.0%)</td>' in outcomes
    assert '<th scope="row">failed</th><td class="ft-chart-value">1 (25.0%)</td>' in outcomes
    assert '<th scope="row">rolled-back</th><td class="ft-chart-value">1 (25.0%)</td>' in outcomes
    assert '<p id="change-failure-rate"><strong>50.0%</strong>: 2 of 4 ' in reports


def test_report_lead_time_from_git_with_the_window_as_fallback(internal_site: Path) -> None:
    """CHG-2026-0001: proposed 3 Sep 09:00 UTC, completed 7 Oct 09:00 UTC = 34 days.
    CHG-2026-0002: first committed as scheduled on 1 Sep 09:00 UTC, completion not committed,
    so its window end stands in: 13 Oct 10:00 BST = 09:00 UTC, 42 days. Median and mean 38.
    The failed and rolled-back changes are not completed, so not measured."""
    reports = page(internal_site, "reports/index.html")
    assert "Median <strong>38.0 days</strong>, mean 38.0 days, over 2 completed" in reports
    rows = reports.split('id="lead-time"')[1].split("</table>")[1].split("</table>")[0]
    assert "<td>34.0</td>\n<td>git</td>" in rows
    assert "<td>42.0</td>\n<td>git + window</td>" in rows


def test_report_risk_conflicts_and_decommission(internal_site: Path) -> None:
    """Risk (declared 1 x 2 = 2, +2 for production on every item): 0001-0003 and 0007 stay
    low (4); 0004 is an emergency (+3 = 7), 0005 and 0006 overlap each other (+1 = 5), the
    release spans 2 tenants and 2 regions (+1 +2 = 7): low 4, medium 4.
    Conflicts: 0005/0006 share the database (same-target) and alice (same-implementer).
    Decommission: Wombat's UAT is due 30 days after its 1 Sep go-live, 1 Oct (overdue);
    Numbat's 30 days after 10 Jan 2027, 9 Feb 2027; Wombat's training is permanent."""
    reports = page(internal_site, "reports/index.html")
    risk = reports.split('id="chart-risk"')[1].split("</table>")[0]
    for level, count in (("low", 7), ("medium", 1), ("high", 0), ("critical", 0)):
        assert f'<th scope="row">{level}</th><td class="ft-chart-value">{count}</td>' in risk
    conflicts = reports.split('id="chart-conflicts"')[1].split("</table>")[0]
    assert "2 current conflicts by kind" in conflicts
    assert '<th scope="row">same-target</th><td class="ft-chart-value">1</td>' in conflicts
    assert '<th scope="row">same-implementer</th><td class="ft-chart-value">1</td>' in conflicts
    due = reports.split('<h2 id="environments-due-for-decommission"')[1]
    assert "<td>Wombat Works Staffing</td>\n<td>uat</td>\n<td>2026-09-01</td>\n" in due
    assert "<td>2026-10-01</td>\n<td>overdue</td>" in due
    assert "<td>2027-02-09</td>\n<td>due</td>" in due
    assert due.count("<td>training</td>") == 0


def test_report_failure_rate_per_month(internal_site: Path) -> None:
    """October: 0001 and 0002 carried out, 0001 caused an incident; November: 0003 and 0004
    (0007 was cancelled), 0004 caused one; December's work is not carried out yet."""
    reports = page(internal_site, "reports/index.html")
    table = reports.split('id="chart-failure-rate-data"')[1].split("</table>")[0]
    assert re.findall(r"<tr>(.*?)</tr>", table)[1:] == [
        '<th scope="row">2026-10</th><td>2</td><td>1</td><td class="ft-chart-value">50.0%</td>',
        '<th scope="row">2026-11</th><td>2</td><td>1</td><td class="ft-chart-value">50.0%</td>',
    ]
    root = svg_of(reports, "chart-failure-rate-svg")
    heights = [float(next(b.iter(f"{SVG}rect")).get("height", 0)) for b in bars(root)]
    assert len(heights) == 2 and heights[0] == pytest.approx(heights[1]) and heights[0] > 0
    assert [t.text for t in root.iter(f"{SVG}text")][:5] == ["0%", "25%", "50%", "75%", "100%"]


def test_report_charts_are_titled_svg_with_a_bar_per_value(internal_site: Path) -> None:
    """Each chart parses as XML, is a titled image and draws one bar per non-zero value of
    its data table (which sits in the same figure): 5 category cells (Oct code and
    infrastructure, Nov code and security-policy, Dec infrastructure), 3 outcomes, 1 lead
    time bucket, 2 risk levels, 2 conflict kinds."""
    reports = page(internal_site, "reports/index.html")
    expected = {
        "category": (
            "Changes per month by category (the UTC month their window starts in): "
            "7 changes from 2026-10 to 2026-12",
            5,
        ),
        "type": (
            "Changes per month by type (the UTC month their window starts in): "
            "7 changes from 2026-10 to 2026-12",
            5,
        ),
        "outcomes": ("Outcome of the 4 changes and releases carried out", 3),
        "lead-time": ("Lead times of the 2 completed changes and releases", 1),
        "risk": ("The 8 changes and releases by assessed risk level", 2),
        "conflicts": ("2 current conflicts by kind", 2),
    }
    for chart, (title, count) in expected.items():
        figure = reports.split(f'<figure class="ft-figure" id="chart-{chart}">')[1]
        figure = figure.split("</figure>")[0]
        assert '<details class="ft-data"><summary>Data table</summary>' in figure
        assert f'id="chart-{chart}-data"' in figure
        root = svg_of(figure, f"chart-{chart}-svg")
        assert_well_formed(root, title)
        assert len(bars(root)) == count, chart
    outcomes = svg_of(reports, "chart-outcomes-svg")
    labels = sorted(outcomes.iter(f"{SVG}text"), key=lambda t: float(t.get("y", 0)))
    assert [t.text for t in labels[:3]] == [
        "completed: 2 (50.0%)",
        "failed: 1 (25.0%)",
        "rolled-back: 1 (25.0%)",
    ]
    widths = [float(next(b.iter(f"{SVG}rect")).get("width", 0)) for b in bars(outcomes)]
    assert widths[0] == pytest.approx(2 * widths[1]) and widths[1] == pytest.approx(widths[2])


def test_the_internal_edition_has_its_pages_in_the_navigation(internal_site: Path) -> None:
    home = page(internal_site, "index.html")
    assert 'href="calendar/"' in home and 'href="reports/"' in home
    assert 'href="calendar/2026-10/"' not in home  # month pages stay out of the navigation


def test_the_example_data_builds_its_internal_edition_strictly(tmp_path: Path) -> None:
    config = example_config(tmp_path)
    out = tmp_path / "internal"
    args = ("--config", str(config), "--output", str(out), "--audience", "internal")
    assert build(PROJECT_ROOT, *args) == 0
    months = sorted(p.name for p in (out / "calendar").iterdir() if p.is_dir())
    assert months and "2026-11" in months
    for month in months:
        if month != "unscheduled":
            root = svg_of(page(out, f"calendar/{month}/index.html"), "chart-timeline-svg")
            assert root.find(f"{SVG}title") is not None and bars(root)
    assert 'id="change-failure-rate"' in page(out, "reports/index.html")


def test_item_details_are_html_with_every_hostile_field_shown_as_text(tmp_path: Path) -> None:
    """The hostile fixture's maintenance notice has a `<b>` title and a `<script>` in its
    text: the internal calendar lists them, escaped, in its details, and runs neither."""
    root = copy_fixture(tmp_path / "repo")
    assert build(root, "--audience", "internal") == 0
    record = page(root / "public-internal", "changes/mnt-2026-0001/index.html")
    details = record.split('<dl class="ft-fields">')[1]
    assert "<dt>public_text</dt><dd>The web application restarts &lt;script&gt;alert(2)" in details
    assert (
        "<dt>title</dt><dd>UK web &lt;b&gt;patch&lt;/b&gt; &amp; &quot;restart&quot;</dd>"
        in details
    )
    for path in (root / "public-internal").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<b>patch</b>" not in text, path


def test_the_calendar_shows_each_record_as_known_at_build_time() -> None:
    """Built on Sat 21 Nov 12:00 UTC, the example's UK group 1 wave of 2026.2 (Mon 23 Nov) and
    November's UK maintenance (Mon 30 Nov), recorded as completed later, are still scheduled;
    the APAC group 1 wave (Thu 19 Nov) is completed; a cancellation stands whenever made."""
    model = load(PROJECT_ROOT)
    ctx = context(model, Audience.parse("internal"), datetime.fromisoformat(NOW), "https://s/")
    status = {entry.label: entry.status for entry in calendar.entries(ctx)}
    assert status["REL-2026-0005 wave 3"] == "completed"
    assert status["REL-2026-0005 wave 4"] == "scheduled"
    assert status["MNT-2026-0022"] == "scheduled"
    assert status["MNT-2026-0011"] == "cancelled"
