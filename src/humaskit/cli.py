"""The `humaskit` command: one entry point, subcommands that call the library.

Errors in a trainee's input are printed as one Indonesian sentence (file, row, column, what to
do) with exit status 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from humaskit import __version__
from humaskit.core.errors import DataError


def _json_default(value):
    """What json cannot serialise by itself: numpy scalars and timestamps."""
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _clean(obj):
    """NaN -> None (JSON has no NaN), numpy scalars -> Python."""
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_clean(v) for v in obj]
    if hasattr(obj, "item"):
        obj = obj.item()
    if isinstance(obj, float) and math.isnan(obj):
        return None
    return obj


def cmd_datasets_stats(args) -> int:
    from humaskit.course.stats import corpus_stats, format_stats

    stats = corpus_stats(args.data_dir)
    if args.json:
        print(json.dumps(_clean(stats), ensure_ascii=False, indent=2, default=_json_default))
    else:
        print(format_stats(stats))
    return 0


def cmd_datasets_validate(args) -> int:
    from humaskit.data import corpus

    posts = corpus.load_posts(args.data_dir)
    comments = corpus.load_comments(args.data_dir, posts=posts)
    print(f"OK: {len(posts)} unggahan dan {len(comments)} komentar sesuai skema kanonik.")
    return 0


def cmd_codebook(args) -> int:
    from humaskit.data import codebook

    output = _output(args, suffixes=(".html", ".htm")) if args.output else None
    page = codebook.render_html(args.data_dir, n_examples=args.examples)
    if output:
        _write(output, page)
        print(f"Buku kode ditulis ke {args.output} (buka di peramban, lalu cetak).")
    else:
        sys.stdout.write(page)
    return 0


def cmd_assignments(args) -> int:
    from humaskit.course import assignment_actions, grading

    if args.action == "validate":
        return cmd_assignments_validate(args)
    if args.action in assignment_actions.ACTIONS:  # bundle, variant
        return assignment_actions.run(args)
    root = assignment_actions.release_root() if args.action == "release" else grading.course_root()
    if args.action == "generate":
        done = grading.generate(root, args.assignment or None)
        print("generated: " + ", ".join(done))
        return 0
    if args.action == "check":
        problems = grading.differences(root) + grading.leaks(root)
        for p in problems:
            print(p)
        print("assignments/ equals nbgrader's output; nothing hidden leaks" if not problems
              else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    if args.action == "verify":
        failed = False
        for aid in args.assignment or grading.assignment_ids(root):
            for key, s in grading.verify(root, aid).items():
                ok = (s.auto_score == 0) if s.student == "blank" else (s.auto_score == s.auto_max)
                failed |= not ok
                print(f"{aid} {key}: autograded {s.auto_score:g}/{s.auto_max:g}, "
                      f"manual max {s.manual_max:g} {'OK' if ok else 'WRONG'}")
        return 1 if failed else 0
    if args.action == "release":
        exchange = Path(args.exchange).expanduser()
        folder = Path(args.assignment_dir).expanduser() if args.assignment_dir else None
        done = grading.release(root, exchange, folder)
        print(f"released to {exchange}: " + ", ".join(done))
        return 0
    raise AssertionError(args.action)


def cmd_assignments_validate(args) -> int:
    from humaskit.course import grading

    if not args.assignment:
        print("Sebutkan notebook tugas yang diperiksa, misalnya: humaskit assignments validate "
              "kerja/assignments/00-latihan-orientasi/00-latihan-orientasi.ipynb", file=sys.stderr)
        return 2
    all_ok = True
    for name in args.assignment:
        path = Path(name)
        if not path.is_file():
            raise FileNotFoundError(name)
        print(f"Memeriksa {name} (semua sel dijalankan; bisa butuh satu menit) ...", flush=True)
        ok, lines = grading.describe_validation(grading.validate(path))
        all_ok &= ok
        print("\n".join(lines))
    return 0 if all_ok else 1


def cmd_lab_setup(args) -> int:
    from humaskit.course import lab

    prefix = Path(args.prefix).expanduser() if args.prefix else None
    written = lab.install(prefix)
    if written:
        print("Pengaturan JupyterLab kit dipasang: " + ", ".join(str(p) for p in written))
    if args.workspace:
        return _fill_workspace(Path(args.workspace).expanduser(), args.root)
    return 0


def cmd_lab_workspace(args) -> int:
    return _fill_workspace(Path(args.folder).expanduser(), args.root)


def _fill_workspace(work: Path, root: str | None) -> int:
    from humaskit.course import workspace

    report = workspace.prepare(Path(root) if root else _kit_root(), work)
    for line in workspace.describe(report, work):
        print(line)
    return 0


def cmd_lab_trainer_config(args) -> int:
    from humaskit.course import lab

    print(lab.TRAINER_CONFIG)
    return 0


def _kit_root() -> Path:
    from humaskit.course import assignment_actions

    return assignment_actions.release_root()  # the repository or a trainees' distribution


def _write(output: Path, data: bytes | str) -> None:
    """Write through humaskit.core.storage (atomic; an Indonesian StorageError on failure)."""
    from humaskit.core.storage import write_bytes_atomic

    write_bytes_atomic(output, data.encode("utf-8") if isinstance(data, str) else data)


def _output(args, inputs=(), suffixes=()) -> Path:
    """The checked --output path: before any work, per the kit's output policy."""
    from humaskit.core.storage import check_output

    return check_output(args.output, inputs=inputs, suffixes=suffixes, force=args.force)


