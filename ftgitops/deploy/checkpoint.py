"""A test-only crash switch: `FTGITOPS_TEST_KILL_AT=<step>` makes the deploy process kill
itself with SIGKILL when it reaches that step, so the tests can show that a run cut short at
any moment loses no record and repeats no attempt.

The steps, in the order a run reaches them: `after-lease` (the `started` entry is pushed,
no driver called yet), `during-command` (the deploy command has been spawned), `after-command`
(it has ended, nothing recorded yet), `before-push` (the outcome is committed, not pushed).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Mapping

STEPS = ("after-lease", "during-command", "after-command", "before-push")
VARIABLE = "FTGITOPS_TEST_KILL_AT"


def checkpoint(step: str, environ: Mapping[str, str]) -> None:
    """Die here, at once and without cleaning up, when the environment asks for this step."""
    if environ.get(VARIABLE) == step:
        os.kill(os.getpid(), signal.SIGKILL)
