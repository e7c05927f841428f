"""``humaskit trainer ...``: the trainer's grading cycle on a course folder (see course.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from humaskit.core.errors import DataError


def register(subparsers) -> None:
    tr = subparsers.add_parser("trainer", help="siklus penilaian pelatih: init, release, collect, "
                                                "autograde, feedback, export, sandbox")
    acts = tr.add_subparsers(dest="trainer_action", required=True)

    p = acts.add_parser("init", help="buat folder kursus (di luar repositori) dari solutions/ kit")
    p.add_argument("folder")
    p.add_argument("--db-url", help="gradebook di PostgreSQL, mis. postgresql+psycopg://user:pw@host/db")
    p.add_argument("--user", default="humaskit-grader",
                   help="pengguna tanpa hak yang menjalankan kernel penilaian ('' = diri sendiri)")
    p.add_argument("--cell-timeout", type=int, default=30)
    p.add_argument("--notebook-timeout", type=int, default=50)
    p.add_argument("--assignment", action="append", help="hanya tugas ini (boleh diulang; bawaan: semua)")
    p.add_argument("--solutions", help="folder solutions/ sumber, mis. ../varian-7/solutions (bawaan: "
                                       "solutions/ kit ini)")

    p = acts.add_parser("update", help="salin soal yang berubah dari solutions/ kit (gradebook dan soal lama "
                                       "dicadangkan dulu)")
    p.add_argument("folder")
    p.add_argument("--solutions", help="folder solutions/ sumber (bawaan: solutions/ kit ini)")

    p = acts.add_parser("sandbox", help="buat pengguna penilai tanpa hak (perlu root)")
    p.add_argument("--user", default="humaskit-grader")
    p.add_argument("--allow-python", action="store_true",
                   help="izinkan pengguna penilai masuk (o+x, tanpa melihat isi) ke folder yang "
                        "menyembunyikan Python dan kit, mis. /root bila Python ada di /root/.pyenv")

    p = acts.add_parser("release", help="terbitkan versi peserta ke exchange nbgrader")
    p.add_argument("folder")
    p.add_argument("--exchange", required=True)

    p = acts.add_parser("collect", help="kumpulkan dari folder atau zip LMS/e-mail (nbgrader zip_collect)")
    p.add_argument("folder")
    p.add_argument("assignment")
    p.add_argument("source", help="file .zip atau folder berisi satu folder per peserta")

    p = acts.add_parser("autograde", help="nilai otomatis semua kiriman satu tugas")
    p.add_argument("folder")
    p.add_argument("assignment")
    p.add_argument("--student", action="append")
    p.add_argument("--jobs", type=int, default=2, help="berapa kiriman dinilai bersamaan (default 2)")

    p = acts.add_parser("feedback", help="umpan balik berbahasa Indonesia (HTML) tanpa tes tersembunyi")
    p.add_argument("folder")
    p.add_argument("assignment")

    p = acts.add_parser("export", help="tabel nilai CSV atau XLSX: satu kolom per bagian")
    p.add_argument("folder")
    p.add_argument("--output", required=True, help="nilai.csv atau nilai.xlsx")
    p.add_argument("--assignment", action="append")
    tr.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from humaskit.trainer import course

    action = args.trainer_action
    if action == "sandbox":
        import humaskit
        from humaskit.trainer import sandbox

        try:
            print(sandbox.ensure_user(args.user))
        except PermissionError as exc:
            raise DataError(str(exc)) from None
        if args.allow_python:
            for folder in sandbox.allow_python(args.user):
                print(f"{args.user} boleh masuk (tidak melihat isi) ke {folder}")
        blocked = sandbox.blocked_dirs(args.user, [Path(sys.executable), Path(humaskit.__file__).parent])
        if blocked:
            print(f"{args.user} belum bisa menjalankan Python kit: folder {', '.join(map(str, blocked))} "
                  "tertutup. Jalankan lagi dengan --allow-python, atau pasang kit di lingkungan yang "
                  "terbaca semua pengguna (mis. /opt).")
            return 1
        return 0
    folder = Path(args.folder).expanduser().resolve()
    if action == "init":
        source = Path(args.solutions).expanduser().resolve() if args.solutions else None
        ids = course.init(folder, solutions=source, db_url=args.db_url, user=args.user,
                          cell_timeout=args.cell_timeout, notebook_timeout=args.notebook_timeout,
                          only=args.assignment)
        print(f"Folder kursus dibuat: {folder} ({len(ids)} tugas: {', '.join(ids)}).")
        print("Versi peserta ada di release/. Langkah berikutnya: humaskit trainer release atau bagikan "
              "isi release/ lewat LMS.")
        return 0
    course.require_course(folder)
    if action == "update":
        changed, saved = course.update(folder, Path(args.solutions).expanduser().resolve()
                                       if args.solutions else None)
        if saved is not None:
            print(f"Gradebook dicadangkan lebih dulu: {saved}")
        print("Soal diperbarui: " + (", ".join(changed) if changed else "tidak ada yang berubah"))
        return 0
    if action == "release":
        exchange = Path(args.exchange).expanduser().resolve()
        exchange.mkdir(parents=True, exist_ok=True)
        for aid in course.assignment_ids(folder):
            result = course.nbgrader(["release_assignment", aid, "--force", f"--Exchange.root={exchange}",
                                      "--log-level=WARN"], cwd=folder)
            if result.returncode != 0:
                raise DataError(f"nbgrader release_assignment {aid} gagal:\n{result.stderr[-2000:]}")
        print(f"Diterbitkan ke {exchange}.")
        return 0
    if action == "collect":
        from humaskit.trainer.collect import collect

        got = collect(folder, args.assignment, Path(args.source))
        print(f"{len(got)} peserta terkumpul untuk {args.assignment}: " + ", ".join(got))
        return 0
    if action == "autograde":
        from humaskit.trainer.grade import autograde

        done = autograde(folder, args.assignment, args.student, jobs=args.jobs)
        failed = [s for s, ok in done.items() if not ok]
        print(f"Dinilai: {len(done) - len(failed)} dari {len(done)} kiriman."
              + (f" Gagal (lihat kolom catatan): {', '.join(failed)}" if failed else ""))
        return 1 if failed else 0
    if action == "feedback":
        feedback_dir = folder / "feedback"
        if feedback_dir.exists():
            course.backup_copy(feedback_dir, folder)
        result = course.nbgrader(["generate_feedback", args.assignment, "--force", "--log-level=WARN"],
                                 cwd=folder)
        if result.returncode != 0:
            raise DataError(f"nbgrader generate_feedback gagal:\n{result.stderr[-2000:]}")
        print(f"Umpan balik ada di {feedback_dir}/<peserta>/{args.assignment}/.")
        return 0
    if action == "export":
        from humaskit.trainer import export

        output = Path(args.output).expanduser()
        if output.suffix.lower() not in (".csv", ".xlsx"):
            raise DataError("nama file keluaran harus berakhiran .csv atau .xlsx.", file=str(output))
        frame = export.table(folder, args.assignment)
        export.write(frame, output)
        print(f"{len(frame)} baris nilai ditulis ke {output}.")
        return 0
    raise AssertionError(action)
