"""A small client for the part of the Octopus Deploy REST API the octopus driver uses, over
httpx: JSON in and out, the API key in the `X-Octopus-ApiKey` header, collections followed
through `Links["Page.Next"]`, names matched exactly (the `partialName` filter matches parts).

Every failure is an `OctopusError` that says what was asked and what went wrong: an HTTP
error status (401, 403, 404, 5xx, with Octopus' own `ErrorMessage`), no answer in time, no
connection, or an answer that is not the JSON expected. Nothing is ever taken for success
by default, and the key never appears in a message.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import httpx

MAX_PAGES = 1000  # a paging loop that never ends is a malformed answer
TAKE = 100
MESSAGE_CHARS = 300
WHY = {
    401: "the API key was refused: check OCTOPUS_API_KEY",
    403: "the API key's user may not do this: give it the permission",
    404: "not found",
}


class OctopusError(Exception):
    """A call to Octopus that did not give the answer expected; the message says which, and
    `status` is the HTTP status when there was one."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class OctopusApi:
    """One Octopus server; `transport` lets a test swap the network (they use a real server)."""

    def __init__(
        self,
        url: str,
        key: str,
        timeout: float,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._key = key
        self.calls = 0
        self._client = httpx.Client(
            base_url=url.rstrip("/"),
            headers={"X-Octopus-ApiKey": key, "Accept": "application/json"},
            timeout=timeout,
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        return self._json(self._send("GET", path, params=params), "GET", path)

    def post(self, path: str, body: Mapping[str, Any]) -> Any:
        return self._json(self._send("POST", path, json=body), "POST", path)

    def text(self, path: str) -> str:
        """A plain-text resource (a task's raw log), the key masked."""
        return self.masked(self._send("GET", path).text)

    def items(self, path: str, params: Mapping[str, Any] | None = None) -> Iterator[Any]:
        """Every item of a collection, page after page."""
        page: str | None = path
        query: Mapping[str, Any] | None = {"take": TAKE, **(params or {})}
        for _ in range(MAX_PAGES):
            if page is None:
                return
            body = self.get(page, query)
            found = field(body, "Items", list, f"GET {path}")
            yield from found
            links = body.get("Links") or {}
            page, query = (links.get("Page.Next") if isinstance(links, dict) else None), None
        raise OctopusError(f"GET {path}: more than {MAX_PAGES} pages: the paging does not end")

    def named(self, path: str, name: str, params: Mapping[str, Any] | None = None) -> Any:
        """The one item called exactly `name` (`partialName` narrows, the name decides)."""
        for item in self.items(path, {"partialName": name, **(params or {})}):
            if isinstance(item, dict) and item.get("Name") == name:
                return item
        return None

    def _send(self, method: str, path: str, **options: Any) -> httpx.Response:
        self.calls += 1
        where = f"{method} {path}"
        try:
            response = self._client.request(method, path, **options)
        except httpx.TimeoutException:
            seconds = self._client.timeout.read
            raise OctopusError(f"{where}: Octopus did not answer within {seconds:g} s") from None
        except httpx.HTTPError as error:
            raise OctopusError(f"{where}: could not reach Octopus ({self._clean(error)})") from None
        if response.status_code >= 400:
            raise OctopusError(self._status_text(where, response), response.status_code)
        return response

    def _status_text(self, where: str, response: httpx.Response) -> str:
        code = response.status_code
        why = WHY.get(code, "Octopus failed" if code >= 500 else "the request was refused")
        said = ""
        try:
            body = response.json()
            if isinstance(body, dict) and isinstance(body.get("ErrorMessage"), str):
                said = f": {self._clean(body['ErrorMessage'])}"
        except ValueError:
            pass
        return f"{where}: HTTP {code}, {why}{said}"

    def _json(self, response: httpx.Response, method: str, path: str) -> Any:
        try:
            return response.json()
        except ValueError:
            raise OctopusError(
                f"{method} {path}: the answer (HTTP {response.status_code}) is not JSON"
            ) from None

    def masked(self, text: str) -> str:
        """Text from Octopus with the key masked, should the server ever echo it."""
        return text.replace(self._key, "***") if self._key else text

    def _clean(self, text: object) -> str:
        """Text fit for a message: the key masked, one line, not too long."""
        return " ".join(self.masked(str(text)).split())[:MESSAGE_CHARS]


def field(body: Any, name: str, kind: type, where: str) -> Any:
    """`body[name]`, which must be of `kind`; else the answer is malformed."""
    value = body.get(name) if isinstance(body, dict) else None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise OctopusError(f"{where}: malformed answer: no {kind.__name__} {name!r}")
    return value
