"""A small HTTP server on 127.0.0.1 that answers like Octopus Deploy for the part of its REST
API `ftgitops deploy` uses, written from Octopus' published API reference: spaces, projects,
environments and tenants found by `partialName` (a contains-match) with `Items`/`Links`
paging, releases created with `IgnoreIfAlreadyExists`, tenanted deployments (one deployment
and one server task per tenant, `RunAt`/`NoRunAfter` kept), deployments queried by project,
environment and tenant, server tasks and their raw logs, and the deployment freeze list.

Every request is recorded (method, path, query, body) so tests can assert what was called.
The `X-Octopus-ApiKey` header is checked. Tasks go `Queued`, `Executing`, then `Success`, or
what a test scripts for a tenant (`Failed`, `TimedOut`, `Canceled`, a pending guided-failure
interruption). A test can also make a route fail: an HTTP status, a hang, or not JSON.

Run `python -m tests.octopus_server` for a demo server seeded from the repository's tenants.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

KEY = "API-TESTKEY0123456789ABCDEFGHIJ"
SPACE = re.compile(r"^/api/(?:spaces/)?(Spaces-\d+)(/.*)$")
DONE = ("Success", "Failed", "TimedOut", "Canceled")


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    body: Any

    def __str__(self) -> str:
        query = "&".join(f"{k}={v}" for k, v in sorted(self.query.items()))
        return f"{self.method} {self.path}" + (f"?{query}" if query else "")


@dataclass
class Script:
    """What a tenant's next deployment task does: the states it shows, one per look (the last
    stays), its error, and whether it waits on a person (a guided-failure interruption)."""

    states: tuple[str, ...] = ("Queued", "Executing", "Success")
    error: str = ""
    interrupted: bool = False


@dataclass
class Task:
    id: str
    deployment: str
    tenant: str
    script: Script
    looks: int = 0

    @property
    def state(self) -> str:
        return self.script.states[min(self.looks, len(self.script.states)) - 1]


@dataclass
class Fault:
    """How a route fails: `status` (with Octopus' error body), `hang` seconds, or `garbage`."""

    status: int = 0
    hang: float = 0.0
    garbage: bool = False
    times: int = 1_000_000  # how many requests it hits


@dataclass
class Octopus:
    """The server's data and its record of requests."""

    key: str = KEY
    space: str = "Default"
    project: str = "FastTrack360"
    environments: tuple[str, ...] = ("Production", "UAT", "Training")
    tenants: dict[str, dict[str, Any]] = field(default_factory=dict)
    releases: dict[str, dict[str, Any]] = field(default_factory=dict)
    deployments: list[dict[str, Any]] = field(default_factory=list)
    tasks: dict[str, Task] = field(default_factory=dict)
    freezes: list[dict[str, Any]] = field(default_factory=list)
    scripts: dict[str, list[Script]] = field(default_factory=dict)
    faults: dict[str, Fault] = field(default_factory=dict)  # by regular expression on path
    requests: list[Request] = field(default_factory=list)
    max_take: int = 30
    lock: threading.Lock = field(default_factory=threading.Lock)

    def environment_id(self, name: str) -> str:
        return f"Environments-{self.environments.index(name) + 1}"

    def add_tenants(self, names: list[str], environments: tuple[str, ...] | None = None) -> None:
        """Tenants connected to the project in the given environments (default all)."""
        chosen = self.environments if environments is None else environments
        for name in names:
            tenant_id = f"Tenants-{len(self.tenants) + 1}"
            self.tenants[name] = {
                "Id": tenant_id,
                "Name": name,
                "TenantTags": [],
                "ProjectEnvironments": {"Projects-1": [self.environment_id(e) for e in chosen]},
                "IsDisabled": False,
                "SpaceId": "Spaces-1",
            }

    def script(self, tenant: str, *states: str, error: str = "", interrupted: bool = False) -> None:
        """The next deployment to `tenant` goes through these states."""
        self.scripts.setdefault(tenant, []).append(Script(states, error, interrupted))

    def fail(self, pattern: str, **how: Any) -> None:
        self.faults[pattern] = Fault(**how)

    def freeze(self, name: str, start: str, end: str, environments: tuple[str, ...]) -> None:
        scope = {"Projects-1": [self.environment_id(e) for e in environments]}
        self.freezes.append(
            {
                "Id": f"DeploymentFreezes-{len(self.freezes) + 1}",
                "Name": name,
                "Start": start,
                "End": end,
                "ProjectEnvironmentScope": scope,
                "TenantProjectEnvironmentScope": [],
                "RecurringSchedule": None,
            }
        )

    def calls(self, method: str | None = None, contains: str = "") -> list[str]:
        """The requests made, `METHOD path?query`, in order (optionally filtered)."""
        with self.lock:
            found = list(self.requests)
        return [
            str(r) for r in found if (method is None or r.method == method) and contains in str(r)
        ]

    def bodies(self, contains: str) -> list[Any]:
        with self.lock:
            return [r.body for r in self.requests if r.method == "POST" and contains in r.path]


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def page(items: list[Any], query: dict[str, str], path: str, state: Octopus, kind: str) -> Any:
    """One page of a collection, with the links Octopus gives."""
    skip = int(query.get("skip", 0))
    take = min(int(query.get("take", 30)), state.max_take)
    chosen = items[skip : skip + take]
    others = "&".join(f"{k}={v}" for k, v in query.items() if k not in ("skip", "take"))
    base = f"{path}?{others}&" if others else f"{path}?"
    links = {"Self": f"{base}skip={skip}&take={take}", "Page.All": f"{base}skip=0&take=2147483647"}
    if skip + take < len(items):
        links["Page.Next"] = f"{base}skip={skip + take}&take={take}"
    pages = max(1, -(-len(items) // take))
    return {
        "ItemType": kind,
        "TotalResults": len(items),
        "ItemsPerPage": take,
        "NumberOfPages": pages,
        "LastPageNumber": pages - 1,
        "Items": chosen,
        "Links": links,
    }


def named(items: list[dict[str, Any]], query: dict[str, str]) -> list[dict[str, Any]]:
    part = query.get("partialName", "").lower()
    return [item for item in items if part in item["Name"].lower()]


class Api:
    """The routes; each takes the state, the space-relative path, the query and the body."""

    def __init__(self, state: Octopus) -> None:
        self.s = state

    def get(self, path: str, query: dict[str, str], full: str) -> Any:
        s = self.s
        if path == "/api/spaces":
            items = named([{"Id": "Spaces-1", "Name": s.space}], query)
            return page(items, query, full, s, "Space")
        if path == "/api/deploymentfreezes":
            return self.freezes(query)
        matched = SPACE.match(path)
        if not matched or matched.group(1) != "Spaces-1":
            raise Refused(404, f"The resource you requested was not found: {path}")
        return self.in_space(matched.group(2), query, full)

    def in_space(self, rest: str, query: dict[str, str], full: str) -> Any:
        s = self.s
        if rest == "/projects":
            items = named([{"Id": "Projects-1", "Name": s.project, "SpaceId": "Spaces-1"}], query)
            return page(items, query, full, s, "Project")
        if rest == "/environments":
            items = [{"Id": s.environment_id(e), "Name": e} for e in s.environments]
            return page(named(items, query), query, full, s, "Environment")
        if rest == "/tenants":
            return page(named(list(s.tenants.values()), query), query, full, s, "Tenant")
        if rest == "/deployments":
            return page(self.deployments(query), query, full, s, "Deployment")
        found = re.fullmatch(r"/projects/Projects-1/releases/(.+)", rest)
        if found:
            release = s.releases.get(found.group(1))
            if release is None:
                raise Refused(404, f"There is no release {found.group(1)}")
            return release
        found = re.fullmatch(r"/deployments/(Deployments-\d+)", rest)
        if found:
            return next(d for d in s.deployments if d["Id"] == found.group(1))
        found = re.fullmatch(r"/tasks/(ServerTasks-\d+)(/raw)?", rest)
        if found and found.group(1) in s.tasks:
            return self.task(s.tasks[found.group(1)], bool(found.group(2)))
        raise Refused(404, f"The resource you requested was not found: {rest}")

    def deployments(self, query: dict[str, str]) -> list[dict[str, Any]]:
        chosen = list(reversed(self.s.deployments))  # newest first, as Octopus lists them
        for key, field_name in (
            ("projects", "ProjectId"),
            ("environments", "EnvironmentId"),
            ("tenants", "TenantId"),
        ):
            if key in query:
                wanted = set(query[key].split(","))
                chosen = [d for d in chosen if d[field_name] in wanted]
        return chosen

    def task(self, task: Task, raw: bool) -> Any:
        if raw:
            lines = [f"Deploying to {task.tenant}", "Step 1: Deploy web", "Step 2: Migrate"]
            if task.script.error:
                lines += [f"Error: {task.script.error}"]
            return "\n".join(lines) + "\n"
        task.looks += 1
        state = task.state
        return {
            "Id": task.id,
            "Name": "Deploy",
            "Description": f"Deploy {self.s.project} to {task.tenant}",
            "State": state,
            "IsCompleted": state in DONE,
            "FinishedSuccessfully": state == "Success",
            "HasPendingInterruptions": task.script.interrupted and state == "Executing",
            "ErrorMessage": task.script.error if state in DONE[1:] else "",
            "Arguments": {"DeploymentId": task.deployment},
            "CanRerun": False,
        }

    def freezes(self, query: dict[str, str]) -> Any:
        chosen = self.s.freezes
        if "environmentIds" in query:
            wanted = set(query["environmentIds"].split(","))
            chosen = [
                f
                for f in chosen
                if wanted & {e for es in f["ProjectEnvironmentScope"].values() for e in es}
            ]
        return {"Count": len(chosen), "DeploymentFreezes": chosen}

    def post(self, path: str, body: Any) -> tuple[int, Any]:
        matched = SPACE.match(path)
        rest = matched.group(2) if matched else ""
        if not isinstance(body, dict):
            raise Refused(400, "The request body is not a JSON object")
        if rest == "/releases/create/v1":
            return 201, self.create_release(body)
        if rest == "/deployments/create/tenanted/v1":
            return 200, self.deploy(body)
        raise Refused(404, f"The resource you requested was not found: {path}")

    def create_release(self, body: dict[str, Any]) -> Any:
        version = body.get("ReleaseVersion") or body.get("releaseVersion")
        if (body.get("ProjectName") or body.get("projectName")) != self.s.project or not version:
            raise Refused(400, "ProjectName or ReleaseVersion is wrong")
        release = self.s.releases.get(version)
        if release is not None and not (
            body.get("IgnoreIfAlreadyExists") or body.get("ignoreIfAlreadyExists")
        ):
            raise Refused(400, f"A release with the version {version} already exists")
        if release is None:
            release = {"Id": f"Releases-{len(self.s.releases) + 1}", "Version": version}
            self.s.releases[version] = {**release, "ProjectId": "Projects-1"}
        return {"ReleaseId": release["Id"], "ReleaseVersion": version}

    def deploy(self, body: dict[str, Any]) -> Any:
        def get(name: str) -> Any:
            return body.get(name, body.get(name[0].lower() + name[1:]))

        release = self.s.releases.get(get("ReleaseVersion") or "")
        environment = get("EnvironmentName")
        if release is None or environment not in self.s.environments:
            raise Refused(400, "Unknown release or environment")
        env_id = self.s.environment_id(environment)
        made = []
        for name in get("Tenants") or []:  # none: nothing deployed, and no error (as Octopus)
            tenant = self.s.tenants.get(name)
            if tenant is None or env_id not in tenant["ProjectEnvironments"].get("Projects-1", []):
                raise Refused(400, f"Tenant {name} is not connected to {environment}")
            made.append(self.deployment(release, env_id, tenant, body))
        return {"DeploymentServerTasks": made}

    def deployment(
        self, release: dict[str, Any], env_id: str, tenant: dict[str, Any], body: dict[str, Any]
    ) -> dict[str, str]:
        number = len(self.s.deployments) + 1
        deployment_id, task_id = f"Deployments-{number}", f"ServerTasks-{number}"
        scripts = self.s.scripts.get(tenant["Name"], [])
        script = scripts.pop(0) if scripts else Script()
        self.s.tasks[task_id] = Task(task_id, deployment_id, tenant["Name"], script)
        self.s.deployments.append(
            {
                "Id": deployment_id,
                "ReleaseId": release["Id"],
                "ProjectId": "Projects-1",
                "EnvironmentId": env_id,
                "TenantId": tenant["Id"],
                "TaskId": task_id,
                "QueueTime": body.get("RunAt"),
                "QueueTimeExpiry": body.get("NoRunAfter"),
            }
        )
        return {"DeploymentId": deployment_id, "ServerTaskId": task_id}


class Handler(BaseHTTPRequestHandler):
    state: Octopus  # set on the class made per server

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def _serve(self, method: str) -> None:
        split = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(split.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        state = self.state
        with state.lock:
            state.requests.append(Request(method, split.path, query, body))
            fault = self._fault(split.path)
        if fault is not None and fault.hang:
            time.sleep(fault.hang)
        if self.headers.get("X-Octopus-ApiKey") != state.key:
            return self._answer(401, error("You must be logged in to perform this action."))
        if fault is not None and fault.status:
            return self._answer(fault.status, error(f"Injected fault {fault.status}"))
        if fault is not None and fault.garbage:
            return self._send(200, b"<html>Service Unavailable</html>", "text/html")
        try:
            with state.lock:
                status, answer = self._route(method, split.path, query, body)
        except Refused as refused:
            return self._answer(refused.status, error(str(refused)))
        if isinstance(answer, str):
            return self._send(status, answer.encode(), "text/plain")
        self._answer(status, answer)

    def _fault(self, path: str) -> Fault | None:
        for pattern, fault in self.state.faults.items():
            if re.search(pattern, path) and fault.times > 0:
                fault.times -= 1
                return fault
        return None

    def _route(self, method: str, path: str, query: dict[str, str], body: Any) -> tuple[int, Any]:
        api = Api(self.state)
        if method == "POST":
            return api.post(path, body)
        return 200, api.get(path, query, path)

    def _answer(self, status: int, body: Any) -> None:
        self._send(status, json.dumps(body).encode(), "application/json")

    def _send(self, status: int, data: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def error(message: str) -> dict[str, Any]:
    return {"ErrorMessage": message, "Errors": [], "FullException": None, "HelpText": None}


@contextmanager
def serving(state: Octopus) -> Iterator[str]:
    """The server on a free port of 127.0.0.1 while the block runs; yields its URL."""
    handler = type("BoundHandler", (Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def demo_names(root: Path) -> list[str]:
    """The Octopus names of the repository's tenants (`octopus_tenant`, else `name`)."""
    names = []
    for path in sorted((root / "tenants").glob("*.yaml")):
        fields = dict(line.split(": ", 1) for line in path.read_text().splitlines() if ": " in line)
        names.append(fields.get("octopus_tenant") or fields["name"])
    return names


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    state = Octopus(space="FastTrack360")
    state.add_tenants(demo_names(root))
    with serving(state) as url:
        print(f"Octopus test server at {url} (space FastTrack360, project FastTrack360)")
        print(f"export OCTOPUS_URL={url} OCTOPUS_API_KEY={state.key}")
        print("Ctrl-C to stop", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print(f"\n{len(state.requests)} requests served", file=sys.stderr)


if __name__ == "__main__":
    main()
