"""Tables on their way out, scrubbed of citizens' personal data (UU 27/2022), and ``humaskit scrub``.

Every command that writes a table calls :func:`scrub_for_output`: every column is scrubbed
(identifiers masked in text, author and handle columns pseudonymised) unless the user names it
with ``--keep-column``. Pseudonyms use the project's salt, random and kept beside the data (the
output's folder, ``.humaskit-salt``), so the same citizen gets the same pseudonym in every table
written there and nobody without the salt can test guessed handles against them. The kit's
official contacts (:func:`humaskit.data.contacts.official`) stay readable.
"""

from __future__ import annotations

import collections
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from humaskit.core import parallel, privacy
from humaskit.core.errors import DataError
from humaskit.core.formats import number
from humaskit.core.storage import StorageError
from humaskit.data import contacts, names


def output_salt(output: str | Path) -> str:
    """The salt of the project the output belongs to: the one kept in the output's folder."""
    folder = Path(output).resolve().parent
    try:
        return privacy.project_salt(folder)
    except (OSError, UnicodeDecodeError) as exc:
        raise StorageError(f"kunci penyamaran ({privacy.SALT_FILE}) tidak bisa dibuat atau dibaca di "
                           f"folder ini: {getattr(exc, 'strerror', None) or exc}. Pilih folder lain "
                           "yang bisa ditulisi.",
                           file=str(folder)) from exc


def check_keep(df: pd.DataFrame, keep_columns: Iterable[str], file: str) -> list[str]:
    """The columns to keep unscrubbed, each checked to exist in the table."""
    keep = [str(c) for c in keep_columns or ()]
    columns = {str(c) for c in df.columns}
    missing = [c for c in keep if c not in columns]
    if missing:
        shown = ", ".join(f"'{c}'" for c in missing)
        have = ", ".join(f"'{c}'" for c in df.columns)
        raise DataError(f"kolom {shown} (--keep-column) tidak ada di tabel. Kolom yang ada: {have}.",
                        file=file)
    return keep


def scrub_for_output(df: pd.DataFrame, output: str | Path, *, keep_columns: Iterable[str] = (),
                     text_columns: Iterable[str] = (), data_dir: Path | str | None = None,
                     ) -> tuple[pd.DataFrame, collections.Counter]:
    """The table as it may be written to ``output``, and what was replaced, by type.

    ``text_columns`` are scrubbed as text even when their name looks like an author column. The
    salt file is made only when a handle is pseudonymised. A long text column is scrubbed on all
    CPU cores."""
    keep = check_keep(df, keep_columns, Path(output).name)
    texts = {str(c) for c in text_columns}
    handle_columns = [c for c in df.columns if privacy.is_handle_column(c) and str(c) not in texts]
    return privacy.scrub_table(df, salt=lambda: output_salt(output), allow=contacts.official(data_dir),
                               keep_columns=keep, handle_columns=handle_columns,
                               map_slices=parallel.map_slices)


def summary(counts: collections.Counter) -> str:
    """What was replaced, in Indonesian, counts only (never a value)."""
    parts = [f"{number(counts[k])} {names.SCRUBBED_KINDS[k]}" for k in privacy.KINDS if counts.get(k)]
    if not parts:
        return "tidak ada data pribadi yang ditemukan"
    return "data pribadi disamarkan (UU 27/2022): " + ", ".join(parts)
