"""Per-client limits of the workshop server and the kernel websocket's message reading.

Kept apart from the server so that they are tested without starting one.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict, deque
from collections.abc import Callable
from typing import Literal

V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"


class ClientLimits:
    """How much one client (one IP address) may hold: open kernel websockets, and app pages opened
    within a sliding window (each page takes a preheated kernel, so a client reloading in a loop
    could otherwise empty the pool for everyone)."""

    def __init__(self, max_sockets: int = 12, max_pages: int = 12, window_s: float = 60.0,
                 clock: Callable[[], float] = time.monotonic):
        self.max_sockets, self.max_pages, self.window_s, self.clock = max_sockets, max_pages, window_s, clock
        self.sockets: dict[str, int] = defaultdict(int)
        self.pages: dict[str, deque[float]] = defaultdict(deque)

    def open_socket(self, client: str) -> bool:
        """Count one more open websocket for ``client``; False (and nothing counted) at the limit."""
        if self.sockets[client] >= self.max_sockets:
            return False
        self.sockets[client] += 1
        return True

    def close_socket(self, client: str) -> None:
        self.sockets[client] -= 1
        if self.sockets[client] <= 0:
            del self.sockets[client]

    def allow_page(self, client: str) -> bool:
        """Count one page opened by ``client`` now; False when it already opened ``max_pages``
        within the window."""
        now, seen = self.clock(), self.pages[client]
        while seen and seen[0] <= now - self.window_s:
            seen.popleft()
        if len(seen) >= self.max_pages:
            return False
        seen.append(now)
        return True


def _offsets(message: bytes, width: int, order: Literal["little", "big"]) -> list[int] | None:
    """The part offsets at the start of a binary message: a count, then that many offsets, each
    ``width`` bytes. None when the count cannot be right for a message of this length (Voila 0.5's
    own reader trusted the count and, given a legacy message, looped over billions of offsets)."""
    if len(message) < width:
        return None
    count = int.from_bytes(message[:width], order)
    if count < 1 or width * (count + 1) > len(message):
        return None
    offsets = [int.from_bytes(message[width * (i + 1):width * (i + 2)], order) for i in range(count)]
    if any(b < a for a, b in zip(offsets, offsets[1:], strict=False)) or offsets[-1] > len(message):
        return None
    return offsets


def message_header(message: bytes | str | dict, protocol: str | None) -> dict | None:
    """The header of a message about to be sent on a kernel websocket, whichever protocol the client
    speaks: ``v1.kernel.websocket.jupyter.org`` (binary: 8-byte little-endian count and offsets,
    parts channel, header, parent header, metadata, content, buffers) or the legacy one (JSON text,
    or for messages with buffers a 4-byte big-endian count and offsets, the first part being the
    whole message as JSON). None when the message cannot be read."""
    try:
        if isinstance(message, dict):
            return message.get("header")
        if isinstance(message, str):
            return json.loads(message).get("header")
        if protocol == V1_PROTOCOL:
            offsets = _offsets(message, 8, "little")
            if not offsets or len(offsets) < 3:
                return None
            return json.loads(message[offsets[1]:offsets[2]].decode("utf-8"))
        offsets = _offsets(message, 4, "big")
        if not offsets:
            return None
        end = offsets[1] if len(offsets) > 1 else len(message)
        return json.loads(message[offsets[0]:end].decode("utf-8")).get("header")
    except (ValueError, UnicodeDecodeError, AttributeError):
        return None
