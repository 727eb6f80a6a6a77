"""What a check learnt about each blob, kept under `.git/ftgitops-cache/` for the next check.

A blob sha names a file's bytes exactly, so a result that depends only on those bytes (and on
the code and schemas, which the version key covers) never goes stale. Two results are kept:

- a file's *outcome*: its parse and its schema findings; a warm run neither parses nor
  schema-checks an unchanged file;
- a file's typed *item*, keyed also by the `context` (a digest of the platform and tenant
  files' blob shas), because expanding `all` and default zones reads those files.

The store is split into shards by blob sha, read lazily and rewritten only when this run
added to them, so one edited file costs one small shard write, not the whole cache. A
rewritten shard keeps only the entries this run used, so the cache stays about the size of
one tree's results. Every shard carries the version key (package version, schema digest,
record shapes): after an upgrade old shards miss and are replaced. A shard that cannot be
read, for any reason, is treated as empty; the check never fails because of its cache.
Pickle is safe here: whoever can write `.git/` can already run code through its hooks.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import hashlib
import json
import pickle
import sys
import types
import zoneinfo
from collections.abc import Callable
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import IO, Any, NamedTuple

from ftgitops import __version__, model
from ftgitops.atomic import replace_file
from ftgitops.findings import Finding
from ftgitops.load.documents import Document
from ftgitops.load.pipeline import Built, FileOutcome
from ftgitops.load.schemas import SchemaSet

CACHE_FOLDER = "ftgitops-cache"
LEGACY_FILE = "documents.pickle"  # the single-file parse cache of earlier versions
SHARDS = 64
FORMAT = 3  # 3: records pickled as calls of their makers


OutcomeKey = tuple[str, str]  # blob sha, path
ItemKey = tuple[str, str, str]  # blob sha, path, context


class Shard(NamedTuple):
    """The entries of one shard."""

    outcomes: dict[OutcomeKey, FileOutcome]
    items: dict[ItemKey, Built]


def _model_classes() -> list[type[Any]]:
    return [
        cls
        for _, cls in sorted(vars(model).items())
        if isinstance(cls, type) and dataclasses.is_dataclass(cls)
    ]


def _zone_database_version() -> str:
    """The versions of the zone databases zoneinfo reads: the system's, then tzdata's.

    Each is the first line of the database's `tzdata.zi` (`# version 2026f`); tzdata's is
    found through its package, not its metadata, whose import alone cost a warm check 20 ms.
    """
    files: list[Traversable] = [Path(folder) / "tzdata.zi" for folder in zoneinfo.TZPATH]
    with contextlib.suppress(ModuleNotFoundError):
        files.append(resources.files("tzdata") / "zoneinfo" / "tzdata.zi")
    versions = []
    for file in files:
        try:
            with file.open(encoding="utf-8") as source:
                versions.append(source.readline().strip())
        except OSError:
            continue
    return " ".join(versions)


def version_key(schemas: SchemaSet) -> str:
    """Package version, a digest of the schemas, the cached records' fields and the time-zone
    database version.

    The record shapes are in the key so that a model change between releases (in a working
    copy, say) cannot hand back objects built for other fields; the zone database, because a
    new one can move daylight-saving dates, and with them which local times are skipped.
    """
    shapes = [(cls.__name__, [f.name for f in dataclasses.fields(cls)]) for cls in _model_classes()]
    shapes += [("Finding", list(Finding._fields)), ("Document", list(Document._fields))]
    zones = _zone_database_version()
    text = json.dumps([FORMAT, __version__, schemas.documents, shapes, zones], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def shard_of(sha: str) -> int:
    """The shard a blob's entries live in: its sha's first byte, folded."""
    return int(sha[:2], 16) % SHARDS


class CheckCache:
    """Outcomes and items by blob sha; `folder=None` keeps them in memory only (`--no-cache`)."""

    def __init__(self, folder: Path | None, version: str) -> None:
        self.folder = folder
        self.version = version
        self._stored: dict[int, Shard] = {}
        self._used: dict[int, Shard] = {}
        self._dirty: set[int] = set()

    def outcome(self, sha: str, path: str) -> FileOutcome | None:
        """A file's outcome: this run's, else the one stored (kept for the next save)."""
        key, index = (sha, path), shard_of(sha)
        used = self._used_shard(index).outcomes
        found = used.get(key)
        if found is None:
            found = self._stored_shard(index).outcomes.get(key)
            if found is not None:
                used[key] = found
        return found

    def put_outcome(self, sha: str, path: str, outcome: FileOutcome) -> None:
        index = shard_of(sha)
        self._used_shard(index).outcomes[(sha, path)] = outcome
        self._dirty.add(index)

    def item(self, sha: str, path: str, context: str) -> Built | None:
        """A file's typed item for one platform-and-tenants context, as `outcome` does."""
        key, index = (sha, path, context), shard_of(sha)
        used = self._used_shard(index).items
        found = used.get(key)
        if found is None:
            found = self._stored_shard(index).items.get(key)
            if found is not None:
                used[key] = found
        return found

    def put_item(self, sha: str, path: str, context: str, built: Built) -> None:
        index = shard_of(sha)
        self._used_shard(index).items[(sha, path, context)] = built
        self._dirty.add(index)

    def save(self) -> None:
        """Rewrite each shard this run added to, with the entries it used; others stay."""
        if self.folder is None or not self._dirty:
            return
        self.folder.mkdir(exist_ok=True)
        (self.folder / LEGACY_FILE).unlink(missing_ok=True)
        for index in sorted(self._dirty):
            shard = self._used[index]
            write_atomically(self._path(index), (self.version, shard.outcomes, shard.items))
        self._dirty.clear()

    def _path(self, index: int) -> Path:
        assert self.folder is not None
        return self.folder / f"check-{index:02d}.pickle"

    def _stored_shard(self, index: int) -> Shard:
        shard = self._stored.get(index)
        if shard is None:
            shard = self._stored[index] = self._read(index)
        return shard

    def _used_shard(self, index: int) -> Shard:
        shard = self._used.get(index)  # not `setdefault`: it would build a Shard every call
        if shard is None:
            shard = self._used[index] = Shard({}, {})
        return shard

    def _read(self, index: int) -> Shard:
        """A shard from disk; missing, unreadable, corrupt or of another version: empty."""
        if self.folder is None:
            return Shard({}, {})
        try:
            with self._path(index).open("rb") as stream:
                stored: Any = pickle.load(stream)
        except Exception:  # a damaged pickle can raise almost anything: start afresh
            return Shard({}, {})
        if (
            isinstance(stored, tuple)
            and len(stored) == 3
            and stored[0] == self.version
            and isinstance(stored[1], dict)
            and isinstance(stored[2], dict)
        ):
            return Shard(stored[1], stored[2])
        return Shard({}, {})