def _notes(df) -> None:
    """What the reader decided for the user (sheet, header row, formulas), on standard error."""
    for note in df.attrs.get("notes", []):
        print(f"Catatan: {note}", file=sys.stderr)


def _read_input(args, what: str):
    """The checked output, then the input table with its text column checked, and which rows
    have no text. Refuses a file with no text at all."""
    from humaskit.core.tables import read_table, require_columns

    output = _output(args, inputs=[args.input], suffixes=(".csv", ".xlsx"))
    source = Path(args.input)
    df = read_table(source, sheet=args.sheet)
    _notes(df)
    require_columns(df, [args.text_column], source.name)
    texts = df[args.text_column]
    empty = texts.isna() | (texts.str.strip() == "")
    if empty.all():
        raise DataError(f"semua sel kosong; tidak ada {what}.", file=source.name, column=args.text_column)
    return df, empty, output


def cmd_classify(args) -> int:
    from humaskit.coding import classify
    from humaskit.core.tables import write_table
    from humaskit.data import scrubbing

    df, empty, output = _read_input(args, "teks untuk dikode")
    scrubbing.check_keep(df, args.keep_column, Path(args.input).name)
    out = classify.classify_frame(df, args.text_column)
    out["needs_review"] = out["needs_review"].astype(object)
    out.loc[empty, ["label", "confidence", "needs_review"]] = [None, None, None]
    out, scrubbed = scrubbing.scrub_for_output(out, output, keep_columns=args.keep_column,
                                               text_columns=[args.text_column])
    write_table(out, output)
    if not args.quiet:
        counts = out["label"].value_counts()
        summary = ", ".join(f"{k} {v}" for k, v in counts.items())
        note = f"; {int(empty.sum())} baris tanpa teks dilewati" if empty.any() else ""
        print(f"{len(out)} baris dikode -> {output} ({summary}{note}; {scrubbing.summary(scrubbed)})",
              file=sys.stderr)
    return 0


def cmd_maturity(args) -> int:
    from humaskit.data import corpus, instrument
    from humaskit.maturity import evidence, levels

    inputs = [args.posts, args.comments, *([args.survey] if args.survey else [])]
    suffixes = (".json",) if args.format == "json" else (".html", ".htm")
    output = _output(args, inputs=inputs, suffixes=suffixes) if args.output else None
    posts = corpus.load_posts(args.posts, require_label=False)
    comments = corpus.load_comments(args.comments, posts=posts, require_kind=False)
    survey = instrument.load_survey(args.survey) if args.survey else None
    result = levels.estimate(posts, comments, args.account, survey=survey)
    if args.format == "json":
        result["evidence"].pop("response_hours", None)
        text = json.dumps(_clean(result), ensure_ascii=False, indent=2, default=_json_default)
    else:
        from humaskit.ui import report

        text = report.render_html(result, evidence.posting_heatmap(posts, args.account))
    if output:
        _write(output, text)
        print(f"Laporan ditulis ke {output}", file=sys.stderr)
    else:
        sys.stdout.write(text + ("\n" if not text.endswith("\n") else ""))
    return 0


def cmd_scenarios(args) -> int:
    from humaskit.data import scenarios

    rows = scenarios.list_scenarios()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        width = max(len(r["id"]) for r in rows)
        for r in rows:
            print(f"{r['id']:<{width}}  {r['title']}  ({r['items']} butir)")
    return 0


def cmd_triage(args) -> int:
    from humaskit.core.tables import write_table
    from humaskit.data import scrubbing
    from humaskit.response import triage

    df, empty, output = _read_input(args, "komentar untuk ditriase")
    scrubbing.check_keep(df, args.keep_column, Path(args.input).name)
    out = triage.triage_frame(df, args.text_column)
    out, scrubbed = scrubbing.scrub_for_output(out, output, keep_columns=args.keep_column,
                                               text_columns=[args.text_column])
    write_table(out, output)
    if not args.quiet:
        counts = out["triage"].value_counts()
        summary = ", ".join(f"{k} {v}" for k, v in counts.items())
        notes = []
        if empty.any():
            notes.append(f"{int(empty.sum())} baris tanpa teks dilewati")
        notes.append(scrubbing.summary(scrubbed))
        note = "; " + "; ".join(notes)
        print(f"{len(out)} baris ditriase -> {output} ({summary}{note})", file=sys.stderr)
    return 0


