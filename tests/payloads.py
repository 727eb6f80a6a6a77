"""A repository with a script payload in every free-text field and every name of every kind.

Built from the hostile site fixture: each name (`name`, `title`, `location`) and each free
text (`description`, `public_text`, update `text`, `postmortem`, `public_summary`, notes, risk
controls, rollback plan) is replaced in place (the YAML around it is left as written), and
the fields the fixture lacks are added: wave names, maintenance updates, an open incident's
postmortem, release fixes and known issues, service descriptions.

Every payload that runs calls `alert` (a browser test sees it as a dialog); every request it
could make goes to a host under `.invalid`.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from site_helpers import build, copy_fixture, replace

NAME_KEYS = frozenset({"name", "title", "location"})
TEXT_KEYS = frozenset(
    {"description", "public_text", "text", "postmortem", "public_summary", "summary", "plan"}
)
LIST_KEYS = frozenset({"features", "fixes", "known_issues", "controls"})
EXTERNAL = "external.invalid"
TENANT = "zebra-secret"
AUDIENCES = ("public", "internal", f"tenant:{TENANT}")


def name_payload(label: str, newline: str = "\n") -> str:
    """A name (at most 200 characters) carrying each kind of payload."""
    return (
        f"{label} <img src=x onerror=alert('img')> \"><svg onload=alert('svg')> "
        "[a](javascript:alert('link')) *b*{onmouseover=alert('inline-attr')}"
        f"{newline}{{: autofocus tabindex=0 onfocus=alert('attr-list') }}"
    )


def text_payload(label: str) -> str:
    """Free text (Markdown) carrying each kind of payload, and requests to another host."""
    return (
        f"{label} <script>alert('script')</script> <img src=x onerror=alert('img')> "
        "\"><svg onload=alert('svg')> [a](javascript:alert('link')) [b][r] "
        "*c*{onmouseover=alert('inline-attr')} "
        f"![d](http://{EXTERNAL}/d.png) <img src=http://{EXTERNAL}/e.png> "
        "[fine](https://example.com/ok)"
        "\n{: autofocus tabindex=0 onfocus=alert('attr-list') }"
        "\n\n[r]: javascript:alert('reference')"
    )


def _payload(field: str, line: int, top: bool) -> str:
    label = f"{field}@{line + 1}"
    if field not in NAME_KEYS:
        return text_payload(label)
    # The platform's own name stays on one line: with a newline, the iCalendar writer
    # (site/ics.py, X-WR-CALNAME) fails the build today, which is not this test's subject.
    return name_payload(label, " " if top else "\n")


def _spans(node: yaml.Node, found: list[tuple[int, int, str]], top: bool = True) -> None:
    """The source span of each value to replace, with what replaces it."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            field = key.value
            if isinstance(value, yaml.ScalarNode) and field in NAME_KEYS | TEXT_KEYS:
                span = (value.start_mark.index, value.end_mark.index)
                found.append((*span, _payload(field, value.start_mark.line, top)))
            elif isinstance(value, yaml.SequenceNode) and field in LIST_KEYS:
                for item in value.value:
                    label = f"{field}@{item.start_mark.line + 1}"
                    found.append((item.start_mark.index, item.end_mark.index, text_payload(label)))
            else:
                _spans(value, found, top=False)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _spans(item, found, top=False)


def plant(path: Path) -> None:
    """Every name and free text of one YAML file replaced by a payload, in place."""
    text = path.read_text(encoding="utf-8")
    found: list[tuple[int, int, str]] = []
    _spans(yaml.compose(text), found)
    for start, end, value in sorted(found, reverse=True):
        text = f"{text[:start]}{json.dumps(value)}{text[end:]}"
    path.write_text(text, encoding="utf-8")


def add_missing_fields(root: Path) -> None:
    """The fields the hostile fixture does not fill, so every kind of text is planted."""
    items = root / "changes" / "2026"
    platform = root / "ftgitops.yaml"
    for service in ("Database", "Identity", "API", "Web application"):
        replace(platform, f"{{name: {service}", f"{{name: {service}, description: {service}")
    release = items / "REL-2026-0001.yaml"
    replace(release, "  - region: apac\n", "  - name: APAC wave\n    region: apac\n")
    replace(release, "  - region: uk\n", "  - name: UK wave\n    region: uk\n")
    replace(release, "  features: [", "  fixes: [A fix]\n  known_issues: [An issue]\n  features: [")
    with (items / "MNT-2026-0001.yaml").open("a", encoding="utf-8") as notice:
        notice.write("updates:\n  - {at: 2026-11-21T11:05, status: in-progress, text: Started.}\n")
    with (items / "INC-2026-0001.yaml").open("a", encoding="utf-8") as incident:
        incident.write("postmortem: To be written.\n")


def payload_repo(target: Path) -> Path:
    """The hostile fixture with a payload in every name and free text."""
    root = copy_fixture(target)
    add_missing_fields(root)
    for path in [root / "ftgitops.yaml", *sorted((root / "tenants").glob("*.yaml"))]:
        plant(path)
    for path in sorted((root / "changes").rglob("*.yaml")):
        plant(path)
    return root


def build_editions(folder: Path) -> dict[str, Path]:
    """The payload repository under `folder`, built for every kind of audience (public,
    internal, one tenant), each into a folder of its own beside the repository."""
    root = payload_repo(folder / "repo")
    sites = {}
    for audience in AUDIENCES:
        output = folder / audience.replace(":", "-")
        assert build(root, "--audience", audience, "--output", str(output)) == 0
        sites[audience] = output
    return sites
