"""The module-3 commands as a trainee runs them: exit codes, files, Indonesian messages."""

import json

import pandas as pd
from support import run_cli as run


def test_scenarios_list_json():
    r = run("scenarios", "list", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert len(rows) >= 8 and all(row["id"] and row["title"] for row in rows)


def test_triage_adds_triage_and_action_and_scrubs(tmp_path):
    src = tmp_path / "komentar.xlsx"
    pd.DataFrame({"username": ["@andi_w", "@budi"],
                  "isi": ["makasih min infonya sangat membantu 🙏", "NIK saya 3374011203990001 kok blm cair"],
                  }).to_excel(src, index=False)
    r = run("triage", str(src), "--text-column", "isi", "--output", str(tmp_path / "hasil.csv"))
    assert r.returncode == 0, r.stderr
    out = pd.read_csv(tmp_path / "hasil.csv")
    assert list(out.columns) == ["username", "isi", "triage", "action", "confidence", "needs_review"]
    assert out["triage"].iloc[0] == "positive"
    assert "3374011203990001" not in out["isi"].iloc[1] and out["username"].str.startswith("warga_").all()
    assert "UU 27/2022" in r.stderr


def test_triage_bad_input_is_one_indonesian_sentence(tmp_path):
    src = tmp_path / "k.csv"
    src.write_text("teks\nhalo\n", encoding="utf-8")
    r = run("triage", str(src), "--text-column", "isi", "--output", str(tmp_path / "o.csv"))
    assert r.returncode == 2 and "'isi' tidak ada" in r.stderr and "Traceback" not in r.stderr
    r = run("triage", str(src), "--text-column", "teks", "--output", str(src))
    assert r.returncode == 2 and "tidak tertimpa" in r.stderr
    assert src.read_text(encoding="utf-8") == "teks\nhalo\n"


def test_plan_new_validate_export_cycle(tmp_path):
    plan = tmp_path / "rencana.yaml"
    r = run("plan", "new", "--scenario", "hoaks-bansos", "--output", str(plan))
    assert r.returncode == 0 and plan.exists()
    r = run("plan", "validate", str(plan))
    assert r.returncode == 1 and "belum lolos" in r.stdout and r.stdout.count("\n- [") > 20
    r = run("plan", "new", "--scenario", "hoaks-bansos", "--output", str(plan))
    assert r.returncode == 2 and "tidak akan ditimpa" in r.stderr
    r = run("plan", "export", str(plan), "--format", "docx", "--output", str(tmp_path / "n.docx"))
    assert r.returncode == 1 and not (tmp_path / "n.docx").exists() and "--draft" in r.stderr
    r = run("plan", "export", str(plan), "--format", "docx", "--output", str(tmp_path / "n.docx"), "--draft")
    assert r.returncode == 0 and (tmp_path / "n.docx").stat().st_size > 10_000


def test_plan_errors(tmp_path):
    r = run("plan", "new", "--scenario", "tidak-ada", "--output", str(tmp_path / "x.yaml"))
    assert r.returncode == 2 and "Pilihan:" in r.stderr
    bad = tmp_path / "rusak.yaml"
    bad.write_text("title: 'tidak ditutup\n", encoding="utf-8")
    r = run("plan", "validate", str(bad))
    assert r.returncode == 2 and "YAML tidak sah" in r.stderr and "Traceback" not in r.stderr
    r = run("plan", "validate", str(tmp_path / "tidak-ada.yaml"))
    assert r.returncode == 2 and "tidak ditemukan" in r.stderr
