"""The MkDocs plugin itself: `mkdocs serve` watches the data, nothing is fetched elsewhere."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from site_helpers import CALENDAR, copy_fixture


def test_serve_watches_the_platform_tenants_and_changes(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "repo", CALENDAR)
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["ftgitops"]
    server = LiveReloadServer(
        builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site")
    )
    try:
        assert plugin.on_serve(server, config=config, builder=lambda: None) is server
        watched = set(server._watched_paths)
    finally:
        server.server_close()
    for name in ("ftgitops.yaml", "tenants", "changes"):
        assert str(root / name) in watched


def test_no_mermaid_fence_and_no_web_fonts(tmp_path: Path) -> None:
    """Material fetches Mermaid from a CDN for a `mermaid` fence, and web fonts from Google
    unless `font: false`: the plugin configures neither, whatever mkdocs.yml says."""
    root = copy_fixture(tmp_path / "repo", CALENDAR)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    config.theme["font"] = {"text": "Roboto"}
    config = config.plugins.on_config(config)
    fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
    assert [fence for fence in fences if fence.get("name") == "mermaid"] == []
    assert config.theme["font"] is False
