"""``humaskit import FILE... --account HANDLE --out DIR``: the command's parser and handler."""

from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    from humaskit.importers.kinds import FORMATS

    parser = subparsers.add_parser(
        "import", help="import real exports (tweet-harvest, X API, Instagram, Facebook, YouTube, any "
                       "CSV/XLSX with a column mapping) into posts.csv and comments.csv, scrubbed")
    parser.add_argument("files", nargs="+", metavar="FILE", help="export files (CSV, XLSX or JSON)")
    parser.add_argument("--account", required=True, help="the agency's own handle (stays readable)")
    parser.add_argument("--out", required=True, help="folder to write posts.csv and comments.csv into")
    parser.add_argument("--format", choices=list(FORMATS), default=None,
                        help="the export format (default: detected from each file)")
    mapping = parser.add_mutually_exclusive_group()
    mapping.add_argument("--map", help="YAML file mapping canonical columns to the file's columns")
    mapping.add_argument("--column", action="append", metavar="CANONICAL=SOURCE",
                         help="map one canonical column to a column of the file (repeatable); "
                              "platform=instagram sets the platform of every row")
    parser.add_argument("--keep-column", action="append", default=[], metavar="COLUMN",
                        help="leave this output column unscrubbed (you take responsibility)")
    parser.add_argument("--sheet", help="XLSX: the sheet to read, by name or number (default: the first)")
    parser.add_argument("--force", action="store_true",
                        help="replace posts.csv/comments.csv already in DIR (never an input)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    parser.set_defaults(func=run)


def run(args) -> int:
    from humaskit.core import formats
    from humaskit.core.files import parse_yaml, read_text
    from humaskit.importers import pipeline, tabular

    mapping = None
    if args.map:
        spec = parse_yaml(read_text(args.map, 1_000_000, "peta kolom"), Path(args.map).name)
        mapping = tabular.parse_mapping(spec=spec)
    elif args.column:
        mapping = tabular.parse_mapping(pairs=args.column)
    out = Path(args.out)
    for name in ("posts.csv", "comments.csv"):  # refuse before any work, as every command does
        target = out / name
        if target.exists() and not args.force:
            from humaskit.core.errors import DataError

            raise DataError("file ini sudah ada dan tidak akan ditimpa. Pilih folder lain, atau "
                            "tambahkan --force bila memang ingin menggantinya.", file=str(target))
    def stage(text: str) -> None:
        if not args.quiet:
            print(text, file=sys.stderr, flush=True)

    imported = pipeline.import_files(args.files, args.account, fmt=args.format, mapping=mapping,
                                     progress=not args.quiet, sheet=args.sheet)
    stage(f"Menyamarkan data pribadi di {formats.number(len(imported.posts) + len(imported.comments))} "
          "baris ...")
    imported = pipeline.scrub(imported, out, args.account, keep_columns=args.keep_column)
    stage("Memeriksa skema dan menulis posts.csv dan comments.csv ...")
    targets = pipeline.write(imported, out, force=args.force, inputs=args.files)
    for line in pipeline.summary(imported, targets):
        print(line)
    return 0
