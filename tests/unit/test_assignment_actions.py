"""`humaskit assignments bundle` and `variant`: a user's mistakes end in an Indonesian message
(exit 2), and nothing is written into the repository or over existing files."""

from __future__ import annotations

from support import ROOT, run_cli


def test_both_actions_need_a_target_folder():
    for action in ("bundle", "variant"):
        r = run_cli("assignments", action)
        assert r.returncode == 2 and "Sebutkan folder tujuan" in r.stderr and "Traceback" not in r.stderr


def test_a_variant_needs_a_seed(tmp_path):
    r = run_cli("assignments", "variant", "--out", tmp_path / "varian")
    assert r.returncode == 2 and "Sebutkan nomor varian" in r.stderr
    assert not (tmp_path / "varian").exists()


def test_no_target_inside_the_repository(tmp_path):
    for action, extra in (("bundle", []), ("variant", ["--seed", "3"])):
        r = run_cli("assignments", action, "--out", ROOT / "salinan-peserta", *extra)
        assert r.returncode == 2 and "di dalam repositori" in r.stderr, r.stderr
    assert not (ROOT / "salinan-peserta").exists()


def test_no_target_that_already_holds_files(tmp_path):
    (tmp_path / "milik-pelatih.txt").write_text("nilai angkatan 1", encoding="utf-8")
    for action, extra in (("bundle", []), ("variant", ["--seed", "3"])):
        r = run_cli("assignments", action, "--out", tmp_path, *extra)
        assert r.returncode == 2 and "sudah berisi file" in r.stderr, r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["milik-pelatih.txt"]
