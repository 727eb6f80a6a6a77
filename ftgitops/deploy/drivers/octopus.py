"""The octopus driver: deploys a release's waves with Octopus Deploy, whose task queue and
tentacles do the fan-out, while `ftgitops` keeps the plan, the gate and the record.

The jobs of one wave and one environment go as one tenanted deployment (`batch`): the release
is found or created (`IgnoreIfAlreadyExists`), then `deployments/create/tenanted/v1` is sent
with the tenants' Octopus names and `RunAt`/`NoRunAfter` set to the window (with an explicit
UTC offset), and each tenant's server task is watched until it ends, with a bounded pause
between looks, up to the item's time-out. `Success` succeeds; `Failed`, `TimedOut` and
`Canceled` fail with Octopus' error and the end of the task's raw log; a task that waits on a
person (a pending guided-failure interruption) is reported as failed at once, not waited on.

A retry is a new deployment, but first the tenant's latest deployment is looked up: when it
is of this release and did not fail, it is taken over instead (so nothing is deployed twice).
The same look resolves an attempt a crash cut short. Re-simulation asks Octopus too: every
name is found, each tenant is connected to the project in the environment and not disabled,
no deployment freeze covers the window, and (for a retry) the release exists.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ftgitops.deploy.checkpoint import checkpoint
from ftgitops.deploy.drivers import Job, Resolution, StepResult
from ftgitops.deploy.drivers.command import tail
from ftgitops.deploy.drivers.octopus_api import OctopusApi, OctopusError
from ftgitops.deploy.drivers.octopus_api import field as need
from ftgitops.deploy.runclock import RunClock
from ftgitops.deploy.targets import ENVIRONMENT_ORDER
from ftgitops.errors import FtgitopsError
from ftgitops.model import OctopusSettings

FAILED = ("Failed", "TimedOut", "Canceled")
MAX_PAUSE = 60.0  # seconds: the longest pause between two looks at the running tasks


@dataclass
class Member:
    """One tenant environment of a job: the Octopus names and, once made or found, its task."""

    job: int  # index into the batch
    tenant: str
    environment: str  # the tenant environment (production, uat, training)
    name: str  # the Octopus tenant name
    where: str  # the Octopus environment name
    deployment: str | None = None
    task: str | None = None
    state: str = "Queued"
    error: str = ""

    @property
    def label(self) -> str:
        return f"{self.tenant}/{self.environment}"


@dataclass
class Place:
    """The space, project and release a batch deploys, by Octopus id."""

    api: OctopusApi
    space: str
    project: dict[str, Any]
    version: str
    release: str | None = None
    ids: dict[str, str] = field(default_factory=dict)  # environment name -> id

    def path(self, rest: str) -> str:
        return f"/api/{self.space}/{rest}"


class OctopusDriver:
    """Deploys through the Octopus REST API; `environ` gives `OCTOPUS_API_KEY` and
    `OCTOPUS_URL`, `sleep` the pause between looks (tests pass a quick one)."""

    name = "octopus"

    def __init__(
        self,
        clock: RunClock,
        environ: Mapping[str, str],
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.clock = clock
        self.environ = environ
        self.sleep = sleep
        self._apis: dict[tuple[str, float], OctopusApi] = {}
        self._found: dict[tuple[str, ...], Any] = {}  # lookups of this run, by path and name

    @property
    def requests(self) -> int:
        """How many HTTP requests this run sent."""
        return sum(api.calls for api in self._apis.values())

    def batch(self, job: Job) -> Hashable:
        """A wave's (or change's) jobs of one Octopus environment go together."""
        return (job.item, job.target.unit, *sorted({m.where for m in members(job, 0)}))

    # Re-simulation.

    def simulate(self, job: Job) -> StepResult | None:
        return self.simulate_batch([job])[0]

    def simulate_batch(self, jobs: Sequence[Job]) -> list[StepResult | None]:
        start = self.clock.now()
        try:
            place = self._place(jobs[0])
            found = self._blockers(place, jobs)
        except OctopusError as error:
            found = [[f"Octopus: {error}"] for _ in jobs]
        end = self.clock.now()
        return [
            StepResult(
                "simulate",
                "failed" if why else "ok",
                start,
                end,
                output="\n".join(why),
                message="; ".join(why) or None,
            )
            for why in found
        ]

    def _blockers(self, place: Place, jobs: Sequence[Job]) -> list[list[str]]:
        """Why each job may not deploy now, by Octopus' lights."""
        if any(job.attempt > 1 for job in jobs) and self._release(place, create=False) is None:
            gone = f"Octopus: the release {place.version} of {place.project['Name']} is not there"
            return [[gone] for _ in jobs]
        every = [members(job, index) for index, job in enumerate(jobs)]
        frozen = self._freezes(place, jobs, [m for found in every for m in found])
        unfit = [[self._unfit(place, m) for m in found] for found in every]
        return [frozen + [why for why in reasons if why] for reasons in unfit]

    def _unfit(self, place: Place, member: Member) -> str:
        """Why a tenant cannot take a deployment in its environment ('' when it can)."""
        tenant = self._tenant(place, member.name)
        environment = self._environment(place, member.where)
        connected = (tenant.get("ProjectEnvironments") or {}).get(place.project["Id"]) or []
        if tenant.get("IsDisabled"):
            return f"Octopus: the tenant {member.name} is disabled"
        if environment not in connected:
            project = place.project["Name"]
            return (
                f"Octopus: the tenant {member.name} is not connected to {project} in {member.where}"
            )
        return ""

    def _freezes(self, place: Place, jobs: Sequence[Job], found: list[Member]) -> list[str]:
        """The deployment freezes that cover a job's window in its project and environments."""
        ids = sorted({self._environment(place, m.where) for m in found})
        answer = place.api.get(
            "/api/deploymentfreezes",
            {
                "projectIds": place.project["Id"],
                "environmentIds": ",".join(ids),
                "includeComplete": "false",
                "skip": 0,
                "take": 1000,
            },
        )
        window = jobs[0].target.window
        reasons = []
        for freeze in need(answer, "DeploymentFreezes", list, "GET /api/deploymentfreezes"):
            start, end = _moment(freeze, "Start"), _moment(freeze, "End")
            scope = (freeze.get("ProjectEnvironmentScope") or {}).get(place.project["Id"]) or []
            if start < window.end and window.start < end and set(scope) & set(ids):
                name, span = freeze.get("Name"), f"{_utc(start)} to {_utc(end)}"
                reasons.append(
                    f"Octopus: the deployment freeze {name!r} ({span}) covers the window"
                )
        return reasons

    # Deploying.

    def deploy(self, job: Job) -> StepResult:
        return self.deploy_batch([job])[0]

    def deploy_batch(self, jobs: Sequence[Job]) -> list[StepResult]:
        start = self.clock.now()
        every = [m for index, job in enumerate(jobs) for m in members(job, index)]
        try:
            if not every:
                raise OctopusError(
                    "no tenant to deploy to: Octopus would deploy nothing and "
                    "report no error, so nothing was sent"
                )
            place = self._place(jobs[0])
            place.release = self._release(place, create=True)
            if any(job.attempt > 1 for job in jobs):
                self._take_over(place, every)
            self._send(place, jobs[0], [m for m in every if m.task is None])
            checkpoint("during-command", self.environ)
            self._watch(place, every, jobs[0])
        except OctopusError as error:
            end = self.clock.now()
            return [
                StepResult("deploy", "failed", start, end, message=f"Octopus: {error}")
                for _ in jobs
            ]
        checkpoint("after-command", self.environ)
        return [
            self._result(job, [m for m in every if m.job == i], place, start)
            for i, job in enumerate(jobs)
        ]

    def _send(self, place: Place, job: Job, due: list[Member]) -> None:
        """One tenanted deployment per Octopus environment, UAT, then Training, then
        Production; the server answers a deployment and a task per tenant."""
        by_place: dict[str, list[Member]] = {}
        for member in due:
            by_place.setdefault(member.where, []).append(member)
        for where, group in by_place.items():
            answer = place.api.post(
                place.path("deployments/create/tenanted/v1"),
                {
                    "SpaceIdOrName": place.space,
                    "ProjectName": place.project["Name"],
                    "ReleaseVersion": place.version,
                    "EnvironmentName": where,
                    "Tenants": [m.name for m in group],
                    "RunAt": _utc(job.target.window.start),
                    "NoRunAfter": _utc(job.target.window.end),
                },
            )
            made = need(
                answer, "DeploymentServerTasks", list, "POST deployments/create/tenanted/v1"
            )
            self._match(place, group, made)

    def _match(self, place: Place, group: list[Member], made: list[Any]) -> None:
        """Each tenant's deployment and task (the answer does not say which is whose)."""
        by_tenant = {self._tenant(place, m.name)["Id"]: m for m in group}
        for pair in made:
            deployment = need(pair, "DeploymentId", str, "DeploymentServerTasks")
            task = need(pair, "ServerTaskId", str, "DeploymentServerTasks")
            body = place.api.get(place.path(f"deployments/{deployment}"))
            member = by_tenant.get(body.get("TenantId") if isinstance(body, dict) else None)
            if member is not None:
                member.deployment, member.task = deployment, task
        missing = [m.name for m in group if m.task is None]
        if missing:
            raise OctopusError(f"no deployment was made for {', '.join(missing)}")

    def _take_over(self, place: Place, every: list[Member]) -> None:
        """Before a retry: a tenant whose latest deployment is of this release and did not
        fail keeps it (it is watched, not made again)."""
        for member in every:
            latest = self._latest(place, member)
            if latest is not None and latest[1]["State"] not in FAILED:
                member.deployment, member.task = latest[0]["Id"], latest[0]["TaskId"]

    def _latest(self, place: Place, member: Member) -> tuple[Any, Any] | None:
        """The tenant's latest deployment in the environment, and its task, when it is of
        this release (the deployments query lists the newest first)."""
        query = {
            "projects": place.project["Id"],
            "tenants": self._tenant(place, member.name)["Id"],
            "environments": self._environment(place, member.where),
            "take": 1,
        }
        answer = place.api.get(place.path("deployments"), query)
        items = need(answer, "Items", list, "GET deployments")
        if (
            not items
            or not isinstance(items[0], dict)
            or items[0].get("ReleaseId") != place.release
        ):
            return None
        need(items[0], "TaskId", str, "GET deployments")
        return items[0], self._look(place, items[0]["TaskId"])

    # Watching the tasks.

    def _watch(self, place: Place, every: list[Member], job: Job) -> None:
        """Look at every running task until it ends, waits on a person, or time runs out."""
        deadline = self.clock.now() + job.config.timeout
        pause = min(job.octopus.poll_seconds, MAX_PAUSE)
        running = [m for m in every if m.task is not None]
        while running:
            for member in running:
                task = self._look(place, member.task or "")
                if task["IsCompleted"]:
                    member.state = task["State"] if task["State"] != "Running" else "Unknown"
                elif task.get("HasPendingInterruptions") is True:
                    member.state = "Interrupted"
                member.error = place.api.masked(str(task.get("ErrorMessage") or ""))
            running = [m for m in running if m.state == "Queued"]
            if running and self.clock.now() >= deadline:
                for member in running:
                    member.state = "Running"
                return
            if running:
                self.sleep(pause)

    def _look(self, place: Place, task: str) -> Any:
        body = place.api.get(place.path(f"tasks/{task}"))
        need(body, "State", str, f"GET tasks/{task}")
        need(body, "IsCompleted", bool, f"GET tasks/{task}")
        return body

    def _result(self, job: Job, found: list[Member], place: Place, start: datetime) -> StepResult:
        """A job's result: ok when every task succeeded; else what went wrong, each failed
        task's raw log kept in the artifacts and its end in the output."""
        bad = [m for m in found if m.state != "Success"]
        lines = [_said(m) for m in bad]
        output = "\n".join(self._log(job, place, m) for m in bad if m.state in FAILED)
        outcome = (
            "ok"
            if not bad
            else ("timed-out" if all(m.state == "Running" for m in bad) else "failed")
        )
        one = found[0] if len(found) == 1 else None
        return StepResult(
            "deploy",
            outcome,
            start,
            self.clock.now(),
            output=output.strip("\n"),
            artifact=job.artifacts if output else None,
            message="; ".join(lines) or None,
            deployment=one.deployment if one else None,
            task=one.task if one else None,
        )

    def _log(self, job: Job, place: Place, member: Member) -> str:
        """The end of a failed task's raw log (all of it is kept in the artifacts)."""
        job.artifacts.mkdir(parents=True, exist_ok=True)
        path = job.artifacts / f"{member.tenant}-{member.environment}.log"
        try:
            path.write_text(
                place.api.text(place.path(f"tasks/{member.task}/raw")), encoding="utf-8"
            )
        except OctopusError as error:
            return f"(the raw log could not be read: {error})"
        return tail(path)

    # After a crash.

    def verify(self, job: Job) -> None:
        """Octopus runs the project's own checks as steps of the deployment."""
        return None

    def rollback(self, job: Job) -> None:
        """Octopus has no rollback: deploy the previous release as a change of its own."""
        return None

    def resolve_interrupted(self, job: Job) -> Resolution:
        """Ask Octopus what became of an attempt a crash cut short: its deployments of this
        release to the job's tenants, watched to their end (within the time-out)."""
        found = members(job, 0)
        try:
            place = self._place(job)
            place.release = self._release(place, create=False)
            if place.release is None:
                return Resolution(
                    "interrupted",
                    f"the release {place.version} is not in Octopus: nothing was deployed",
                )
            for member in found:
                latest = self._latest(place, member)
                if latest is not None:
                    member.deployment, member.task = latest[0]["Id"], latest[0]["TaskId"]
            self._watch(place, found, job)
        except OctopusError as error:
            return Resolution("interrupted", f"Octopus could not be asked: {error}")
        return _resolution(job, found)

    # Lookups.

    def _place(self, job: Job) -> Place:
        api = self._api(job)
        settings = job.octopus
        project_name = job.config.project or settings.project
        version = job.config.version or job.version
        if not project_name or not version:
            what = "deploy.project (or octopus.project)" if not project_name else "deploy.version"
            raise OctopusError(f"{what} is not set for {job.item}: Octopus needs it")
        space = self._named(api, "/api/spaces", settings.space, "space")["Id"]
        project = self._named(api, f"/api/{space}/projects", project_name, "project")
        need(project, "Id", str, "GET projects")
        return Place(api, space, project, version)

    def _release(self, place: Place, create: bool) -> str | None:
        """The release's id (made when `create` and it does not exist; None when it does not)."""
        if create:
            answer = place.api.post(
                place.path("releases/create/v1"),
                {
                    "SpaceIdOrName": place.space,
                    "ProjectName": place.project["Name"],
                    "ReleaseVersion": place.version,
                    "IgnoreIfAlreadyExists": True,
                },
            )
            return str(need(answer, "ReleaseId", str, "POST releases/create/v1"))
        try:
            found = place.api.get(
                place.path(f"projects/{place.project['Id']}/releases/{place.version}")
            )
        except OctopusError as error:
            if error.status == 404:
                return None
            raise
        return str(need(found, "Id", str, "GET releases"))

    def _tenant(self, place: Place, name: str) -> Any:
        return self._named(place.api, place.path("tenants"), name, "tenant")

    def _environment(self, place: Place, name: str) -> str:
        return str(
            need(
                self._named(place.api, place.path("environments"), name, "environment"),
                "Id",
                str,
                "GET environments",
            )
        )

    def _named(self, api: OctopusApi, path: str, name: str, kind: str) -> Any:
        key = (path, name)
        if key not in self._found:
            found = api.named(path, name)
            if not isinstance(found, dict):
                raise OctopusError(f"there is no {kind} called {name!r} in Octopus")
            self._found[key] = found
        return self._found[key]

    def _api(self, job: Job) -> OctopusApi:
        url, key = connection(job, self.environ)
        timeout = job.octopus.timeout_seconds
        if (url, timeout) not in self._apis:
            self._apis[(url, timeout)] = OctopusApi(url, key, timeout)
        return self._apis[(url, timeout)]