def shared_strings(document: Document) -> Document:
    """The document with one string object for each text its data repeats (keys, statuses,
    environments, ids), as `sys.intern` makes them.

    A shard pickles an object once and refers back to it after, so a key written in every
    file of the shard is stored, loaded and freed once instead of once a file: about two
    thirds of the strings of a warm check's cache.
    """
    return document._replace(data=_interned(document.data))


def _interned(value: Any) -> Any:
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, dict):
        return {sys.intern(k) if isinstance(k, str) else k: _interned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_interned(item) for item in value]
    return value


def write_atomically(path: Path, value: object) -> None:
    """Pickle a value to a temp file beside `path`, then rename it over `path`."""
    replace_file(path, lambda stream: _dump(value, stream))


def _dump(value: object, stream: IO[bytes]) -> None:
    """Pickle with the model's records stored as a call of their maker (`_make_<class>`) with
    their fields' values.

    A frozen, slotted dataclass otherwise pickles through a generic state hook that sets
    each field in Python; a call is about twice as fast to load, and loading 10,000 items
    (some 70,000 records) is much of a warm check.
    """
    pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
    table: dict[type[Any], Any] = dict(copyreg.dispatch_table)
    table.update((cls, _as_call) for cls in _model_classes())
    pickler.dispatch_table = table
    pickler.dump(value)


def _as_call(record: Any) -> tuple[Callable[..., Any], tuple[Any, ...]]:
    cls = type(record)
    maker = globals().get(f"_make_{cls.__name__}", cls)
    return maker, tuple(getattr(record, f.name) for f in dataclasses.fields(record))


def _maker(cls: type[Any]) -> Callable[..., Any] | None:
    """A function that makes a record of `cls` from its fields' values, in field order.

    It sets each slot through the slot's own descriptor, which is what the frozen class's
    `__init__` does through `object.__setattr__`, less a lookup a field: a warm check loads
    its records about 20 ms sooner. None (call the class) for a class whose `__init__` does
    more, or whose fields are not all slots.
    """
    names = [field.name for field in dataclasses.fields(cls)]
    slots = [getattr(cls, name, None) for name in names]
    setters = [slot.__set__ for slot in slots if isinstance(slot, types.MemberDescriptorType)]
    if hasattr(cls, "__post_init__") or len(setters) != len(names):
        return None
    lines = [f"def make({', '.join(names)}):", "    record = new(cls)"]
    lines += [f"    set_{name}(record, {name})" for name in names]
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    namespace.update((f"set_{name}", set_) for name, set_ in zip(names, setters, strict=True))
    exec("\n".join([*lines, "    return record"]), namespace)
    maker: Callable[..., Any] = namespace["make"]
    return maker


def _publish_makers() -> None:
    """Each maker as a module attribute `_make_<class>`, where pickle finds it by name."""
    for cls in _model_classes():
        maker = _maker(cls)
        if maker is not None:
            maker.__name__ = maker.__qualname__ = f"_make_{cls.__name__}"
            maker.__module__ = __name__
            globals()[maker.__name__] = maker


_publish_makers()
