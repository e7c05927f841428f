"""Output cap inside a grading kernel: at most ``limit`` characters per cell reach the grader.

Installed by :class:`humaskit.trainer.sandbox.SandboxKernelManager` through the kernel's
``exec_lines`` (no name is left in the notebook's namespace). A cell that prints 100 MB then sends
``limit`` characters and one notice instead of 100 MB, so the grader neither waits for nor stores it.
"""

from __future__ import annotations

import sys
from typing import Any

NOTICE = "\n... (keluaran sel ini dipotong oleh penilai)\n"


class _Capped:
    def __init__(self, stream: Any, state: dict) -> None:
        self._stream, self._state = stream, state

    def write(self, text: str) -> int:
        left = self._state["left"]
        if left <= 0:
            if not self._state["noted"]:
                self._state["noted"] = True
                self._stream.write(NOTICE)
            return len(text)
        self._state["left"] = left - len(text)
        self._stream.write(text[:left])
        if len(text) > left and not self._state["noted"]:
            self._state["noted"] = True
            self._stream.write(NOTICE)
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def install(limit: int) -> None:
    state = {"left": limit, "noted": False}

    def reset(*_args: Any) -> None:
        state["left"], state["noted"] = limit, False

    sys.stdout = _Capped(sys.stdout, state)
    sys.stderr = _Capped(sys.stderr, state)
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.events.register("pre_run_cell", reset)
