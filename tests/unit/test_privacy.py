import pandas as pd

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
