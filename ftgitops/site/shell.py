"""The theme's page around a body that is already HTML, rendered once and filled many times.

MkDocs builds a page in about 16 ms: Markdown conversion, the theme's Jinja template, the
search plugin's parse. A permanent page per incident, window and change (`site.htmlpage`)
needs none of that per page: its body is generated HTML, it is in no navigation, and its
search entry is written directly. So the theme's `main.html` is rendered once per folder depth
for a stand-in page whose title, URL and content are markers, the Content-Security-Policy is
added to that shell (its inline scripts are the theme's, the same on every page of that depth;
a body's own script, should one slip through `text`, is not allowed by it), and each page is
the shell with the markers replaced: microseconds a page, and growth stays linear.

What differs between pages of one depth in the theme's output is the title, the page's URL
(canonical link), the content and its table of contents (these pages have none, and no
`page.meta`); a test checks that an item page loads the same stylesheets and scripts and shows
the same navigation as a page MkDocs built at that depth (`tests/site_itempages_test.py`).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ftgitops.site.csp import with_policy
from ftgitops.site.htmlpage import HtmlPage
from ftgitops.site.text import name

TITLE = "ftgitopsshelltitle"
BODY = "ftgitopsshellbody"
FOLDER = "ftgitopsshellfolder"
PAGE = "ftgitopsshellpage"
SEARCH_INDEX = Path("search") / "search_index.json"


@dataclass(frozen=True, slots=True)
class Shell:
    """The theme's page for one folder depth, cut at its markers: literal text at even
    indexes, the marker's slot (`title`, `body`, `url`) at odd ones."""

    pieces: tuple[str, ...]

    def fill(self, title: str, body: str, url: str) -> str:
        values = {"title": title, "body": body, "url": url}
        return "".join(
            values[piece] if index % 2 else piece for index, piece in enumerate(self.pieces)
        )


class Shells:
    """One build's page shells, by folder depth, and the writer of pages through them."""

    def __init__(
        self,
        config: MkDocsConfig,
        env: jinja2.Environment,
        nav: Navigation,
        files: Files,
        policy: bool = True,
    ) -> None:
        self.config, self.env, self.nav, self.files = config, env, nav, files
        self.policy = policy
        self._shells: dict[int, Shell] = {}

    def shell(self, depth: int) -> Shell:
        """The theme's page for a stand-in `depth` folders down (`incidents/x.md` is 1), cut
        at its markers."""
        if depth not in self._shells:
            self._shells[depth] = self._render_shell(depth)
        return self._shells[depth]

    def _render_shell(self, depth: int) -> Shell:
        source = "/".join([FOLDER] * depth + [f"{PAGE}.md"])
        stand_in = File.generated(self.config, source, content="")
        page = Page(TITLE, stand_in, self.config)
        page.content, page.toc, page.markdown, page.edit_url = BODY, get_toc([]), "", None
        output = self.env.get_template("main.html").render(
            get_context(self.nav, self.files, self.config, page)
        )
        if output.count(BODY) != 1:
            raise PluginError("ftgitops: the theme's main.html must show page.content once")
        if self.policy:
            output = with_policy(output)
        slots = {TITLE: "title", BODY: "body", stand_in.url: "url"}
        cut = re.split("(" + "|".join(re.escape(marker) for marker in slots) + ")", output)
        return Shell(tuple(slots[p] if i % 2 else p for i, p in enumerate(cut)))

    def render(self, docs_path: str, page: HtmlPage) -> tuple[File, str]:
        """The page's file (where it goes) and its HTML, as the theme would write it."""
        file = File.generated(self.config, docs_path, content="")
        shell = self.shell(docs_path.count("/"))  # never an `index.md`: same URL shape
        return file, shell.fill(name(page.title), page.body, file.url)


def add_to_search_index(site_dir: str, entries: list[dict[str, str]]) -> None:
    """Append entries (location, title, text) to the search plugin's index, when there is one."""
    path = Path(site_dir) / SEARCH_INDEX
    if not path.is_file() or not entries:
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] += entries
    path.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")


def search_entry(file: File, page: HtmlPage) -> dict[str, str]:
    """The page's entry as Material's search plugin writes them (text HTML-escaped)."""
    return {
        "location": file.url,
        "title": html.escape(page.title, quote=False),
        "text": html.escape(page.summary, quote=False),
    }
