"""The `humaskit` command as a real process: the other CLI tests call humaskit.cli.main in-process,
so this one checks the module entry point, its exit codes and that errors reach the user as one
sentence on standard error, not a traceback."""

import subprocess
import sys

from humaskit import __version__


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "humaskit.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd)


def test_version_and_a_data_error_from_a_real_process(tmp_path):
    r = run("--version", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.strip() == f"humaskit {__version__}"
    assert r.stderr == ""
    (tmp_path / "posts.csv").write_bytes("post_id,text\n1,caf\xe9\n".encode("latin-1"))
    r = run("datasets", "stats", "--data-dir", tmp_path, cwd=tmp_path)
    assert r.returncode == 2 and "UTF-8" in r.stderr and "Kesalahan data" in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
