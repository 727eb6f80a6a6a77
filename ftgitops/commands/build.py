"""`ftgitops build`: build one edition of the status site (or every tenant's) and swap it in.

Each edition is built by MkDocs in strict mode into a temporary folder next to its target,
then renamed into place, so a failed build leaves the last good site untouched.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from ftgitops.clock import add_now_argument
from ftgitops.errors import FtgitopsError
from ftgitops.site.audience import Audience


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("build", help="build the status site (mkdocs build --strict)")
    parser.add_argument(
        "--audience", default="public", help="public (default), internal or tenant:ID"
    )
    parser.add_argument("--all-tenants", action="store_true", help="one site per tenant")
    parser.add_argument("--output", type=Path, help="where the site goes (default: by audience)")
    parser.add_argument("--config", type=Path, help="the MkDocs file (default: ROOT/mkdocs.yml)")
    add_now_argument(parser)
    parser.set_defaults(run=run)


def default_output(root: Path, audience: Audience) -> Path:
    """public/, public-internal/ or public-tenants/<id>/ under the root."""
    if audience.tenant:
        return root / "public-tenants" / audience.tenant
    return root / ("public" if audience.public else f"public-{audience.kind}")


def tenant_ids(root: Path) -> list[str]:
    """Every tenant id: the file names in tenants/ (validation makes id and name agree)."""
    folder = root / "tenants"
    return sorted(p.stem for p in folder.glob("*.y*ml")) if folder.is_dir() else []


class Collected(logging.Handler):
    """Keeps MkDocs' warnings and errors, to name them in the one error we raise."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_file: Path, audience: Audience, staging: Path, now: datetime | None) -> None:
    """`mkdocs build --strict` of one audience into `staging`; FtgitopsError names why not.

    `now` (from `--now`) overrides the plugin's own `now` option; without either the plugin
    reads the one clock (SOURCE_DATE_EPOCH, or the time).
    """
    # MkDocs is imported here, not at the top: the command line is built for every command.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collected = Collected()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collected)
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=True)
        if "ftgitops" not in config.plugins:
            raise FtgitopsError(f"{config_file}: add `ftgitops` to its plugins")
        config.plugins["ftgitops"].config.audience = str(audience)
        if now is not None:
            config.plugins["ftgitops"].config.now = now.isoformat()
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:
        why = "; ".join(collected.messages) or str(error)
        raise FtgitopsError(f"build of the {audience} edition failed: {why}") from None
    finally:
        logger.removeHandler(collected)


PUBLISHED_MODE = 0o755


def build_into(
    config_file: Path, audience: Audience, output: Path, now: datetime | None = None
) -> None:
    """Build with MkDocs into a sibling temp folder, then rename it over `output`."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        run_mkdocs(config_file, audience, staging, now)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise FtgitopsError(f"build of the {audience} edition failed: {error}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    staging.chmod(PUBLISHED_MODE)  # mkdtemp makes it private; a site is there to be read
    swap(staging, output)


def swap(staging: Path, output: Path) -> None:
    """Put the new site in place; the old one is moved aside first and removed last."""
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    if output.exists():
        output.rename(old)
    staging.rename(output)
    shutil.rmtree(old, ignore_errors=True)


def run(args: argparse.Namespace) -> int:
    root: Path = args.root.resolve()
    config_file: Path = args.config or root / "mkdocs.yml"
    if not config_file.is_file():
        raise FtgitopsError(f"{config_file}: no such MkDocs configuration")
    now = args.now
    if args.all_tenants:
        for tenant in tenant_ids(root):
            audience = Audience("tenant", tenant)
            target = args.output / tenant if args.output else default_output(root, audience)
            build_into(config_file, audience, target, now)
            print(f"built {audience} edition in {target}")
        return 0
    audience = Audience.parse(args.audience)
    target = args.output or default_output(root, audience)
    build_into(config_file, audience, target, now)
    print(f"built {audience} edition in {target}")
    return 0
