"""Bring your own data: the panel's path (upload -> import -> scrub -> a module's view) on the
kit's sample export and the test samples, as a trainee's click would run it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from humaskit.core.errors import DataError
from humaskit.ui.widgets import own_data

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def test_the_sample_goes_through_every_module_view(tmp_path):
    data = own_data.import_sample(tmp_path)
    assert data.account == "bpbdtirtamaya" and len(data.posts) == 61 and len(data.comments) == 299
    assert str(data.posts["created_at"].dt.tz) == "WIB"
    assert not (data.comments["author"].str.match(r"^(sari|budi|dewi|agus|rina|eko|fitri|joko|nur|yuni)_")
                .any())  # citizens' handles pseudonymised
    assert any("Data pribadi disamarkan" in line for line in data.lines)
    coded = own_data.module1_view(data)
    assert coded["label_model"].notna().all()
    result = own_data.module2_view(data)
    assert result["evidence"]["posts"] == 61 and 1 <= result["level"] <= 5
    triaged = own_data.module3_view(data)
    assert len(triaged) == int((data.comments["author_role"] == "citizen").sum())
    assert list(tmp_path.iterdir()) == [tmp_path / ".humaskit-salt"]  # the sample writes nothing else


def test_panel_imports_uploaded_files_into_a_new_folder_each_time(tmp_path):
    box = own_data.panel(3, tmp_path)
    files = [SAMPLES / "instagram-graph-media.json", SAMPLES / "instagram-graph-comments.json"]
    first = box.run(files, "dinkessukamaju")
    assert first is not None and first.folder == tmp_path / "data-saya"
    assert "Instagram Graph API" in box.message.value and "4 komentar" in box.message.value
    assert not (tmp_path / "data-saya" / "laporan_dinkessukamaju.html").exists()  # module 3: no report
    second = box.run(files, "@dinkessukamaju")
    assert second.folder == tmp_path / "data-saya-2"  # the first import is never overwritten
    assert (tmp_path / "data-saya" / "posts.csv").exists()


def test_panel_explains_what_is_missing(tmp_path):
    box = own_data.panel(1, tmp_path)
    assert box.run([], "akun") is None and "Pilih file ekspor" in box.message.value
    assert box.run([SAMPLES / "x-api-v2.json"], " ") is None and "akun instansi" in box.message.value
    csv = tmp_path / "tabel.csv"
    shutil.copy(SAMPLES / "mapped-posts.csv", csv)
    assert box.run([csv], "pemkab") is None and "tidak dikenali" in box.message.value
    typed = "post_id=ID Unggahan, created_at=Tanggal\ntext=Isi\nplatform=facebook"
    data = box.run([csv], "pemkab", None, typed)
    assert data is not None and len(data.posts) == 3


def test_mapping_text_and_views_without_data(tmp_path):
    assert own_data.mapping_from_text("  \n") is None
    assert own_data.mapping_from_text("text=Isi, post_id=ID") == {"tables": [{"text": "Isi",
                                                                              "post_id": "ID"}]}
    with pytest.raises(DataError):
        own_data.mapping_from_text("isi")
    data = own_data.import_own([SAMPLES / "instagram-dyi-posts_1.json"], "dinkessukamaju", tmp_path,
                               save=False)
    with pytest.raises(DataError, match="komentar warga"):
        own_data.module3_view(data)


def test_module_two_panel_writes_the_report_beside_the_import(tmp_path):
    box = own_data.panel(2, tmp_path, survey=None)
    data = box.run([SAMPLES / "x-api-v2.json", SAMPLES / "tweet-harvest.csv"], "pemkablembahhijau")
    assert data is not None
    page = (tmp_path / "data-saya" / "laporan_pemkablembahhijau.html").read_text(encoding="utf-8")
    assert "<html" in page.lower() and "wargabudi88" not in page


def test_panel_fits_a_phone(tmp_path):
    import re

    import ipywidgets as w

    def walk(widget):
        yield widget
        for child in getattr(widget, "children", ()) or ():
            yield from walk(child)

    box = own_data.panel(1, tmp_path)
    for widget in walk(box):
        width = widget.layout.width or ""
        assert width in ("", "auto", "100%") or re.fullmatch(r"[\d.]+em", width), type(widget).__name__
        if isinstance(widget, w.Button | w.FileUpload):
            assert width == "auto", "a button's text would be cut at 148 px"
    assert box.mapping.layout.height == "7em" and box.account.layout.width == "100%"
