"""Importers of real exports: each sample layout (tests/fixtures/imports, built from the public
documentation of each format) becomes canonical posts and comments, with every skipped or fixed
row reported, personal data scrubbed, and the result accepted by the kit's loaders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from humaskit import cli
from humaskit.core.errors import DataError
from humaskit.core.tables import read_table
from humaskit.data import corpus
from humaskit.importers import detect, import_files, pipeline, scrub, summary, tabular, write

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
X_ACCOUNT = "pemkablembahhijau"
IG_ACCOUNT = "dinkessukamaju"


def run(*names, account=X_ACCOUNT, **kw):
    return import_files([SAMPLES / n for n in names], account, **kw)


def skipped(imported, reason_part):
    return [place for reason, places in imported.report.skipped.items() if reason_part in reason
            for place in places]


def fixed(imported, reason_part):
    return [place for reason, places in imported.report.fixed.items() if reason_part in reason
            for place in places]


# ---------------------------------------------------------------------------------------------
# tweet-harvest


def test_tweet_harvest_posts_comments_and_reported_rows():
    got = run("tweet-harvest.csv")
    assert got.report.files == [("tweet-harvest.csv", "tweet-harvest", 9)]
    assert got.posts["post_id"].tolist() == ["1768260000000000001", "1768300000000000001"]
    first = got.posts.iloc[0]
    assert (first["platform"], first["media_type"], first["likes"], first["comments"], first["shares"]) == \
        ("x", "image", 41, 4, 19)  # shares = retweets + quotes
    assert pd.isna(first["views"]) and pd.isna(first["followers"])  # not reported: empty
    assert first["created_at"] == "2024-03-14T02:30:00+00:00"  # stored with its offset
    comments = got.comments.set_index("comment_id")
    assert comments.loc["1768260000000000003", "author_role"] == "agency"
    assert comments.loc["1768260000000000003", "kind"] == "agency_reply"
    assert comments.loc["1768260000000000002", "author_role"] == "citizen"
    assert not comments.loc["1768260000000000002", "text"].startswith("@")  # reply prefix dropped
    assert comments.loc["1768260000000000004", "created_at"] == "2024-03-14T04:10:00+00:00"  # legacy
    # every row not kept is reported with its line (the file has a blank line after line 4)
    assert skipped(got, "baris ganda") == [("tweet-harvest.csv", 7)]
    assert skipped(got, "bukan balasan") == [("tweet-harvest.csv", 9)]
    assert skipped(got, "induknya tidak ada") == [("tweet-harvest.csv", 10)]
    assert skipped(got, "waktu") == [("tweet-harvest.csv", 11)]
    assert got.report.rows_read == len(got.posts) + len(got.comments) + got.report.rows_skipped


def test_tweet_harvest_from_indonesian_excel_cp1252_semicolons_and_mangled_ids():
    got = run("tweet-harvest-excel-id.csv")
    assert any("Windows-1252" in n for n in got.report.notes)
    assert skipped(got, "jumlah kolom") == [("tweet-harvest-excel-id.csv", 6)]
    assert fixed(got, "tweet_url") == [("tweet-harvest-excel-id.csv", 3)]
    assert "1768260000000000002" in got.comments["comment_id"].tolist()  # recovered from the URL
    assert got.comments.set_index("comment_id").loc["1768260000000000004", "text"].startswith("Café")
    assert got.posts["created_at"].tolist() == ["2024-03-14T02:30:00+00:00"]  # day-first, UTC


@pytest.mark.parametrize("name", ["tweet-harvest-unicode.txt", "tweet-harvest.xlsx"])
def test_tweet_harvest_utf16_and_xlsx_with_serial_dates(name):
    got = run(name)
    assert got.report.files[0][1] == "tweet-harvest"
    assert len(got.posts) == 1 and len(got.comments) == 3
    assert got.posts["created_at"].tolist() == ["2024-03-14T02:30:00+00:00"]
    assert got.comments.sort_values("comment_id")["created_at"].tolist()[0] == "2024-03-14T03:05:12+00:00"


# ---------------------------------------------------------------------------------------------
# JSON exports


def test_x_api_v2():
    got = run("x-api-v2.json")
    assert got.report.files[0][1] == "x-api"
    post = got.posts.iloc[0]
    assert (post["media_type"], post["views"], post["followers"], post["shares"]) == ("carousel", 20311,
                                                                                     48210, 59)
    reply = got.comments.set_index("comment_id").loc["1790000000000000006"]
    assert (reply["author_role"], reply["parent_id"]) == ("agency", "1790000000000000005")
    assert skipped(got, "retweet") == [("x-api-v2.json", 4)]


def test_instagram_graph_media_with_nested_comments_and_comment_list():
    got = run("instagram-graph-media.json", "instagram-graph-comments.json", account=IG_ACCOUNT)
    assert [f[1] for f in got.report.files] == ["instagram-graph", "instagram-graph"]
    media = got.posts.set_index("post_id")["media_type"].to_dict()
    assert media == {"17895695668004550": "carousel", "17895695668004551": "video",
                     "17895695668004552": "image"}
    assert got.posts.set_index("post_id").loc["17895695668004552", "text"] == pipeline.PLACEHOLDER_TEXT
    assert fixed(got, "tanpa teks") == [("instagram-graph-media.json", 3)]
    reply = got.comments.set_index("comment_id").loc["18012345678901299"]
    assert (reply["parent_id"], reply["author_role"]) == ("18012345678901234", "agency")
    assert "18098765432100001" in set(got.comments["comment_id"])  # linked by its media field
    assert skipped(got, "field 'media'") == [("instagram-graph-comments.json", 2)]


def test_instagram_and_facebook_download_your_information():
    ig = run("instagram-dyi-posts_1.json", "instagram-dyi-post_comments_1.json", account=IG_ACCOUNT)
    assert ig.posts["media_type"].tolist() == ["image", "carousel", "video"]
    assert ig.posts["text"].iloc[0].endswith("Sobat Sehat!") and "👶" in ig.posts["text"].iloc[0]
    assert ig.posts["text"].iloc[2] == "Senam bersama di alun-alun, Minggu pagi 🏃"  # caption in media
    assert ig.posts[["likes", "views"]].isna().all().all()
    assert len(skipped(ig, "tidak menyebut unggahannya")) == 1 and ig.comments.empty
    fb = run("facebook-dyi-your_posts_1.json", "facebook-dyi-comments.json", account=IG_ACCOUNT)
    assert fb.posts["media_type"].tolist() == ["text", "link", "carousel"]
    assert "08.00–12.00" in fb.posts["text"].iloc[0]
    assert fb.posts["text"].iloc[2] == "Kerja bakti bersama warga"
    assert skipped(fb, "foto profil") == [("facebook-dyi-your_posts_1.json", 4)]


def test_youtube_videos_and_comment_threads():
    got = run("youtube-videos.json", "youtube-commentThreads.json")
    post = got.posts.iloc[0]
    assert (post["post_id"], post["views"], post["likes"], post["media_type"]) == ("dQw4abcdEfg", 5310,
                                                                                  121, "video")
    assert post["text"].startswith("Sosialisasi Pajak Kendaraan 2024\n\nPenjelasan")
    reply = got.comments.set_index("comment_id").loc["UgzThread1.R1"]
    assert (reply["author_role"], reply["parent_id"]) == ("agency", "UgzThread1")  # by channel id
    assert skipped(got, "induknya tidak ada") == [("youtube-commentThreads.json", 2)]


def test_format_is_detected_for_every_sample():
    from humaskit.importers import platforms

    expected = {"x-api-v2.json": "x-api", "instagram-graph-media.json": "instagram-graph",
                "instagram-graph-comments.json": "instagram-graph",
                "instagram-dyi-posts_1.json": "instagram-dyi",
                "instagram-dyi-post_comments_1.json": "instagram-dyi",
                "facebook-dyi-your_posts_1.json": "facebook-dyi",
                "facebook-dyi-comments.json": "facebook-dyi",
                "youtube-videos.json": "youtube", "youtube-commentThreads.json": "youtube"}
    for name, fmt in expected.items():
        assert detect(SAMPLES / name, platforms.load_json(SAMPLES / name)) == fmt, name
    for name in ("tweet-harvest.csv", "tweet-harvest.xlsx", "tweet-harvest-unicode.txt"):
        assert detect(SAMPLES / name, table=read_table(SAMPLES / name, lenient=True)) == "tweet-harvest"


def test_format_option_overrides_and_a_wrong_one_is_explained():
    with pytest.raises(DataError, match="untuk file tabel"):
        run("x-api-v2.json", fmt="tweet-harvest")
    with pytest.raises(DataError, match="tidak sesuai format|tidak ada 'items'"):
        run("x-api-v2.json", fmt="youtube")


# ---------------------------------------------------------------------------------------------
# Any table with a mapping


def test_mapped_table_from_yaml_and_from_pairs():
    from humaskit.core.files import parse_yaml

    spec = parse_yaml((SAMPLES / "mapped-posts.yaml").read_text(encoding="utf-8"), "mapped-posts.yaml")
    got = run("mapped-posts.csv", mapping=tabular.parse_mapping(spec=spec))
    posts = got.posts.set_index("post_id")
    assert posts["media_type"].to_dict() == {"fb-001": "image", "fb-002": "text", "fb-003": "carousel"}
    assert posts.loc["fb-001", "likes"] == 1204  # "1.204", Indonesian thousands
    assert pd.isna(posts.loc["fb-003", "likes"]) and fixed(got, "'likes'") == [("mapped-posts.csv", 4)]
    assert posts.loc["fb-001", "created_at"] == "2024-06-03T08:30:00+07:00"  # naive: WIB (YAML)
    assert posts.loc["fb-002", "created_at"] == "2024-06-04T09:00:00+08:00"  # its own offset kept
    assert posts.loc["fb-003", "created_at"] == "2024-06-04T12:00:00+07:00"  # Excel serial date
    pairs = ["post_id=ID Unggahan", "created_at=Tanggal", "text=Isi", "platform=fb"]
    by_pairs = run("mapped-posts.csv", mapping=tabular.parse_mapping(pairs=pairs))
    assert by_pairs.posts["platform"].unique().tolist() == ["facebook"]
    assert by_pairs.posts["media_type"].unique().tolist() == ["text"]


def test_mapping_mistakes_are_explained():
    with pytest.raises(DataError, match="tidak dikenal"):
        tabular.parse_mapping(pairs=["isi=Isi"])
    with pytest.raises(DataError, match="kolom_kanonik=kolom_di_file"):
        tabular.parse_mapping(pairs=["text"])
    with pytest.raises(DataError, match="'Tidak Ada'"):
        run("mapped-posts.csv", mapping=tabular.parse_mapping(pairs=["post_id=Tidak Ada", "text=Isi",
                                                                     "created_at=Tanggal"]))
    with pytest.raises(DataError, match="platform"):
        run("mapped-posts.csv", mapping=tabular.parse_mapping(pairs=["post_id=ID Unggahan", "text=Isi",
                                                                     "created_at=Tanggal"]))
    with pytest.raises(DataError, match="tidak dikenali"):
        import_files([SAMPLES / "mapped-posts.csv"], X_ACCOUNT)  # no mapping, unknown columns


def test_posts_and_comments_tables_with_one_yaml_map(tmp_path):
    from humaskit.core.files import parse_yaml

    posts = tmp_path / "p.csv"
    posts.write_text("id,waktu,isi\np1,2024-01-01T08:00:00+07:00,Halo warga\n", encoding="utf-8")
    comments = tmp_path / "k.csv"
    comments.write_text("kid,pid,akun,waktu,isi\n"
                        "k1,p1,budi,2024-01-01T09:00:00+07:00,Min kapan buka?\n"
                        "k2,p1,@PemkabLembahHijau,2024-01-01T10:00:00+07:00,Jam 8 pagi kak\n"
                        "k3,p9,ani,2024-01-01T10:00:00+07:00,Salah unggahan\n", encoding="utf-8")
    spec = parse_yaml("platform: instagram\n"
                      "unggahan: {post_id: id, created_at: waktu, text: isi}\n"
                      "komentar: {comment_id: kid, post_id: pid, author: akun, created_at: waktu, "
                      "text: isi}\n", "peta.yaml")
    got = import_files([posts, comments], X_ACCOUNT, mapping=tabular.parse_mapping(spec=spec))
    assert got.posts["post_id"].tolist() == ["p1"]
    roles = got.comments.set_index("comment_id")[["author_role", "kind"]].to_dict("index")
    assert roles["k2"] == {"author_role": "agency", "kind": "agency_reply"}
    assert roles["k1"]["author_role"] == "citizen" and pd.isna(roles["k1"]["kind"])
    assert skipped(got, "induknya tidak ada") == [("k.csv", 4)]


# ---------------------------------------------------------------------------------------------
# Several files at once, duplicates, time zones


def test_several_files_are_merged_and_duplicates_across_files_reported():
    got = run("tweet-harvest.csv", "tweet-harvest-unicode.txt")
    assert len(got.posts) == 2 and len(got.comments) == 3
    duplicates = skipped(got, "baris ganda")
    assert ("tweet-harvest-unicode.txt", 2) in duplicates and len(duplicates) == 5


def test_mixed_time_zones_are_kept_and_loaded_in_wib(tmp_path):
    table = tmp_path / "campur.csv"
    table.write_text("id,waktu,isi\n"
                     "a,2024-01-01T08:00:00+07:00,WIB\n"
                     "b,2024-01-01T09:00:00+08:00,WITA\n"
                     "c,2024-01-01T01:00:00Z,UTC\n", encoding="utf-8")
    got = import_files([table], X_ACCOUNT, mapping=tabular.parse_mapping(
        pairs=["post_id=id", "created_at=waktu", "text=isi", "platform=x"]))
    assert got.posts.set_index("post_id")["created_at"].to_dict() == {
        "a": "2024-01-01T08:00:00+07:00", "b": "2024-01-01T09:00:00+08:00", "c": "2024-01-01T01:00:00+00:00"}
    loaded = corpus.validate_posts(got.posts, require_label=False)
    assert loaded["created_at"].dt.strftime("%H:%M%z").unique().tolist() == ["08:00+0700"]


# ---------------------------------------------------------------------------------------------
# Scrubbing and writing


def test_output_is_scrubbed_with_the_project_salt_and_keeps_the_agency(tmp_path):
    got = scrub(run("tweet-harvest.csv"), tmp_path, X_ACCOUNT)
    texts = " ".join(got.comments["text"])
    assert "3201234567890123" not in texts and "0812-3456-7890" not in texts
    assert "siti.aminah@example.com" not in texts
    authors = set(got.comments["author"])
    assert X_ACCOUNT in authors and "wargabudi88" not in authors and "sitiaminah_" not in authors
    assert (tmp_path / ".humaskit-salt").exists()
    assert got.report.scrubbed == {"nik": 1, "hp": 1, "email": 1, "handle": 2}
    assert got.posts["post_id"].tolist() == ["1768260000000000001", "1768300000000000001"]  # ids kept
    again = scrub(run("tweet-harvest.csv"), tmp_path, X_ACCOUNT)
    assert again.comments["author"].tolist() == got.comments["author"].tolist()  # threads stay linked
    other = scrub(run("tweet-harvest.csv"), tmp_path / "lain", X_ACCOUNT)
    assert other.comments["author"].tolist() != got.comments["author"].tolist()  # salt per project


def test_written_tables_load_with_the_kits_loaders_and_feed_module_two(tmp_path):
    from humaskit.maturity import levels

    got = scrub(run("x-api-v2.json", "tweet-harvest.csv"), tmp_path, X_ACCOUNT)
    posts_csv, comments_csv = write(got, tmp_path)
    posts = corpus.load_posts(posts_csv, require_label=False)
    comments = corpus.load_comments(comments_csv, posts=posts, require_kind=False)
    assert len(posts) == 3 and posts["views"].isna().sum() == 2 and str(posts["views"].dtype) == "Int64"
    assert str(posts["created_at"].dt.tz) == "WIB"
    result = levels.estimate(posts, comments, X_ACCOUNT)
    assert result["evidence"]["posts"] == 3 and result["evidence"]["needs_answer"] == 1  # "... D3 bisa ikut?"
    with pytest.raises(DataError, match="sudah ada"):
        write(got, tmp_path)
    write(got, tmp_path, force=True)


def test_summary_reports_counts_reasons_rows_and_never_values(tmp_path):
    got = scrub(run("tweet-harvest.csv"), tmp_path, X_ACCOUNT)
    text = "\n".join(summary(got, [tmp_path / "posts.csv"]))
    assert "Total 9 baris dibaca: 2 unggahan, 3 komentar (1 balasan instansi), 4 baris dilewati." in text
    assert "Dilewati 1: baris ganda (comment_id sudah ada) (baris 7)." in text
    assert "NIK/KK 1" in text and "nomor HP 1" in text and "email 1" in text
    assert "3201234567890123" not in text and "wargabudi88" not in text
    assert "Tidak dilaporkan platform (dibiarkan kosong): views, followers." in text


# ---------------------------------------------------------------------------------------------
# The command


def test_command_writes_both_tables_and_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "hasil"
    args = ["import", str(SAMPLES / "x-api-v2.json"), str(SAMPLES / "tweet-harvest.csv"), "--account",
            "@PemkabLembahHijau", "--out", str(out), "-q"]
    assert cli.main(args) == 0
    printed = capsys.readouterr().out
    assert "3 unggahan" in printed and "Ditulis:" in printed
    assert (out / "posts.csv").exists() and (out / "comments.csv").exists()
    assert cli.main(args) == 2
    assert "sudah ada" in capsys.readouterr().err
    assert cli.main([*args, "--force"]) == 0


def test_command_column_mapping_and_errors(tmp_path, capsys):
    sample = tmp_path / "data.csv"
    shutil.copy(SAMPLES / "mapped-posts.csv", sample)
    code = cli.main(["import", str(sample), "--account", "x1", "--out", str(tmp_path / "o"), "-q",
                     "--column", "post_id=ID Unggahan", "--column", "created_at=Tanggal",
                     "--column", "text=Isi", "--column", "platform=facebook"])
    assert code == 0 and "3 unggahan" in capsys.readouterr().out
    assert cli.main(["import", str(tmp_path / "tidak-ada.csv"), "--account", "x1", "--out",
                     str(tmp_path / "o2")]) == 2
    assert "tidak ditemukan" in capsys.readouterr().err
    assert cli.main(["import", str(sample), "--account", "x1", "--out", str(tmp_path / "o3")]) == 2
    assert "--column" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# Loaders accept what real files hold, and still refuse what is wrong


def _post(**over):
    row = {"post_id": "p1", "account": "a", "platform": "instagram",
           "created_at": "2024-01-01T08:00:00+07:00",
           "text": "t", "media_type": "image", "likes": "1", "comments": "0", "shares": "0", "views": "5",
           "followers": "10"}
    return pd.DataFrame([{**row, **over}])


@pytest.mark.parametrize("word,expected", [("photo", "image"), ("IMAGE", "image"),
                                           ("CAROUSEL_ALBUM", "carousel"), ("REELS", "video"),
                                           ("animated_gif", "video"), ("Video", "video")])
def test_loaders_accept_platform_media_words(word, expected):
    assert corpus.validate_posts(_post(media_type=word), require_label=False)["media_type"][0] == expected


def test_loaders_accept_empty_optional_counts_and_keep_int64_otherwise():
    df = corpus.validate_posts(_post(views=None), require_label=False)
    assert pd.isna(df["views"][0]) and str(df["views"].dtype) == "Int64"
    assert str(corpus.validate_posts(_post(), require_label=False)["views"].dtype) == "int64"
    assert corpus.validate_posts(_post(platform="Twitter"), require_label=False)["platform"][0] == "x"
    for bad in ({"views": "-1"}, {"likes": "banyak"}, {"media_type": "hologram"}, {"likes": "1.5"}):
        with pytest.raises(DataError):
            corpus.validate_posts(_post(**bad), require_label=False)


def test_shipped_corpus_still_validates():
    posts = corpus.load_posts()
    assert str(posts["likes"].dtype) == "int64" and posts["views"].notna().all()
    corpus.load_comments(posts=posts)


def test_progress_bar_on_a_large_file(tmp_path, capsys):
    rows = [",".join(tabular.TWEET_HARVEST_COLUMNS)]
    for i in range(6000):  # the bar shows from 5,000 rows
        conv = 1000 + (i // 10) * 10
        user = X_ACCOUNT if i % 10 == 0 else f"warga{i}"
        rows.append(f"{conv},2024-03-14T02:30:{i % 60:02d}.000Z,0,teks {i},{conv + i % 10},,"
                    f"{'' if i % 10 == 0 else X_ACCOUNT},in,,0,0,0,,1,{user}")
    source = tmp_path / "besar.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    got = import_files([source], X_ACCOUNT, progress=True)
    assert (len(got.posts), len(got.comments)) == (600, 5400)
    assert "baris" in capsys.readouterr().err  # tqdm's bar, on standard error


def test_workbook_formula_scan(tmp_path):
    from openpyxl import Workbook

    from humaskit.core.tables import _has_formulas

    assert not _has_formulas(SAMPLES / "tweet-harvest.xlsx")
    book = Workbook()
    book.active.append(["a", "b"])
    book.active.append([1, "=A2*2"])
    book.save(tmp_path / "rumus.xlsx")
    assert _has_formulas(tmp_path / "rumus.xlsx")
    (tmp_path / "rusak.xlsx").write_bytes(b"PK\x03\x04 bukan zip")
    assert _has_formulas(tmp_path / "rusak.xlsx")  # unreadable: the full check decides