def cmd_plan(args) -> int:
    from humaskit.response import plans

    if args.action == "new":
        output = _output(args, suffixes=(".yaml", ".yml"))
        _write(output, plans.skeleton(args.scenario))
        print(f"Kerangka rencana ditulis ke {output}. Isi, lalu periksa dengan: "
              f"humaskit plan validate {output}", file=sys.stderr)
        return 0
    if args.action == "export":  # every file the export writes is checked before any work
        from humaskit.core.storage import check_output
        from humaskit.ui.plan_export import SUFFIXES, export_paths

        targets = export_paths(args.format, Path(args.output))
        check_output(targets[0], inputs=[args.file], suffixes=SUFFIXES[args.format], force=args.force)
        for extra in targets[1:]:
            check_output(extra, inputs=[args.file], force=args.force)
    plan = plans.load(args.file)
    problems = plans.validate(plan)
    if args.action == "validate":
        if not problems:
            print(f"OK: rencana {args.file} lolos validasi.")
            return 0
        print(f"Rencana {args.file} belum lolos: {len(problems)} masalah.")
        for problem in problems:
            print(f"- {problem}")
        return 1
    if args.action == "export":
        from humaskit.ui import plan_export

        if problems and not args.draft:
            print(f"Rencana {args.file} belum lolos validasi ({len(problems)} masalah), jadi belum "
                  "diekspor. Perbaiki dulu (humaskit plan validate), atau tambahkan --draft untuk "
                  "dokumen draf.", file=sys.stderr)
            for problem in problems:
                print(f"- {problem}", file=sys.stderr)
            return 1
        written = plan_export.export(plan, args.format, targets[0], problems if args.draft else None)
        print("Ditulis: " + ", ".join(str(p) for p in written), file=sys.stderr)
        return 0
    raise AssertionError(args.action)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="humaskit",
        description="humaskit: kit pelatihan humas pemerintah untuk media sosial yang dialogis.",
    )
    parser.add_argument("--version", action="version", version=f"humaskit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from humaskit.data import scrub_command

    ds = sub.add_parser("datasets", help="the kit's corpus: statistics and validation")
    ds_sub = ds.add_subparsers(dest="action", metavar="ACTION", required=True)
    st = ds_sub.add_parser("stats", help="corpus counts, agreement and response figures")
    st.add_argument("--json", action="store_true", help="print JSON instead of a table")
    st.add_argument("--data-dir", type=Path, default=None, help="folder with posts.csv etc.")
    st.set_defaults(func=cmd_datasets_stats)
    va = ds_sub.add_parser("validate", help="check posts.csv and comments.csv against the schema")
    va.add_argument("--data-dir", type=Path, default=None)
    va.set_defaults(func=cmd_datasets_validate)

    cb = sub.add_parser("codebook", help="render the printable codebook page (HTML)")
    cb.add_argument("--output", "-o", help="file to write (default: standard output)")
    cb.add_argument("--examples", type=int, default=2, help="corpus examples per label")
    cb.add_argument("--data-dir", type=Path, default=None)
    cb.add_argument("--force", action="store_true", help="replace an existing output file (never an input)")
    cb.set_defaults(func=cmd_codebook)

    cl = sub.add_parser("classify", help="label posts by dialogic principle (CSV or XLSX)")
    scrub_command.add_table_options(
        cl, row="post",
        output_help="CSV or XLSX to write: every input column plus label, confidence and needs_review, "
                    "every column scrubbed of personal data unless --keep-column")
    cl.set_defaults(func=cmd_classify)

    mt = sub.add_parser("maturity", help="estimate an account's open-government maturity level")
    mt.add_argument("--posts", required=True, help="posts CSV/XLSX in the canonical schema")
    mt.add_argument("--comments", required=True, help="comments CSV/XLSX in the canonical schema")
    mt.add_argument("--account", required=True, help="the account to assess")
    mt.add_argument("--survey", help="self-assessment answers (JSON or YAML)")
    mt.add_argument("--format", choices=["json", "html"], default="json")
    mt.add_argument("--output", "-o", help="file to write (default: standard output)")
    mt.add_argument("--force", action="store_true", help="replace an existing output file (never an input)")
    mt.set_defaults(func=cmd_maturity)

    sc = sub.add_parser("scenarios", help="module 3: issue and crisis scenarios")
    sc_sub = sc.add_subparsers(dest="action", metavar="ACTION", required=True)
    sl = sc_sub.add_parser("list", help="list the scenarios (id and title)")
    sl.add_argument("--json", action="store_true", help="print JSON instead of a table")
    sl.set_defaults(func=cmd_scenarios)

    tr = sub.add_parser("triage", help="triage incoming comments (CSV or XLSX)")
    scrub_command.add_table_options(
        tr, row="comment",
        output_help="CSV or XLSX to write: every input column plus triage, action, confidence and "
                    "needs_review, every column scrubbed of personal data unless --keep-column")
    tr.set_defaults(func=cmd_triage)
    scrub_command.register(sub)

    pl = sub.add_parser("plan", help="module 3: response plans (YAML)")
    pl_sub = pl.add_subparsers(dest="action", metavar="ACTION", required=True)
    pv = pl_sub.add_parser("validate", help="check a plan; exit 0 if sound, 1 with every problem")
    pv.add_argument("file", help="plan file (YAML)")
    pv.set_defaults(func=cmd_plan)
    pn = pl_sub.add_parser("new", help="write a skeleton plan for a scenario")
    pn.add_argument("--scenario", required=True, help="scenario id (see: humaskit scenarios list)")
    pn.add_argument("--output", "-o", required=True, help="YAML file to write")
    pn.add_argument("--force", action="store_true", help="replace an existing output file (never an input)")
    pn.set_defaults(func=cmd_plan)
    pe = pl_sub.add_parser("export", help="export a plan as a memo (Word or Markdown)")
    pe.add_argument("file", help="plan file (YAML)")
    pe.add_argument("--format", choices=["docx", "md"], required=True)
    pe.add_argument("--output", "-o", required=True, help="file to write")
    pe.add_argument("--draft", action="store_true",
                    help="export even if the plan does not validate, marked as a draft")
    pe.add_argument("--force", action="store_true", help="replace an existing output file (never an input)")
    pe.set_defaults(func=cmd_plan)

    from humaskit.course import assignment_actions

    asg = sub.add_parser("assignments", help="nbgrader: generate, check, verify, release, validate")
    asg.add_argument("action",
                     choices=["generate", "check", "verify", "release", "validate",
                              *assignment_actions.ACTIONS],
                     help="generate student versions; check they match and leak nothing; verify "
                          "that blank earns 0 and the solution all; release to an exchange; validate "
                          "a trainee's notebook like the Validate button, explained in Indonesian; "
                          "bundle the trainees' distribution (no keys); write a cohort variant")
    asg.add_argument("assignment", nargs="*",
                     help="assignment ids (default: all); for `validate`, notebook files")
    asg.add_argument("--exchange", default="~/.humaskit/exchange",
                     help="exchange folder for `release` (default: ~/.humaskit/exchange)")
    asg.add_argument("--assignment-dir", default=None,
                     help="for `release`: where the Assignments tab puts fetched assignments "
                          "(default: JupyterLab's root folder)")
    assignment_actions.add_arguments(asg)
    asg.set_defaults(func=cmd_assignments)

    lb = sub.add_parser("lab", help="JupyterLab for trainees: settings and the working folder")
    lb_sub = lb.add_subparsers(dest="lab_command", required=True)
    ls_ = lb_sub.add_parser("setup", help="install the trainee settings into this environment (no "
                                          "news pop-up, no formgrader); optionally fill a working folder")
    ls_.add_argument("--prefix", default=None, help="environment prefix (default: this Python's sys.prefix)")
    ls_.add_argument("--workspace", default=None,
                     help="working folder to receive copies of modules/ and assignments/ (never "
                          "overwriting a trainee's change)")
    ls_.add_argument("--root", default=None, help="the kit's folder (default: this clone)")
    ls_.set_defaults(func=cmd_lab_setup)
    lw = lb_sub.add_parser("workspace", help="only fill a working folder with copies of modules/ and "
                                             "assignments/ (e.g. per user on JupyterHub)")
    lw.add_argument("folder", help="the working folder, e.g. ~/kerja")
    lw.add_argument("--root", default=None, help="the kit's folder (default: this clone)")
    lw.set_defaults(func=cmd_lab_workspace)
    lt = lb_sub.add_parser("trainer-config", help="print the Jupyter config folder that re-enables the "
                                                  "formgrader (put it first on JUPYTER_CONFIG_PATH)")
    lt.set_defaults(func=cmd_lab_trainer_config)

    from humaskit.importers import command as import_command  # humaskit import FILE...
    import_command.register(sub)
    from humaskit.workshop import command as workshop_command  # the workshop server's own parser
    workshop_command.register(sub)
    from humaskit.trainer import command as trainer_command  # the trainer's grading cycle

    trainer_command.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except DataError as exc:
        print(f"Kesalahan data: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"File tidak ditemukan: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into head or less, which stopped reading
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
