"""The cyclic garbage collector paused while the engine builds its short-lived records.

The engine allocates a few records per window and per conflict and makes no reference
cycles (reference counting frees everything), yet each allocation burst triggers collections
that walk the whole loaded model: at 100,000 windows that was about a sixth of the run time,
and it grows faster than the work. The previous state is restored however the block ends.
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
