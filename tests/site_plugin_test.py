"""The MkDocs plugin itself: `mkdocs serve` watches the data, Mermaid fences are configured."""

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


def test_the_mermaid_fence_is_configured(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "repo", CALENDAR)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    config = config.plugins.on_config(config)
    assert "pymdownx.superfences" in config.markdown_extensions
    fences = config.mdx_configs["pymdownx.superfences"]["custom_fences"]
    assert [fence["name"] for fence in fences] == ["mermaid"]
    assert fences[0]["class"] == "mermaid"
