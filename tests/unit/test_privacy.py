import random

import pandas as pd
import pytest

from humaskit.core import privacy
from humaskit.data import contacts


def test_scrub_text_replaces_identifiers_and_pseudonymises_handles(mini_dir):
    text = ("hubungi saya 0812-3456-7890 / +62 813 1111 2222, NIK 3374011203990001, "
            "email budi.s@gmail.com, npwp 12.345.678.9-012.345, @budi_s, @kppsukamaju. "
            "Call center 112 dan (0291) 555-0147, layanan@kpppratamasukamaju.go.id")
    assert privacy.scrub_text(text).count("555-0147") == 1  # a landline is never a mobile number
    assert "@kppsukamaju" not in privacy.scrub_text(text)  # handles are kept only when allowed
    out = privacy.scrub_text(text, contacts.official(mini_dir))
    for secret in ("0812-3456-7890", "813 1111 2222", "3374011203990001", "budi.s@gmail.com",
                   "12.345.678.9-012.345", "@budi_s"):
        assert secret not in out
    assert out.count("[nomor HP disamarkan]") == 2 and "[NIK disamarkan]" in out
    assert "@" + privacy.pseudonym("budi_s") in out
    # official channels stay readable
    assert "@kppsukamaju" in out and "112" in out and "(0291) 555-0147" in out
    assert "layanan@kpppratamasukamaju.go.id" in out


def test_privacy_reads_no_files_and_the_allowlist_follows_the_data_folder(tmp_path, mini_dir):
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(privacy))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not any(m and m.startswith("humaskit") for m in imported)
    assert contacts.official(tmp_path) == privacy.Allowlist()  # an empty folder has no contacts
    assert "kppsukamaju" in contacts.official(mini_dir).handles


def test_pseudonym_is_stable_and_case_insensitive():
    assert privacy.pseudonym("@Budi") == privacy.pseudonym("budi") != privacy.pseudonym("budi2")
    assert privacy.pseudonym("x").startswith("warga_")


def test_scrub_frame_counts_and_keeps_missing_values():
    df = pd.DataFrame({"username": ["@andi", None, "warga_12345678"],
                       "teks": ["wa saya 081234567890", None, "terima kasih"]})
    out, changed = privacy.scrub_frame(df, ["teks"])
    assert out["username"].iloc[0] == privacy.pseudonym("andi")
    assert pd.isna(out["username"].iloc[1]) and out["username"].iloc[2] == "warga_12345678"
    assert out["teks"].iloc[0] == "wa saya [nomor HP disamarkan]" and pd.isna(out["teks"].iloc[1])
    assert changed == {"identifiers": 1, "handles": 1}
    assert df["username"].iloc[0] == "@andi"  # the input frame is not modified


def test_a_long_cell_is_scrubbed_to_its_very_end():
    filler = "warga menunggu antrean di kantor kecamatan sejak pagi " * 40_000  # about 2 MB
    cell = f"wa 081234567890 {filler} email budi.s@gmail.com {filler} @budi_s nik 3374011203990001"
    out, changed = privacy.scrub_frame(pd.DataFrame({"teks": [cell]}), ["teks"], contacts.official())
    text = out["teks"].iloc[0]
    assert changed["identifiers"] == 3
    assert text.startswith("wa [nomor HP disamarkan] warga") and "[email disamarkan]" in text
    assert text.endswith(f"@{privacy.pseudonym('budi_s')} nik [NIK disamarkan]")


@pytest.mark.parametrize("cell, found", [
    ("x" * 1_000_000 + "@gmail.com", [("email", 0, 1_000_010)]),
    ("1" * 1_000_000, []),
    ("1." * 500_000, []),
    ("x@" + "b" * 1_000_000, []),
    ((" 08" + "1" * 28) * 30_000, []),
    ((" 0812 " + "1" * 30) * 30_000, []),
    ("hubungi 081234567890 ya " * 40_000, [("hp", 24 * i + 8, 24 * i + 20) for i in range(40_000)]),
])
def test_long_runs_of_word_characters_digits_or_numbers_are_scanned_in_linear_time(cell, found):
    # Each of these took the e-mail or mobile expression minutes to hours at this length before
    # (every character restarted a scan of the rest of the run); timings are in the benchmark.
    assert privacy.find_identifiers(cell) == found


def test_the_linear_email_search_finds_what_the_plain_expression_finds_and_the_quick_test_skips_nothing():
    rng = random.Random(0)
    pieces = ["08", "+62 8", "628", "0-8", "x", "@", "a.b", ".", "-", " ", "+", "12", "1" * 5, "7" * 21,
              "9" * 24, "@g.co", ".go.id", "\u0663\u0664", "\n", "B", "Saya", " at ", "[dot]", "IG:",
              "nama", "\u00a0", "\uff10\uff18", "(", ")", "/", "_"]
    for _ in range(20_000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in privacy._emails(t)] == [m.span() for m in privacy._EMAIL.finditer(t)]
        n, _ = privacy.normalise(t)
        # the quick tests never skip a text with something in it
        assert privacy._find(n, privacy.NOTHING, quick=True) == privacy._find(n, privacy.NOTHING), t
    # an address that starts right where the previous one ended
    assert [m.group(0) for m in privacy._emails("a@b.c.+x@y.z")] == ["a@b.c", ".+x@y.z"]


def test_scrub_frame_counts_and_scrubs_as_text_by_text(data_dir):
    comments = pd.read_csv(data_dir / "comments.csv")
    official = contacts.official(data_dir)
    out, changed = privacy.scrub_frame(comments, ["text"], official)
    texts = comments["text"].dropna()
    assert changed["identifiers"] == sum(len(privacy.find_identifiers(t, official)) for t in texts) > 100
    assert out["text"].dropna().tolist() == [privacy.scrub_text(t, official) for t in texts]
