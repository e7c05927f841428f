"""Names written in lower case after "nama saya" / "saya", told from complaints that begin the same
way by the scrubber's word lists (src/humaskit/core/wordlists/)."""

import importlib.util
from pathlib import Path

import pytest

from humaskit.core import privacy

ROOT = Path(__file__).resolve().parents[2]
NAME = privacy.MARKERS["nama"]


@pytest.mark.parametrize(("text", "name"), [
    ("nama saya budi santoso mau tanya", "budi santoso"),
    ("saya siti dari rt 03", "siti"),
    ("nama sy dewi lestari, mohon dicek", "dewi lestari"),
    ("namaku ayu warga blok c", "ayu"),
    ("nama lengkap saya: rina sari tolong dicek", "rina sari"),
    ("NAMA SAYA paijo dari desa cibodas", "paijo"),  # not a given name, not a common word
    ("nama saya adalah tarmini pardede", "tarmini pardede"),
    ("siang min, saya kasmadi dari kampung baru", "kasmadi"),  # unknown, but introduced
    ("nama saya pak joko widodo", "joko widodo"),  # the form of address stays
])
def test_a_lower_case_name_is_masked(text, name):
    out = privacy.scrub_text(text)
    assert name not in out and NAME in out
    assert [k for k, _, _ in privacy.find_identifiers(text)] == ["nama"]


@pytest.mark.parametrize("text", [
    "nama saya hilang dari DTKS", "saya sudah lapor dari minggu lalu", "nama saya tidak terdaftar",
    "nama saya di ktp beda", "saya mau tanya soal bansos", "saya warga rt 04", "saya kecewa sekali",
    "nama saya sudah dihapus", "nama saya datanya salah", "saya menunduk, meratapi nasib",
    "saya resign dari kampus", "sayang, makan dulu", "lagi syuting di jakarta", "saya heran kenapa lama",
    "saya paijo mau tanya",  # an unknown word after a bare "saya", not introduced: left (a known limit)
])
def test_complaints_and_words_that_begin_like_saya_stay(text):
    assert privacy.scrub_text(text) == text


def test_scrubbing_a_masked_name_again_changes_nothing():
    once = privacy.scrub_text("nama saya budi santoso mau tanya")
    assert privacy.scrub_text(once) == once


def test_the_common_word_list_is_what_its_script_builds():
    spec = importlib.util.spec_from_file_location("build_common_words",
                                                  ROOT / "scripts" / "build_common_words.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == (ROOT / "src" / "humaskit" / "core" / "wordlists" / "kata_umum.txt").read_text(
        encoding="utf-8")


def test_the_word_lists_hold_no_given_name_as_a_common_word():
    common, function_words, given = privacy._lists()
    assert len(common) > 3000 and len(given) > 200 and function_words <= common
    assert not (given & common) - function_words  # only the hand list may hold a name-like word
