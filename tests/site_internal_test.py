"""The internal edition: change calendar with Gantt charts, item details with git history,
and reports, built for real from a git repository whose history the test writes."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from site_helpers import PROJECT_ROOT, build, calendar_repo, copy_fixture, example_config

TASK = re.compile(
    r"^    [A-Za-z0-9 .,()/_+\-]+ :((crit|done|active), )*t\d+, "
    r"(\d{4}-\d\d-\d\d \d\d:\d\d), (\d{4}-\d\d-\d\d \d\d:\d\d)$"
)


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = calendar_repo(tmp_path_factory.mktemp("calendar") / "repo")
    assert build(root, "--audience", "internal") == 0
    return root / "public-internal"


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def gantt_lines(text: str) -> list[str]:
    """The Mermaid source of the page's one Gantt fence, as superfences wrote it."""
    blocks = re.findall(r'<pre class="mermaid"><code>(.*?)</code></pre>', text, re.S)
    assert len(blocks) == 1
    return html.unescape(blocks[0]).splitlines()


def assert_well_formed(lines: list[str]) -> list[re.Match[str]]:
    """`gantt`, its settings, then only sections and tasks whose end follows their start."""
    assert lines[0] == "gantt"
    assert lines[2] == "    dateFormat YYYY-MM-DD HH:mm"
    tasks = []
    for line in lines[4:]:
        if line.startswith("    section "):
            continue
        match = TASK.match(line)
        assert match, line
        assert match.group(4) > match.group(3)
        tasks.append(match)
    return tasks


def test_a_month_has_a_well_formed_gantt_beside_a_table(internal_site: Path) -> None:
    """December holds CHG-2026-0005 and -0006 (in conflict: crit) and both release waves.

    UK windows in December are GMT, so 20:00 local is 20:00 UTC; the APAC wave at 20:00
    AEDT (UTC+11) is 09:00 UTC. The maintenance window starts on 30 Nov, so it is November's.
    """
    december = page(internal_site, "calendar/2026-12/index.html")
    lines = gantt_lines(december)
    tasks = assert_well_formed(lines)
    assert [t.group(0).strip() for t in tasks] == [
        "CHG-2026-0005 Resize the database volumes :crit, t1, 2026-12-01 20:00, 2026-12-01 22:00",
        "CHG-2026-0006 Rebuild the database indexes :crit, t2, 2026-12-01 21:00, 2026-12-01 23:00",
        "REL-2026-0001 wave 1 Release 2026.12 (APAC group 1) :t3, "
        "2026-12-02 09:00, 2026-12-02 12:00",
        "REL-2026-0001 wave 2 Release 2026.12 (UK group 2) :t4, 2026-12-09 20:00, 2026-12-09 23:00",
    ]
    assert "    section Changes" in lines and "    section Release waves" in lines
    table = december.split("<table>")[1].split("</table>")[0]
    assert table.count("<tr>") == 5  # heading and four rows, one per task
    assert 'href="#chg-2026-0005"' in table and "low (3)" in table
    november = page(internal_site, "calendar/2026-11/index.html")
    assert "MNT-2026-0001 UK monthly maintenance (November 2026)" in "\n".join(
        gantt_lines(november)
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
            assert_well_formed(gantt_lines(page(out, f"calendar/{month}/index.html")))
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
