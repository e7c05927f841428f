import subprocess
import sys


def test_ruff_clean(root):
    r = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "scripts", "kit.py",
                        "nbgrader_config.py", "benchmarks"], cwd=root, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
