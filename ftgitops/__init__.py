"""ftgitops: change management and status pages from schema-validated YAML in git."""

from __future__ import annotations

__version__ = "0.1.0"
