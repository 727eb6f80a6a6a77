"""Lets `python -m ftgitops` run the command line."""

from __future__ import annotations

from ftgitops.main import main

raise SystemExit(main())
