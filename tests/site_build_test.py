"""The site builds for real: pages and their content, status states, safety, failed builds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from site_helpers import (
    NOW,
    PROJECT_ROOT,
    build,
    calendar_repo,
    copy_fixture,
    example_config,
    replace,
)

from ftgitops.conflicts.engine import Schedule
from ftgitops.main import main


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_fixture(tmp_path_factory.mktemp("hostile") / "repo")
    assert build(root) == 0
    return root / "public"


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_overall_and_component_states_come_from_open_incidents_and_windows(
    hostile_site: Path,
) -> None:
    home = page(hostile_site, "index.html")
    assert 'id="overall-status" class="ft-overall" data-state="partial-outage"' in home
    assert 'id="component-apac-api" data-state="partial-outage"' in home
    assert 'id="component-uk-web" data-state="under-maintenance"' in home
    assert 'id="component-uk-database" data-state="operational"' in home
    assert 'id="region-uk" data-state="under-maintenance"' in home


def test_a_script_in_a_title_or_update_is_shown_as_text(hostile_site: Path) -> None:
    active = page(hostile_site, "incidents/index.html")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in active
    assert "&lt;img src=x onerror=alert(1)&gt;" in active
    for html in (
        active,
        page(hostile_site, "index.html"),
        page(hostile_site, "maintenance/index.html"),
    ):
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "<b>patch</b>" not in html
    assert "<em>queue</em>" in active


def test_times_are_local_with_abbreviation_and_utc(hostile_site: Path) -> None:
    active = page(hostile_site, "incidents/index.html")
    assert "Sat 21 Nov 2026 21:30 AEDT · Sat 21 Nov 2026 10:30 UTC" in active
    maintenance = page(hostile_site, "maintenance/index.html")
    assert "Sat 21 Nov 2026 11:00–13:00 GMT (21 Nov 11:00–13:00 UTC)" in maintenance


def test_security_and_internal_items_never_appear(hostile_site: Path) -> None:
    for path in hostile_site.rglob("*"):
        if path.is_file() and path.suffix != ".gz":
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "SECURITY-INCIDENT-TITLE" not in text, path
            assert "INTERNAL-CHANGE-TITLE" not in text, path


def test_history_has_a_page_per_month_with_an_anchor_per_incident(hostile_site: Path) -> None:
    october = page(hostile_site, "history/2026-10/index.html")
    assert 'id="inc-2026-0002"' in october
    november = page(hostile_site, "history/2026-11/index.html")
    assert 'id="inc-2026-0001"' in november


def test_uptime_bars_have_a_text_for_every_day_per_region(hostile_site: Path) -> None:
    history = page(hostile_site, "history/index.html")
    uk = history.split('id="uptime-uk-database"')[1].split("</ol>")[0]
    assert uk.count("<li ") == 90
    assert uk.count('class="ft-sr"') == 90
    assert "Mon 05 Oct 2026: major outage 2 hours</span>" in uk
    assert f"{100 * (1 - 120 / (90 * 1440)):.2f}% fully operational" in uk
    assert "Outage: 2 hours</span>" in uk
    # The outage was in the UK: the APAC database bar stays clear.
    apac = history.split('id="uptime-apac-database"')[1].split("</ol>")[0]
    assert "Mon 05 Oct 2026: no incidents</span>" in apac
    assert "100.00% fully operational" in apac and "major" not in apac


def test_release_notes_show_the_rollout_without_tenants(hostile_site: Path) -> None:
    releases = page(hostile_site, "releases/index.html")
    assert "Tue 01 Dec 2026 20:00–23:00 AEDT (01 Dec 09:00–12:00 UTC)" in releases
    assert "Tue 08 Dec 2026 20:00–23:00 GMT (08 Dec 20:00–23:00 UTC)" in releases
    assert "Bulk timesheet approval" in releases
    assert "Zebra" not in releases and "zebra-secret" not in releases


def test_status_is_readable_without_javascript(hostile_site: Path) -> None:
    home = page(hostile_site, "index.html")
    region = home.split('id="region-apac"')[1].split("</section>")[0]
    assert '<li class="ft-component" id="component-apac-api" data-state="partial-outage">' in region
    assert "Partial outage</span>" in region and "<script" not in region


def test_the_example_data_builds_in_strict_mode(tmp_path: Path) -> None:
    config = example_config(tmp_path)
    assert build(PROJECT_ROOT, "--config", str(config), "--output", str(tmp_path / "out")) == 0
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'id="overall-status"' in home
    assert (tmp_path / "out" / "maintenance.ics").is_file()


def test_a_failed_build_leaves_the_previous_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_fixture(tmp_path / "repo")
    assert build(root) == 0
    before = {p: p.read_bytes() for p in (root / "public").rglob("*") if p.is_file()}
    incident = root / "changes" / "2026" / "INC-2026-0002.yaml"
    incident.write_text(incident.read_text() + "updates: [unclosed\n", encoding="utf-8")
    assert build(root) == 2
    assert "INC-2026-0002.yaml" in capsys.readouterr().err
    after = {p: p.read_bytes() for p in (root / "public").rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".public")] == [".public.builds"]
    published = (root / "public").readlink().name
    builds = sorted(p.name for p in (root / ".public.builds").iterdir())
    assert builds == [".ftgitops-site", ".lock", published]  # nothing of the failed build


def test_an_unknown_audience_is_a_usage_error(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "repo")
    assert main(["--root", str(root), "build", "--audience", "everyone"]) == 2
    assert not (root / "public").exists()


def test_the_built_site_is_readable_by_a_web_server(hostile_site: Path) -> None:
    """The staging folder comes from mkdtemp (mode 0700); the published one must not be."""
    assert hostile_site.stat().st_mode & 0o777 == 0o755


@pytest.mark.parametrize(
    ("start", "end", "zone", "text"),
    [
        (  # the APAC monthly window crosses midnight
            "2026-11-28T23:00+11:00",
            "2026-11-29T01:00+11:00",
            "Australia/Sydney",
            "Sat 28 Nov 2026 23:00–Sun 29 Nov 01:00 AEDT (28 Nov 12:00–14:00 UTC)",
        ),
        (  # Sydney's clocks go back at 03:00 on 5 April 2026: three hours on the wall, four real
            "2026-04-05T01:00+11:00",
            "2026-04-05T04:00+10:00",
            "Australia/Sydney",
            "Sun 05 Apr 2026 01:00 AEDT–04:00 AEST (04 Apr 14:00–18:00 UTC)",
        ),
        (
            "2027-01-12T20:00+11:00",
            "2027-01-12T22:00+11:00",
            "Australia/Sydney",
            "Tue 12 Jan 2027 20:00–22:00 AEDT (12 Jan 09:00–11:00 UTC)",
        ),
    ],
)
def test_a_window_reads_in_local_time_with_its_abbreviations_and_utc(
    start: str, end: str, zone: str, text: str
) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from ftgitops.site.timefmt import span

    shown = span(datetime.fromisoformat(start), datetime.fromisoformat(end), [ZoneInfo(zone)])
    assert f">{text}</span>" in shown


def test_an_internal_scheduling_clash_never_stops_the_public_page(tmp_path: Path) -> None:
    """Two internal changes on one database at one time (FT401, an error for `validate`)
    still leave the customers' page building; the internal edition shows the clash."""
    root = calendar_repo(tmp_path / "repo")
    replace(root / "changes/2026/CHG-2026-0006.yaml", "downtime: false", "downtime: true")
    assert main(["--root", str(root), "validate", "--now", NOW]) == 1
    assert build(root) == 0
    assert build(root, "--audience", "internal") == 0
    reports = page(root / "public-internal", "reports/index.html")
    conflicts = reports.split('<h2 id="conflicts">')[1].split("<h2 ")[0]
    assert "error" in conflicts and "same-target" in conflicts and "outside-slot" in conflicts
    assert "CHG-2026-0005 and CHG-2026-0006" in conflicts
    policy = reports.split('<h2 id="policy-findings">')[1].split("<h2 ")[0]
    assert "FT307" in policy and "tenants/wombat-works.yaml" in policy  # UAT past its date


def test_an_internal_build_runs_the_conflict_engine_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = count_schedules(monkeypatch)
    assert build(calendar_repo(tmp_path / "repo"), "--audience", "internal") == 0
    assert len(runs) == 1


def count_schedules(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every run of the conflict engine builds one `Schedule`: a list that records each."""
    runs: list[object] = []
    built = Schedule.__init__

    def counted(self: Schedule, *args: Any, **kwargs: Any) -> None:
        runs.append(self)
        built(self, *args, **kwargs)

    monkeypatch.setattr(Schedule, "__init__", counted)
    return runs