def connection(job: Job, environ: Mapping[str, str]) -> tuple[str, str]:
    """The server's URL and the API key; FT601 when either is missing."""
    url = environ.get("OCTOPUS_URL") or job.octopus.url
    key = environ.get("OCTOPUS_API_KEY", "")
    where = f"{job.item} {job.target.label} is due on Octopus"
    if not key:
        raise FtgitopsError(
            f"error[FT601]: {where}, but OCTOPUS_API_KEY is not set: "
            "set it to an API key of the Octopus user that deploys"
        )
    if not url:
        raise FtgitopsError(
            f"error[FT601]: {where}, but no Octopus URL is set: set "
            "octopus.url in ftgitops.yaml or OCTOPUS_URL"
        )
    return url, key


def members(job: Job, index: int) -> list[Member]:
    """The job's tenant environments with their Octopus names, UAT, Training, Production."""
    settings: OctopusSettings = job.octopus
    pairs = sorted(job.target.covers, key=lambda p: (ENVIRONMENT_ORDER.get(p[1], 9), p[0]))
    return [
        Member(
            index,
            tenant,
            environment,
            job.names.get(tenant, tenant),
            job.config.environment or settings.environments.get(environment, environment),
        )
        for tenant, environment in pairs
    ]


def _resolution(job: Job, found: list[Member]) -> Resolution:
    said = "; ".join(f"{m.label}: {_said(m)}" for m in found)
    if any(m.task is None for m in found):
        return Resolution(
            "interrupted", f"no deployment of this release in Octopus for some tenants: {said}"
        )
    if all(m.state == "Success" for m in found):
        return Resolution("succeeded", f"Octopus: {said}")
    if any(m.state == "Running" for m in found):
        return Resolution("running", f"Octopus: {said}")
    return Resolution("failed", f"Octopus: {said}")


def _said(member: Member) -> str:
    """What became of a tenant's task, in words."""
    task = f"task {member.task}" if member.task else "no task"
    where = f"{member.name} in {member.where}"
    if member.state == "Success":
        return f"{task} for {where} succeeded"
    if member.state == "Interrupted":
        return (
            f"{task} for {where} waits for a person (guided failure): answer its "
            "interruption in Octopus"
        )
    if member.state == "Running":
        return f"{task} for {where} was still running at the time-out"
    error = f": {member.error}" if member.error else ""
    return f"{task} for {where} ended {member.state}{error}"


def _utc(moment: datetime) -> str:
    """`2026-12-08T10:00:00+00:00`: always with its offset, so Octopus never reads it as its
    own local time."""
    return moment.astimezone(UTC).isoformat()


def _moment(freeze: Any, name: str) -> datetime:
    text = need(freeze, name, str, "GET /api/deploymentfreezes")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise OctopusError(
            f"GET /api/deploymentfreezes: malformed answer: {name} {text!r}"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
