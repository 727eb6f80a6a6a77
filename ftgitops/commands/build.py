"""`ftgitops build`: build one edition of the status site (or every tenant's) and publish it.

Each edition is built by MkDocs in strict mode into a new folder beside its output and
published in one atomic step (`publish`), so a failed or killed build leaves the last good
site and a reader never finds a page missing. Only a free folder or a build's own output is
ever replaced (`outputguard`): never the repository, its data or its git folder.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from ftgitops import outputguard, publish
from ftgitops.clock import add_now_argument
from ftgitops.errors import FtgitopsError
from ftgitops.outputguard import Protected
from ftgitops.site.audience import Audience

TENANT_ID = re.compile(r"[a-z][a-z0-9-]{0,62}")


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
        if not TENANT_ID.fullmatch(audience.tenant):
            raise FtgitopsError(f"{audience.tenant!r} is not a tenant id")
        return root / "public-tenants" / audience.tenant
    return root / ("public" if audience.public else f"public-{audience.kind}")


def tenant_ids(root: Path) -> list[str]:
    """Every tenant id: the file names in tenants/ (validation makes id and name agree); a
    name that cannot be an id (validation reports it) is never a folder name."""
    folder = root / "tenants"
    names = (p.stem for p in folder.glob("*.y*ml")) if folder.is_dir() else iter(())
    return sorted(name for name in names if TENANT_ID.fullmatch(name))


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

    with _mkdocs_errors(f"build of the {audience} edition failed"):
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


@contextlib.contextmanager
def _mkdocs_errors(what: str) -> Iterator[None]:
    """MkDocs' errors as one FtgitopsError: `what`, then the warnings and errors it logged."""
    from mkdocs.exceptions import MkDocsException

    collected = Collected()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collected)
    try:
        yield
    except MkDocsException as error:
        why = "; ".join(collected.messages) or str(error)
        raise FtgitopsError(f"{what}: {why}") from None
    finally:
        logger.removeHandler(collected)


def guard_of(config_file: Path, roots: Sequence[Path] = ()) -> Protected:
    """What a build must leave alone: the repositories in `roots` and the plugin's (its `root`
    option, else the folder of the MkDocs file), their data, the docs_dir and the MkDocs file."""
    from mkdocs.config import load_config

    unused = config_file.with_name(f"{config_file.name}.unused")  # only the build sets site_dir
    with _mkdocs_errors(f"{config_file} cannot be read"):
        config = load_config(str(config_file), site_dir=str(unused.absolute()))
    base = config_file.parent
    plugin = config.plugins.get("ftgitops")
    option = getattr(getattr(plugin, "config", None), "root", None)
    repository = base / option if isinstance(option, str) else base
    return outputguard.protected([*roots, repository], Path(config.docs_dir), config_file)


def build_into(
    config_file: Path,
    audience: Audience,
    output: Path,
    now: datetime | None = None,
    guard: Protected | None = None,
) -> Path:
    """Build one edition with MkDocs and publish it at `output` in one atomic step (see
    `publish`); the path it was published at. An output that is not free, nor a build's own,
    is refused (FT020, see `outputguard`); a failed build leaves the last good site."""
    published = outputguard.checked(output, guard or guard_of(config_file))
    try:
        publish.publish(published, lambda folder: run_mkdocs(config_file, audience, folder, now))
    except OSError as error:
        raise FtgitopsError(f"build of the {audience} edition failed: {error}") from None
    return published


def build_all_tenants(
    config_file: Path, root: Path, output: Path | None, now: datetime | None, guard: Protected
) -> None:
    """One edition per tenant, each in its own folder of `output` (checked as a whole too)."""
    container = output or root / "public-tenants"
    published = outputguard.checked(container, guard, container=True)
    targets = {tenant: container / tenant for tenant in tenant_ids(root)}
    for target in targets.values():  # every folder first: a refusal builds nothing
        outputguard.checked(target, guard)
    published.mkdir(parents=True, exist_ok=True)
    publish.mark(published)
    for tenant, target in targets.items():
        audience = Audience("tenant", tenant)
        build_into(config_file, audience, target, now, guard)
        print(f"built {audience} edition in {target}")


def run(args: argparse.Namespace) -> int:
    root: Path = args.root.resolve()
    config_file: Path = args.config or root / "mkdocs.yml"
    if not config_file.is_file():
        raise FtgitopsError(f"{config_file}: no such MkDocs configuration")
    guard = guard_of(config_file, [root])
    if args.all_tenants:
        build_all_tenants(config_file, root, args.output, args.now, guard)
        return 0
    audience = Audience.parse(args.audience)
    target = args.output or default_output(root, audience)
    build_into(config_file, audience, target, args.now, guard)
    print(f"built {audience} edition in {target}")
    return 0
