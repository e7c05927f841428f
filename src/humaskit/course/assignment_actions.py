"""`humaskit assignments bundle` and `humaskit assignments variant`: the trainer's actions that keep
keys out of the trainees' reach (their arguments and handlers; cli.py only hooks them in)."""

from __future__ import annotations

import argparse
from pathlib import Path

ACTIONS = ("bundle",)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the two actions, on the `assignments` parser."""
    parser.add_argument("--out", default=None,
                        help="for `bundle` and `variant`: a new folder to write (nothing is overwritten)")
    parser.add_argument("--branch", default=None,
                        help="for `bundle`: also commit the distribution as the next commit of this git "
                             "branch (e.g. peserta), which Binder and nbgitpuller use")
    parser.add_argument("--seed", type=int, default=None,
                        help="for `variant`: the cohort's number; the same seed gives the same variant")


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
    raise AssertionError(args.action)
