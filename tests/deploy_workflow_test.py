"""The deploy workflow: on push to main and every 15 minutes, one run at a time and never
cancelled, `contents: write` only for the job that deploys, then the site published."""

from __future__ import annotations

import yaml
from conftest import PROJECT_ROOT

WORKFLOWS = PROJECT_ROOT / ".github" / "workflows"


def test_deploy_runs_on_merge_and_every_15_minutes_one_at_a_time_with_contents_write() -> None:
    workflow = yaml.safe_load((WORKFLOWS / "deploy.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] == {"branches": ["main"]}
    assert triggers["schedule"] == [{"cron": "*/15 * * * *"}]
    assert workflow["concurrency"] == {"group": "deploy", "cancel-in-progress": False}
    assert workflow["permissions"] == {}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"contents": "write"}
    assert deploy["steps"][0]["with"]["ref"] == "main"
    runs = [step.get("run") for step in deploy["steps"]]
    assert "ftgitops deploy" in runs
    assert runs.index("ftgitops notify") > runs.index("ftgitops deploy")  # after, every run
    notify = deploy["steps"][runs.index("ftgitops notify")]
    assert notify["if"] == "always()"
    assert notify["env"]["SMTP_PASSWORD"] == "${{ secrets.SMTP_PASSWORD }}"
    publish = workflow["jobs"]["publish"]
    assert (publish["needs"], publish["uses"]) == ("deploy", "./.github/workflows/publish.yml")
    assert publish["if"] == "always() && needs.deploy.outputs.pushed == 'true'"


def test_the_publish_workflow_can_be_called_by_the_deploy_workflow() -> None:
    workflow = yaml.safe_load((WORKFLOWS / "publish.yml").read_text(encoding="utf-8"))
    assert "workflow_call" in workflow[True]
