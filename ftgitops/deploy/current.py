"""The tree a deploy run plans on: the model of the clone's files, and the re-check's
findings on it, read whole when main moved and one item at a time after the run's own edits.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from ftgitops.deploy.simulate import Simulation
from ftgitops.load import DirectorySource, load_directory
from ftgitops.load.itembuild import Expander
from ftgitops.load.pipeline import build_fresh
from ftgitops.load.schemas import SchemaSet
from ftgitops.model import Model


class Current:
    """The model and its simulation; `load` reads every file, `refresh` one item's."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.schemas = SchemaSet()
        self.model: Model
        self.simulation: Simulation

    def load(self, now: datetime) -> None:
        """Read the whole tree (a platform file that does not load is an input error)."""
        loaded = load_directory(self.root, self.schemas)
        self.model = loaded.platform_model()
        self.simulation = Simulation(loaded, now)

    def refresh(self, path: str, now: datetime) -> None:
        """Rebuild the one item the run edited (the whole tree when it does not build).

        The re-check's findings stay: the run only appends log lines and moves statuses.
        """
        outcome = DirectorySource(self.root).outcome(path, self.schemas)
        expand = Expander(self.model.platform, self.model.tenants)
        document = outcome.document if outcome.valid else None
        built = build_fresh(document, expand) if document is not None else None
        if built is None or built[0] is None or built[1]:
            self.load(now)
            return
        self.model = replace(self.model, items={**self.model.items, built[0].id: built[0]})
