"""What the room's modules share without loading the database layer (SQLAlchemy): where the store
is, the names of the settings, the records and the errors. An app's kernel imports only this until
its participant joins, so that the kernels a workshop server keeps waiting stay small."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from humaskit.core.errors import DataError

DIR_ENV = "HUMASKIT_WORKSHOP_DIR"
DB_ENV = "HUMASKIT_WORKSHOP_DB"
TOKEN_ENV = "HUMASKIT_WORKSHOP_TOKEN"  # the facilitator token the dashboard asks for
DEFAULT_DIR = "hasil_lokakarya"
DB_FILE = "lokakarya.sqlite"
# The session a participant lands in when no workshop server runs (one person practising alone).
PRACTICE_SESSION = "LATIHAN"
# Session codes: short, read aloud and typed on a phone; no 0/O, 1/I/L look-alikes.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
PIN_LENGTH = 4
NAME_MAX = 40
KINDS = ("code", "maturity", "estimate", "plan")



class StoreError(DataError):
    """Something a participant or facilitator can fix (a wrong code, a taken name), in Indonesian."""


class NameTaken(StoreError):
    """The display name is used in this session by someone else (or by the same person, who must
    give their personal code to continue)."""


class Conflict(StoreError):
    """The item was saved from another device since this form was opened."""


# -- where the store is ----------------------------------------------------------------------------

def workshop_dir() -> Path:
    """The workshop data folder: ``$HUMASKIT_WORKSHOP_DIR``, else ``hasil_lokakarya`` here."""
    return Path(os.environ.get(DIR_ENV) or DEFAULT_DIR)


def workshop_mode() -> bool:
    """True when a workshop server (or a hub) set the store up for a room: then participants join
    a session with its code; otherwise the apps run for one person in the practice session."""
    return bool(os.environ.get(DIR_ENV) or os.environ.get(DB_ENV))


def database_url() -> str:
    """``$HUMASKIT_WORKSHOP_DB`` when set, else the SQLite file in :func:`workshop_dir`."""
    url = os.environ.get(DB_ENV)
    if url:
        return url
    return f"sqlite:///{(workshop_dir() / DB_FILE).resolve()}"


# -- records ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Session:
    id: int
    code: str
    title: str


@dataclass(frozen=True)
class Participant:
    id: int
    session_id: int
    session_code: str
    display_name: str
    pin: str
    rejoined: bool = False


@dataclass(frozen=True)
class Saved:
    revision: int
    submission_id: str
    duplicate: bool  # the same submission had been stored before (a retry): nothing was added


def normalise_code(code: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", str(code).upper())
