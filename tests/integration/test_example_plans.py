"""The shipped example plans (datasets/plans): one per scenario, each valid and exportable."""

import pytest
from support import run_cli as run

from humaskit.data import scenarios
from humaskit.response import plans


def test_one_valid_example_plan_per_scenario(data_dir):
    ids = {s["id"] for s in scenarios.list_scenarios()}
    files = {p.stem for p in (data_dir / "plans").glob("*.yaml")}
    assert ids <= files
    for sid in sorted(ids):
        plan = plans.load(data_dir / "plans" / f"{sid}.yaml")
        assert plans.validate(plan) == [], sid
        assert plan["scenario"] == sid


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_every_example_plan_validates_and_exports(tmp_path, data_dir, fmt):
    for path in sorted((data_dir / "plans").glob("*.yaml")):
        r = run("plan", "validate", str(path))
        assert r.returncode == 0, r.stdout
        out = tmp_path / f"{path.stem}.{fmt}"
        r = run("plan", "export", str(path), "--format", fmt, "--output", str(out))
        assert r.returncode == 0 and out.stat().st_size > 1000, r.stderr
