"""``humaskit scrub`` and the options every command that reads one table and writes another shares
(``classify``, ``triage``, ``scrub``): input, ``--text-column``, ``--output``, ``--keep-column``,
``--sheet``, ``--quiet``, ``--force``.

Only the argument parsers and the handler: the work is :mod:`humaskit.data.scrubbing`, imported
when the command runs so that ``humaskit --help`` stays quick.
"""

from __future__ import annotations

import sys
from pathlib import Path


def add_keep_option(parser) -> None:
    """``--keep-column``, the same for every command that writes a table."""
    parser.add_argument("--keep-column", action="append", default=[], metavar="COLUMN",
                        help="a column to write unscrubbed (repeatable); every other column is scrubbed "
                             "of personal data")


def add_table_options(parser, *, row: str, output_help: str) -> None:
    """The options of a command that reads one CSV/XLSX table (one ``row`` per line) and writes
    another: every column of the output scrubbed unless kept."""
    parser.add_argument("input", help=f"CSV or XLSX file with one {row} per row")
    parser.add_argument("--text-column", required=True, help=f"the column holding the {row} text")
    parser.add_argument("--output", "-o", required=True, help=output_help)
    add_keep_option(parser)
    parser.add_argument("--sheet", help="XLSX: the sheet to read, by name or number (default: the first)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no summary on standard error")
    parser.add_argument("--force", action="store_true",
                        help="replace an existing output file (never an input)")


def register(subparsers) -> None:
    """``humaskit scrub INPUT --text-column COL --output OUT [--keep-column C ...]``."""
    sc = subparsers.add_parser("scrub", help="scrub personal data out of a table (CSV or XLSX), UU 27/2022")
    add_table_options(sc, row="message",
                      output_help="CSV or XLSX to write: every column scrubbed unless kept; the "
                                  "project's salt is kept beside it (.humaskit-salt)")
    sc.set_defaults(func=cmd_scrub)


def cmd_scrub(args) -> int:
    from humaskit.core.formats import number
    from humaskit.core.storage import check_output
    from humaskit.core.tables import read_table, require_columns, write_table
    from humaskit.data.scrubbing import check_keep, scrub_for_output, summary

    output = check_output(args.output, inputs=[args.input], suffixes=(".csv", ".xlsx"), force=args.force)
    source = Path(args.input)
    df = read_table(source, sheet=args.sheet)
    for note in df.attrs.get("notes", []):
        print(f"Catatan: {note}", file=sys.stderr)
    require_columns(df, [args.text_column], source.name)
    check_keep(df, args.keep_column, source.name)
    out, counts = scrub_for_output(df, output, keep_columns=args.keep_column,
                                   text_columns=[args.text_column])
    write_table(out, output)
    if not args.quiet:
        kept = f"; tidak disamarkan: {', '.join(args.keep_column)}" if args.keep_column else ""
        print(f"{number(len(out))} baris -> {output} ({summary(counts)}{kept})", file=sys.stderr)
    return 0
