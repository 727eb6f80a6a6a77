"""The cyclic garbage collector paused for one command: the tool's runs make no cycles.

A run builds large acyclic structures (documents, the model, the conflict engine's records:
a few per window and per conflict) and keeps most of them to the end; reference counting
frees them all, yet each allocation burst triggers collections that walk the whole heap
again, for nothing: at 100,000 windows that was about a sixth of the engine's time, and it
grows faster than the work. `main` pauses it once around the command; library code does not
touch it. The previous state is restored however the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable automatic collection inside the block, re-enabling it only if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
