"""The `ftgitops` MkDocs plugin: loads the repository once a build and adds every data page.

Pages are added with `File.generated`; hand-written pages pull in generated blocks through
markers (`<!-- ftgitops:status -->`, `<!-- ftgitops:feeds -->`). The permanent page of each
incident, window and change is HTML already (`Edition.html`): it skips MkDocs' page pipeline and
is written through the theme's page shell after the build (`site.shell`), so thousands of them
cost little and the build stays linear in the number of items.

The search index covers what people search: the hand-written pages, the top generated pages,
and one entry (title and summary) per permanent page; the generated aggregates (a month of
history or calendar: thousands of rows) are left out (`search.exclude`).

Every page loads only the site's own files: the theme's web fonts are turned off (Material
would fetch them from Google), charts are static SVG, and no Mermaid fence is configured
(Material would fetch Mermaid from a CDN).

`attr_list` stays on for the anchors the generators write (`## Title {#inc-2026-0001}`); data
never reaches it as syntax (`ftgitops.site.text`). Every HTML page written gets a
Content-Security-Policy (`ftgitops.site.csp`), except under `mkdocs serve`, whose live-reload
script is written into each page as it is served and could not be allowed by hash.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from ftgitops.clock import current
from ftgitops.collector import collector_paused
from ftgitops.errors import FtgitopsError
from ftgitops.site.audience import Audience
from ftgitops.site.csp import with_policy
from ftgitops.site.generate import STYLESHEET_PATH, Edition, context, edition, load, nav_pages
from ftgitops.site.pages.head import with_feed_links
from ftgitops.site.shell import Shells, add_to_search_index, search_entry

WATCHED = ("ftgitops.yaml", "tenants", "changes")
REQUIRED_EXTENSIONS = ("attr_list", "tables", "toc")
DEFAULT_URL = "https://status.invalid/"


class FtgitopsConfig(Config):  # type: ignore[no-untyped-call]
    enabled = c.Type(bool, default=True)
    root = c.Optional(c.Type(str))
    audience = c.Type(str, default="public")
    now = c.Optional(c.Type(str))


class FtgitopsPlugin(BasePlugin[FtgitopsConfig]):  # type: ignore[no-untyped-call]
    """Generates the status site of one audience from the change repository."""

    def __init__(self) -> None:
        self.edition: Edition | None = None
        self.serving = False
        self.nav: Navigation | None = None
        self.shells: Shells | None = None

    @property
    def kind(self) -> str:
        """The kind of audience the build is for: public, internal or tenant."""
        return Audience.parse(self.config.audience).kind

    def root(self, config: MkDocsConfig) -> Path:
        """The change repository: the `root` option, else the folder of mkdocs.yml."""
        base = Path(config.config_file_path).parent
        return (base / self.config.root).resolve() if self.config.root else base.resolve()

    def now(self) -> datetime:
        """The build clock, in UTC: the `now` option (`ftgitops build --now`, tests), else
        SOURCE_DATE_EPOCH or the time (`clock.current`)."""
        if not self.config.now:
            return current(None, reproducible=True)
        try:
            moment = datetime.fromisoformat(self.config.now)
        except ValueError:
            raise PluginError(
                f"ftgitops: option now: {self.config.now!r} is not a date-time"
            ) from None
        if moment.tzinfo is None:
            raise PluginError(f"ftgitops: option now: {self.config.now!r} needs a UTC offset")
        return moment.astimezone(UTC)

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        try:
            Audience.parse(self.config.audience)
        except FtgitopsError as error:
            raise PluginError(f"ftgitops: {error}") from None
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        config.extra_css.append(STYLESHEET_PATH)
        config.theme["font"] = False  # no web fonts: every page loads only the site's files
        if config.nav is None:
            config.nav = self.default_nav(config)
        return config

    def default_nav(self, config: MkDocsConfig) -> list[Any]:
        """Hand-written pages that exist, with the generated ones after the home page."""
        docs = Path(config.docs_dir)
        nav: list[Any] = [{"Status": "index.md"}] if (docs / "index.md").is_file() else []
        nav += [{title: path} for title, path in nav_pages(self.kind)]
        for title, path in (("Subscribe", "subscribe.md"), ("About", "about.md")):
            if (docs / path).is_file():
                nav.append({title: path})
        return nav

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        try:
            root = self.root(config)
            now = self.now()
            with collector_paused():  # MkDocs, not `ftgitops.main`, calls the plugin
                model = load(root)
                site_url = config.site_url or DEFAULT_URL
                ctx = context(model, Audience.parse(self.config.audience), now, site_url, root)
                self.edition = edition(ctx)
        except FtgitopsError as error:
            raise PluginError(f"ftgitops: {error}") from None
        top = {path for _, path in nav_pages(self.kind)}
        for path, text in self.edition.pages.items():
            level = InclusionLevel.UNDEFINED if path in top else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, content=text, inclusion=level))
        for path, data in self.edition.files.items():
            files.append(File.generated(config, path, content=data))
        clash = next((path for path in self.edition.html if files.get_file_from_path(path)), None)
        if clash is not None:
            raise PluginError(f"ftgitops: {clash} is a generated item page; rename the file")
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
        self.nav = nav

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> None:
        if self.config.enabled and self.nav is not None:
            self.shells = Shells(config, env, self.nav, files, policy=not self.serving)

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or self.edition is None:
            return None
        path = page.file.src_uri
        if path in self.edition.pages and path not in {p for _, p in nav_pages(self.kind)}:
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        for name, snippet in self.edition.snippets.items():
            markdown = markdown.replace(f"<!-- ftgitops:{name} -->", snippet)
        return markdown

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        output = with_feed_links(output, config.site_name, page.url)
        return output if self.serving else with_policy(output, page.content or "")

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        """The theme's own pages (`404.html`) get the policy too; `sitemap.xml` does not."""
        if not self.config.enabled or self.serving or not template_name.endswith(".html"):
            return None
        return with_policy(output_content)

    @event_priority(-50)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the permanent pages through the theme's shell; add their search entries."""
        if not self.config.enabled or self.edition is None or self.shells is None:
            return
        entries = []
        for path, item in self.edition.html.items():
            file, output = self.shells.render(path, item)
            write_file(output.encode("utf-8", errors="xmlcharrefreplace"), file.abs_dest_path)
            entries.append(search_entry(file, item))
        add_to_search_index(config.site_dir, entries)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if not self.config.enabled:
            return None
        root = self.root(config)
        for name in WATCHED:
            if (root / name).exists():
                server.watch(str(root / name))
        return server
