import json

import pytest
from support import run_cli

from humaskit import __version__
from humaskit.cli import main


def test_help_and_version():
    r = run_cli("--help")
    assert r.returncode == 0 and "datasets" in r.stdout and "codebook" in r.stdout
    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"humaskit {__version__}"


def test_stats_json_has_the_contract_keys(mini_dir):
    r = run_cli("datasets", "stats", "--json", "--data-dir", mini_dir)
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    for key in ("posts", "comments", "agencies", "platforms", "labels", "gold_posts", "kappa", "alpha",
                "response_rate", "median_first_response_hours"):
        assert key in s
    assert sum(s["labels"].values()) == s["posts"]
    assert set(s["response_rate"]) == set(s["median_first_response_hours"])
    assert 0 < s["kappa"] <= 1 and 0 < s["alpha"] <= 1


def test_stats_table_is_indonesian(mini_dir):
    r = run_cli("datasets", "stats", "--data-dir", mini_dir)
    assert r.returncode == 0 and "unggahan" in r.stdout and "kappa" in r.stdout


def test_bad_data_dir_gives_message_not_traceback(tmp_path):
    (tmp_path / "posts.csv").write_bytes("post_id,text\n1,caf\xe9\n".encode("latin-1"))
    r = run_cli("datasets", "stats", "--data-dir", tmp_path)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and "UTF-8" in r.stderr
    r = run_cli("datasets", "validate", "--data-dir", tmp_path / "missing")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_codebook_written(tmp_path, mini_dir):
    out = tmp_path / "kode.html"
    assert main(["codebook", "--output", str(out), "--data-dir", str(mini_dir)]) == 0
    assert "Lingkar dialog" in out.read_text(encoding="utf-8")


def test_no_command_prints_help(capsys):
    assert main([]) == 0
    assert "usage" in capsys.readouterr().out


def test_unknown_subcommand_exits_2():
    with pytest.raises(SystemExit) as e:
        main(["frobnicate"])
    assert e.value.code == 2
