"""`humaskit assignments bundle` and `humaskit assignments variant`: the trainer's actions that keep
keys out of the trainees' reach (their arguments and handlers; cli.py only hooks them in)."""

from __future__ import annotations

import argparse
from pathlib import Path

ACTIONS = ("bundle", "variant")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the two actions, on the `assignments` parser."""
    parser.add_argument("--out", default=None,
                        help="for `bundle` and `variant`: a new folder to write (nothing is overwritten)")
    parser.add_argument("--branch", default=None,
                        help="for `bundle`: also commit the distribution as the next commit of this git "
                             "branch (e.g. peserta), which Binder and nbgitpuller use")
    parser.add_argument("--seed", type=int, default=None,
                        help="for `variant`: the cohort's number; the same seed gives the same variant")
    parser.add_argument("--no-verify", action="store_true",
                        help="for `variant`: skip grading each variant's blank and solution versions")


def release_root() -> Path:
    """Where `release` finds the student versions: the trainer's course, or a trainees'
    distribution (assignments/ only)."""
    from humaskit.core.errors import DataError
    from humaskit.core.paths import checkout_root, repo_root

    root = repo_root() or checkout_root()
    if root is None or not (root / "assignments").is_dir():
        raise DataError("Folder assignments/ tidak ditemukan: jalankan dari repositori kit atau distribusi "
                        "peserta.")
    return root


def run(args: argparse.Namespace) -> int:
    from humaskit.core.errors import DataError
    from humaskit.course import grading

    if not args.out:
        raise DataError(f"Sebutkan folder tujuan, misalnya: humaskit assignments {args.action} --out "
                        f"../{'humaskit-peserta' if args.action == 'bundle' else 'varian-angkatan-1'}")
    out = Path(args.out).expanduser()
    root = grading.course_root()
    if args.action == "bundle":
        from humaskit.course import distribution

        files = distribution.build(root, out)
        leaks = distribution.scan(out, distribution.all_keys(root))
        if leaks:
            print("\n".join(leaks))
            print(f"{len(leaks)} kebocoran: distribusi peserta di {out} TIDAK boleh dibagikan.")
            return 1
        print(f"Distribusi peserta ditulis ke {out}: {len(files)} file, tanpa solutions/, tes, dan "
              "kunci (diperiksa).")
        if args.branch:
            commit = distribution.commit_branch(root, out, args.branch)
            print(f"Cabang git '{args.branch}' sekarang di {commit[:12]}; dorong dengan: "
                  f"git push origin {args.branch}")
        return 0
    from humaskit.course import variants

    if args.seed is None:
        raise DataError("Sebutkan nomor varian, misalnya: humaskit assignments variant --seed 7 "
                        "--out ../varian-7")
    made = variants.write_course(root, out, args.seed)
    for aid, changes in made.items():
        print(f"{aid}: {'; '.join(changes) if changes else 'tidak berubah'}")
    print(f"Varian {args.seed} ditulis ke {out}: solutions/ (kunci, khusus pelatih) dan assignments/ "
          "(dibuat nbgrader).")
    if args.no_verify:
        return 0
    print("Memeriksa setiap tugas varian: versi kosong harus 0, kunci harus penuh (beberapa menit) ...",
          flush=True)
    failed = False
    for aid in made:
        for key, score in grading.verify(out, aid).items():
            ok = score.auto_score == 0 if score.student == "blank" else score.auto_score == score.auto_max
            failed |= not ok
            print(f"{aid} {key}: otomatis {score.auto_score:g}/{score.auto_max:g} {'OK' if ok else 'SALAH'}")
    return 1 if failed else 0
