"""Build the synthetic PII set the privacy scrubber is measured on (tests/fixtures/pii/).

    python scripts/build_pii_set.py            write tests/fixtures/pii/pii_cases.csv and
                                               tests/fixtures/pii/pii_names_heldout.csv
    python scripts/build_pii_set.py --check    rebuild in memory and fail if a file differs

The second file is a separate, separately seeded held-out part (build_heldout): names written in
lower case after "nama saya" / "saya" with names and templates the scrubber's rule never saw, and
complaint phrases that start the same way (expect ``keep``). It was written after the rule, so
the rule was not tuned on it; the benchmark reports it apart from the main set.

Each case is one short comment in Indonesian, as citizens write to a government account, holding
exactly one target: a personal identifier written in a form it really takes (expect ``mask``) or
a harmless number the scrubber must leave alone (expect ``keep``). Columns: case_id, kind (nik,
kk, npwp, hp, email, handle, plat, nama; or the harmless kind: hotline, tollfree, date, time,
amount, regulation, rtrw, year, count, landline, code), form (how it is written), text, value
(the target exactly as it stands in the text), start, end (its place in the text), expect.

Every number is drawn from one generator seeded below, so the file is byte-for-byte reproducible.
All identifiers are synthetic: NIK/KK follow the real structure (province code, birth date) but
belong to no one; phone numbers and e-mail addresses are random; names are common Indonesian
given names in random pairs. See tests/fixtures/pii/DATASHEET.md.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "pii" / "pii_cases.csv"
SEED = 20261207
# The held-out names part (written after the lower-case name rule, never used to tune it).
HELDOUT_OUT = ROOT / "tests" / "fixtures" / "pii" / "pii_names_heldout.csv"
HELDOUT_SEED = 20261208
# A second held-out part, written after the rule was changed for the first one's misses (so the
# first is no longer held out); measured once, as written.
FRESH_OUT = ROOT / "tests" / "fixtures" / "pii" / "pii_names_fresh.csv"
FRESH_SEED = 20261209

PROVINCES = ["11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35",
             "36", "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76",
             "81", "82", "91", "94"]
GIVEN = ["Budi", "Siti", "Agus", "Dewi", "Joko", "Sri", "Rina", "Andi", "Yusuf", "Nur", "Wahyu",
         "Fitri", "Eko", "Ratna", "Hendra", "Lestari", "Bambang", "Putri", "Rudi", "Indah", "Dian",
         "Ahmad", "Kartika", "Slamet", "Wulan", "Taufik", "Maya", "Irfan", "Ayu", "Hadi"]
FAMILY = ["Santoso", "Aminah", "Wijaya", "Lestari", "Saputra", "Rahmawati", "Hidayat", "Susanti",
          "Pratama", "Nugroho", "Kurniawan", "Handayani", "Setiawan", "Purnomo", "Sari", "Siregar",
          "Nasution", "Simanjuntak", "Tanjung", "Lubis", "Harahap", "Gunawan", "Wibowo", "Utami"]
MOBILE_PREFIXES = ["0811", "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0851", "0855",
                   "0856", "0857", "0858", "0877", "0878", "0881", "0882", "0895", "0896", "0897",
                   "0898", "0899", "0831", "0832", "0838"]
DOMAINS = ["gmail.com", "yahoo.com", "yahoo.co.id", "hotmail.com", "outlook.com", "ymail.com"]
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
NBSP = "\u00a0"
EN_DASH = "\u2013"


def nik(r: random.Random) -> str:
    day = r.randint(1, 28) + (40 if r.random() < 0.5 else 0)
    return (r.choice(PROVINCES) + f"{r.randint(1, 79):02d}{r.randint(1, 40):02d}{day:02d}"
            f"{r.randint(1, 12):02d}{r.randint(50, 99) if r.random() < 0.6 else r.randint(0, 9):02d}"
            f"{r.randint(1, 2999):04d}")


def npwp15(r: random.Random) -> str:
    return f"{r.choice([1, 2, 3, 4, 7, 8, 9]):02d}" + "".join(str(r.randint(0, 9)) for _ in range(13))


def mobile(r: random.Random) -> str:
    return r.choice(MOBILE_PREFIXES) + "".join(str(r.randint(0, 9)) for _ in range(r.choice([7, 8, 8, 8])))


def groups(digits: str, sizes: list[int], sep: str) -> str:
    out, pos = [], 0
    for size in sizes:
        out.append(digits[pos:pos + size])
        pos += size
    if pos < len(digits):
        out.append(digits[pos:])
    return sep.join(out)


# ----------------------------------------------------------------------------------------------
# Identifier forms: (form name, function of a random generator -> the identifier as written)

NIK_FORMS: list[tuple[str, Callable[[random.Random], str]]] = [
    ("plain 16", lambda r: nik(r)),
    ("4-4-4-4 spaces", lambda r: groups(nik(r), [4, 4, 4], " ")),
    ("4-4-4-4 dots", lambda r: groups(nik(r), [4, 4, 4], ".")),
    ("4-4-4-4 dashes", lambda r: groups(nik(r), [4, 4, 4], "-")),
    ("6-6-4 spaces", lambda r: groups(nik(r), [6, 6], " ")),
    ("4-4-8 spaces", lambda r: groups(nik(r), [4, 4], " ")),
    ("4-4-8 dashes", lambda r: groups(nik(r), [4, 4], "-")),
    ("slashes", lambda r: groups(nik(r), [4, 4, 4], "/")),
    ("underscores", lambda r: groups(nik(r), [4, 4, 4], "_")),
    ("non-breaking spaces", lambda r: groups(nik(r), [4, 4, 4], NBSP)),
    ("en dashes", lambda r: groups(nik(r), [4, 4, 4], EN_DASH)),
    ("full-width digits", lambda r: nik(r).translate(FULLWIDTH)),
    ("2-2-2-6-4 spaces", lambda r: groups(nik(r), [2, 2, 2, 6], " ")),
]
NIK_TEXTS = ["NIK saya {}, kenapa belum terdaftar bansos?", "min tolong cek NIK.{} ya", "No.{} atas KTP saya",
             "nik: {} mohon dibantu", "KTP {} hilang, cara urus gimana?", "Data saya {} belum muncul di DTKS",
             "NIK {} sudah online belum min?", "ini NIK ibu saya {} tolong dicek", "{} itu NIK saya min",
             "Min, NIK.{} kok ditolak pas daftar?", "no ktp {} belum padan katanya"]
KK_FORMS = NIK_FORMS
KK_TEXTS = ["No KK {} belum terdaftar", "nomor kartu keluarga saya {} min", "KK: {} tolong dicek",
            "no. KK {} sudah diperbarui belum?", "KK {} nama anak saya belum masuk"]


def npwp_grouped(r: random.Random, dot: str, dash: str) -> str:
    d = npwp15(r)
    return f"{d[:2]}{dot}{d[2:5]}{dot}{d[5:8]}{dot}{d[8]}{dash}{d[9:12]}{dot}{d[12:]}"


NPWP_FORMS: list[tuple[str, Callable[[random.Random], str]]] = [
    ("dotted 15", lambda r: npwp_grouped(r, ".", "-")),
    ("all dotted 15", lambda r: npwp_grouped(r, ".", ".")),
    ("all dashed 15", lambda r: npwp_grouped(r, "-", "-")),
    ("plain 15", lambda r: npwp15(r)),
    ("16 digits (NIK as NPWP)", lambda r: nik(r)),
    ("16 digits with leading 0", lambda r: "0" + npwp15(r)),
]
NPWP_TEXTS = ["NPWP saya {} belum bisa lapor SPT", "npwp: {} kok tidak valid?", "NPWP {} sudah dipadankan",
              "min, NPWP {} masih aktif kah?", "npwp suami {} gimana cara cek"]
HP_FORMS: list[tuple[str, Callable[[random.Random], str]]] = [
    ("08 plain", lambda r: mobile(r)),
    ("08 dashes 4-4-4", lambda r: groups(mobile(r), [4, 4], "-")),
    ("08 spaces 4-4-4", lambda r: groups(mobile(r), [4, 4], " ")),
    ("08 dots 4-4-4", lambda r: groups(mobile(r), [4, 4], ".")),
    ("(0812) 3456 7897", lambda r: (lambda m: f"({m[:4]}) {m[4:8]} {m[8:]}")(mobile(r))),
    ("+62 812-3456-7890", lambda r: (lambda m: f"+62 {m[1:4]}-{m[4:8]}-{m[8:]}")(mobile(r))),
    ("+62 (812) 3456 7890", lambda r: (lambda m: f"+62 ({m[1:4]}) {m[4:8]} {m[8:]}")(mobile(r))),
    ("+62812 plain", lambda r: "+62" + mobile(r)[1:]),
    ("62812 plain", lambda r: "62" + mobile(r)[1:]),
    ("08 12 34 56 78 99 pairs", lambda r: " ".join(mobile(r)[i:i + 2] for i in range(0, 12, 2))),
    ("0812 - 3456 - 7890", lambda r: groups(mobile(r), [4, 4], " - ")),
    ("non-breaking spaces", lambda r: groups(mobile(r), [4, 4], NBSP)),
    ("full-width digits", lambda r: mobile(r).translate(FULLWIDTH)),
    ("en dashes", lambda r: groups(mobile(r), [4, 4], EN_DASH)),
    ("+62 0812 (wrong 0)", lambda r: "+62 " + groups(mobile(r), [4, 4], " ")),
]
HP_TEXTS = ["hubungi saya di {} ya min", "wa {} tolong dibalas", "no hp saya {} belum dapat sms", "WA: {}",
            "telp {} kalau ada info", "nomor saya {} sudah diblokir penipu", "CP {} (Pak RT)",
            "sms ke {} aja min", "yang nelpon pakai nomor {} itu resmi?", "hp{} min tolong", "Whatsapp {} ya"]
HP_GLUED = ["hp{}", "wa{}", "telp:{}", "HP.{}"]


def email(r: random.Random) -> tuple[str, str]:
    name = r.choice(GIVEN).lower() + r.choice(["", ".", "_"]) + r.choice(FAMILY).lower() + \
        r.choice(["", str(r.randint(1, 99)), str(r.randint(1970, 2005))])
    domain = r.choice(DOMAINS)
    user, host = domain.split(".", 1)
    forms = [("plain", f"{name}@{domain}"),
             ("upper case", f"{name}@{domain}".upper()),
             ("[at] [dot]", f"{name} [at] {user} [dot] {host.replace('.', ' [dot] ')}"),
             ("[at]", f"{name}[at]{domain}"),
             ("(at)", f"{name}(at){domain}"),
             ("at dot words", f"{name} at {user} dot {host.replace('.', ' dot ')}"),
             ("plus tag", f"{name}+bansos@{domain}"),
             ("full-width @", f"{name}＠{domain}")]
    return r.choice(forms)


EMAIL_TEXTS = ["email saya {} belum dapat balasan", "kirim ke {} ya min", "{} itu email saya",
               "tolong konfirmasi ke {}", "sudah kirim dari {} kemarin"]


def handle(r: random.Random) -> tuple[str, str, str]:
    """(form, text template with the handle, the handle as written)."""
    base = r.choice(GIVEN).lower() + r.choice(["_", ".", ""]) + r.choice(FAMILY).lower()
    name = base + r.choice(["", "_real", "99", "_id", str(r.randint(1, 999))])
    forms = [("@handle", "cek dm dari @{} min, dia ngaku petugas"),
             ("IG: handle", "IG: {} ini akun saya, tolong jangan diblokir"),
             ("ig handle", "follow ig {} buat info antrean"),
             ("twitter: handle", "twitter: {} tolong dibalas"),
             ("tiktok handle", "dia upload di tiktok {} min"),
             ("fb: handle", "fb: {} yang sebar hoaks"),
             ("@ in a reply", "@{} sudah saya laporkan ke admin")]
    form, template = r.choice(forms)
    return form, template, name


PLATE_LETTERS = ["B", "D", "F", "L", "N", "AB", "AD", "BK", "DK", "KT", "H", "T", "W", "E", "Z"]


def plate(r: random.Random) -> tuple[str, str]:
    region = r.choice(PLATE_LETTERS)
    digits = str(r.randint(1, 9999))
    suffix = "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(r.randint(1, 3)))
    forms = [("B 1234 XYZ", f"{region} {digits} {suffix}"),
             ("B1234XYZ", f"{region}{digits}{suffix}"),
             ("lower case after plat", f"{region} {digits} {suffix}".lower())]
    return r.choice(forms)


PLATE_TEXTS = ["motor saya {} hilang di parkiran", "mobil {} parkir sembarangan tiap hari",
               "plat {} ditilang padahal sudah bayar", "nopol {} pajaknya berapa min?",
               "truk {} ngebut di jalan desa"]


def person(r: random.Random) -> str:
    return r.choice(GIVEN) + (" " + r.choice(FAMILY) if r.random() < 0.8 else "")


NAME_TEXTS = [("nama saya", "nama saya {}, warga RT 02, mau tanya soal bansos"),
              ("Nama saya", "Nama saya {} dari Kecamatan Sukamaju"),
              ("Saya X, warga", "Saya {}, warga Desa Cibodas, jalan rusak sudah 3 bulan"),
              ("saya X dari", "selamat siang, saya {} dari Sleman mau lapor"),
              ("atas nama", "sertifikat atas nama {} belum jadi"),
              ("a.n.", "sudah transfer a.n. {} tapi belum masuk"),
              ("nama lengkap:", "nama lengkap: {}, mohon dicek datanya"),
              ("nama saya, lower case", "nama saya {} mau tanya")]

# ----------------------------------------------------------------------------------------------
# Harmless numbers: (kind, form, text template, value)


def harmless(r: random.Random) -> list[tuple[str, str, str, str]]:
    cases: list[tuple[str, str, str, str]] = []
    for number in ["112", "110", "113", "119", "129", "1500200", "165", "1708", "117", "14045", "1500-771",
                   "1500 808", "021-1500200", "157", "1500117", "129 ext 2", "08001500200"]:
        for template in ["darurat hubungi {} saja", "call center {} bisa 24 jam?"]:
            cases.append(("hotline", number, template, number))
    for number in ["0800-1-500-200", "0800 123 4567", "0800-1-888-888", "08001234567", "0800 1 500 808"]:
        for template in ["bebas pulsa {} ya", "layanan bebas pulsa {} (gratis)", "telepon {} tidak bayar"]:
            cases.append(("tollfree", number, template, number))
    for _ in range(75):
        d, m, y = r.randint(1, 28), r.randint(1, 12), r.randint(2015, 2026)
        hour, minute = r.randint(7, 20), r.choice([0, 15, 30, 45])
        form, value = r.choice([("dd/mm/yyyy", f"{d:02d}/{m:02d}/{y}"),
                                ("dd-mm-yyyy", f"{d:02d}-{m:02d}-{y}"),
                                ("yyyy-mm-dd", f"{y}-{m:02d}-{d:02d}"),
                                ("dd.mm.yyyy", f"{d:02d}.{m:02d}.{y}"),
                                ("dd.mm.yyyy hh.mm", f"{d:02d}.{m:02d}.{y} {hour:02d}.{minute:02d}"),
                                ("dd/mm/yy", f"{d}/{m}/{y % 100:02d}")])
        cases.append(("date", form, r.choice(["antre sejak {} belum dipanggil", "tanggal {} kantor buka?",
                                               "sudah daftar {} min"]), value))
    for _ in range(45):
        h1, h2 = r.randint(7, 12), r.randint(13, 17)
        form, value = r.choice([("hh.mm-hh.mm WIB", f"{h1:02d}.00-{h2:02d}.00 WIB"),
                                ("jam hh:mm", f"jam {h1:02d}:30"),
                                ("two shifts", f"{h1:02d}.00-12.00 13.00-{h2:02d}.30"),
                                ("pukul hh.mm", f"pukul {h1:02d}.{r.choice([0, 15, 30]):02d}")])
        cases.append(("time", form, "layanan buka {} setiap hari kerja", value))
    for _ in range(75):
        n = r.choice([r.randint(10_000, 999_999), r.randint(1_000_000, 999_999_999),
                      r.randint(1_000_000_000, 999_999_999_999), r.randint(10**12, 10**15 - 1),
                      r.randint(10**15, 10**18 - 1)])
        dotted = f"{n:,}".replace(",", ".")
        form, value = r.choice([("Rp 1.081.234.567", f"Rp {dotted}"), ("Rp1.081.234.567", f"Rp{dotted}"),
                                ("IDR", f"IDR {dotted}"), ("rupiah after", f"{dotted} rupiah"),
                                ("Rp ...,00", f"Rp {dotted},00"), ("Rp ...,-", f"Rp{dotted},-")])
        cases.append(("amount", form, r.choice(["anggaran {} untuk jalan desa itu ke mana?",
                                                 "dana bansos {} sudah cair belum?",
                                                 "pajak motor saya {} kok mahal"]), value))
    for value in ["PP 71/2019", "UU 27/2022", "Perpres 95/2018", "Permendagri No. 108 Tahun 2019",
                  "UU No. 14 Tahun 2008", "PP No. 80/2019", "Perda 12/2021", "SK Nomor 800/1234/2024",
                  "Permenkes 24/2022", "UU 11/2008 jo. UU 19/2016", "Inpres 1/2022", "PMK 81/2024"]:
        for template in ["sesuai {} data warga dilindungi", "aturannya {} kan?"]:
            cases.append(("regulation", value, template, value))
    for value in ["RT 003/RW 005", "RT 03/05", "RT 02 RW 11", "RT.001/RW.002", "RT 4 RW 7", "rt 01 rw 03"]:
        for template in ["jalan di {} rusak parah", "warga {} belum dapat air"]:
            cases.append(("rtrw", value, template, value))
    for value in ["2019 2020 2021 2022", "1998 1999 2000 2001", "2015-2024", "2020, 2021, 2022, 2023",
                  "tahun 2023", "2010 2012 2014 2016", "2021/2022", "2024 2025 2026 2027"]:
        for template in ["data {} belum lengkap", "banjir terus {} min"]:
            cases.append(("year", value, template, value))
    for _ in range(45):
        n = r.randint(1_000, 9_999_999)
        value = r.choice([f"{n:,}".replace(",", ".") + " warga", f"{n} orang",
                          f"{r.randint(1, 99)},{r.randint(1, 9)}%"])
        cases.append(("count", "counts and shares", "sudah {} yang terdaftar", value))
    for value in ["(021) 555-0147", "(0274) 512 345", "021-3456789", "(022) 4230 567", "0291 555 0112",
                  "(031) 8291 000", "0411-872 345", "(061) 4512 345"]:
        for template in ["kantor kecamatan {} tidak diangkat", "telepon kantor {} sibuk terus"]:
            cases.append(("landline", value, template, value))
    for value in ["kode booking 8812345", "no antrean A-123", "kode pos 40115", "nomor resi JP1234567890",
                  "NIB 1234567890123", "kode billing 820240812345678", "nomor tiket 2024081200123",
                  "NPSN 20219876", "LHJ-0612-0431", "nomor registrasi 2024/08/12/0031", "kode POS 55281",
                  "ID pelanggan PLN 532112345678", "nomor SK 188.4/345/2024"]:
        cases.append(("code", value, "{} sudah saya kirim", value))
    return cases


def build() -> pd.DataFrame:
    r = random.Random(SEED)
    rows = []

    def add(kind: str, form: str, template: str, value: str, expect: str) -> None:
        text = template.format(value)
        start = template.index("{}")
        rows.append({"kind": kind, "form": form, "text": text, "value": value, "start": start,
                     "end": start + len(value), "expect": expect})

    for _ in range(65):
        form, make = r.choice(NIK_FORMS)
        add("nik", form, r.choice(NIK_TEXTS), make(r), "mask")
    for _ in range(25):
        form, make = r.choice(KK_FORMS)
        add("kk", form, r.choice(KK_TEXTS), make(r), "mask")
    for _ in range(45):
        form, make = r.choice(NPWP_FORMS)
        add("npwp", form, r.choice(NPWP_TEXTS), make(r), "mask")
    for _ in range(80):
        form, make = r.choice(HP_FORMS)
        add("hp", form, r.choice(HP_TEXTS), make(r), "mask")
    for _ in range(10):
        add("hp", "glued to a word (hp0813...)", r.choice(HP_GLUED).replace("{}", "{}") + " min tolong",
            mobile(r), "mask")
    for _ in range(40):
        form, value = email(r)
        add("email", form, r.choice(EMAIL_TEXTS), value, "mask")
    for _ in range(35):
        form, template, value = handle(r)
        add("handle", form, template, value, "mask")
    for _ in range(25):
        form, value = plate(r)
        template = r.choice(PLATE_TEXTS)
        if form == "lower case after plat":
            template = r.choice(["plat {} ditilang padahal sudah bayar", "nopol {} pajaknya berapa min?"])
        add("plat", form, template, value, "mask")
    for _ in range(35):
        form, template = r.choice(NAME_TEXTS)
        value = person(r)
        add("nama", form, template, value.lower() if "lower" in form else value, "mask")
    for kind, form, template, value in harmless(r):
        add(kind, form, template, value, "keep")
    df = pd.DataFrame(rows)
    df.insert(0, "case_id", [f"pii-{i:04d}" for i in range(1, len(df) + 1)])
    for row in df.itertuples():
        assert row.text[row.start:row.end] == row.value, row
    return df


# ----------------------------------------------------------------------------------------------
# Held-out part: names in lower case after "nama saya" / "saya", and complaint phrases that start
# the same way. The names are NOT in GIVEN/FAMILY above nor in the scrubber's given-name list
# (src/humaskit/core/wordlists/nama_depan.txt); the templates and phrases are new.

HELDOUT_GIVEN = ["sumiati", "paijo", "tarmini", "kasmadi", "nengah", "ucok", "butet", "mardiana",
                 "rosmawati", "siswanto", "sugiarto", "hartono", "junaedi", "darsih", "karsini", "rohmah",
                 "jumadi", "sarinah", "suparman", "wagiman", "yohana", "lukas", "fransiska", "margaretha",
                 "engkus", "iyus", "cecep", "neneng", "euis", "ridwan"]
HELDOUT_FAMILY = ["simatupang", "pardede", "manurung", "sembiring", "ginting", "tarigan", "rangkuti",
                  "panjaitan", "sitompul", "halim", "kusuma", "permana", "hermawan", "firmansyah",
                  "ramadhan", "maulana", "syahputra", "febriani", "suryadi", "mulyani"]
HELDOUT_STRONG = [("perkenalkan nama saya", "perkenalkan nama saya {} dari kelurahan mekarsari"),
                  ("nama saya X, mohon", "nama saya {}, mohon bantuannya min"),
                  ("nama lengkap saya", "nama lengkap saya {} tolong dicek datanya"),
                  ("namaku", "namaku {} warga rt 05 mau nanya"),
                  ("nama sy", "nama sy {} mau lapor jalan rusak"),
                  ("NAMA SAYA, lower-case name", "NAMA SAYA {} kenapa bansos belum cair"),
                  ("nama saya adalah", "nama saya adalah {} dari desa sukaluyu")]
HELDOUT_WEAK = [("saya X dari", "siang min, saya {} dari kampung baru mau tanya"),
                ("sy X warga", "sy {} warga blok c, air mati terus")]
HELDOUT_PHRASES = [
    "nama saya raib dari daftar penerima", "nama saya keliru di kartu", "nama saya nyangkut di data lama",
    "nama saya tiba-tiba dicoret", "nama saya kok gak keluar", "nama saya masih tercatat almarhum",
    "nama saya termasuk yang dapat kah?", "nama saya beda satu huruf di sertifikat",
    "nama saya dipakai orang buat pinjol", "nama saya belum diverifikasi", "nama saya sama dengan tetangga",
    "nama saya tertukar dengan warga lain", "saya heran kenapa lama sekali", "saya capek bolak-balik kantor",
    "saya sebel antreannya panjang", "saya pusing urus berkasnya", "saya sempat datang kemarin",
    "saya ikut mendaftar tahun lalu", "saya akhirnya menyerah", "saya cuma mau tanya jadwalnya",
    "saya nanya baik-baik kok", "saya kesulitan akses aplikasinya", "saya terpaksa pinjam uang",
    "saya berterima kasih atas bantuannya", "saya dukung programnya", "saya pikir sudah selesai",
    "saya salut sama petugasnya", "saya ngeluh soal sampah", "saya numpang tanya min",
    "saya khawatir banjir lagi", "sy udah nunggu dua minggu", "sy blm dapat jawaban",
    "saya ga setuju kebijakan ini", "saya ibu rumah tangga", "saya orang tua murid",
    "saya penerima pkh sejak 2019", "saya jualan di pasar baru", "saya kerja di luar kota",
    "saya baru pindah ke sini", "saya tunanetra mohon dibantu"]


def build_name_part(seed: int, given: list[str], family: list[str], strong: list[tuple[str, str]],
                    weak: list[tuple[str, str]], phrases: list[str], n_strong: int, n_weak: int,
                    id_prefix: str) -> pd.DataFrame:
    """One part of lower-case name cases: ``n_strong`` names after "nama saya"-type phrases (70%
    with a family name), ``n_weak`` after a bare "saya" (50%), and the complaint ``phrases`` that
    must be kept."""
    r = random.Random(seed)
    rows = []

    def add(kind: str, form: str, text: str, value: str, expect: str) -> None:
        start = text.index(value)
        rows.append({"kind": kind, "form": form, "text": text, "value": value, "start": start,
                     "end": start + len(value), "expect": expect})

    for templates, n, label, family_share in ((strong, n_strong, "strong", 0.7), (weak, n_weak, "weak", 0.5)):
        for _ in range(n):
            form, template = r.choice(templates)
            value = r.choice(given) + (" " + r.choice(family) if r.random() < family_share else "")
            add("nama", f"{label}: {form}", template.format(value), value, "mask")
    for phrase in phrases:
        intro = "nama saya " if phrase.startswith("nama saya ") else phrase.split()[0] + " "
        add("frasa", "complaint after " + intro.strip(), phrase, phrase[len(intro):], "keep")
    df = pd.DataFrame(rows)
    df.insert(0, "case_id", [f"{id_prefix}{i:03d}" for i in range(1, len(df) + 1)])
    for row in df.itertuples():
        assert row.text[row.start:row.end] == row.value, row
    return df


def build_heldout() -> pd.DataFrame:
    return build_name_part(HELDOUT_SEED, HELDOUT_GIVEN, HELDOUT_FAMILY, HELDOUT_STRONG, HELDOUT_WEAK,
                           HELDOUT_PHRASES, 60, 20, "pii-h")


FRESH_GIVEN = ["sukirman", "tumini", "parmin", "sutinah", "darmaji", "nurhasanah", "ningsih", "jatmiko",
               "kusnadi", "samsudin", "rusmini", "wartini", "poniman", "yati", "acep", "dadan", "ijah",
               "mariam", "benediktus", "kristina", "oktaviani", "sulaiman", "idris", "hamidah",
               "zulkifli", "rusdi", "nurjanah", "sobirin", "tarsih", "marni"]
FRESH_FAMILY = ["situmorang", "hutapea", "nainggolan", "silalahi", "sinaga", "pohan", "daulay",
                "munthe", "tambunan", "rahayu", "wahyuni", "prasetyo", "kurniasih", "fauzi",
                "hasibuan", "batubara", "latuconsina", "pattinama", "mandagi", "wenas"]
FRESH_STRONG = [("nama saya X tinggal", "nama saya {} tinggal di gang mawar, mau tanya ktp"),
                ("kenalkan nama saya", "kenalkan nama saya {} dari kecamatan timur"),
                ("nama saya: X", "nama saya: {} no antrean belum dipanggil"),
                ("Nama Saya + lower name", "Nama Saya {} mohon info pencairan"),
                ("nama sy X sdh", "nama sy {} sdh daftar online")]
FRESH_WEAK = [("saya X asal", "pagi min, saya {} asal desa karanganyar"),
              ("saya X, lower", "saya {} warga perumahan indah mau tanya"),
              ("sy X dr", "sy {} dr dusun krajan mau lapor lampu mati")]
FRESH_PHRASES = [
    "nama saya kecoret padahal masih hidup", "nama saya ketuker sama orang lain",
    "nama saya muncul dua kali di daftar", "nama saya ga ada di web cekbansos",
    "nama saya digunakan untuk daftar pinjaman", "nama saya salah eja di akta",
    "nama saya kosong di aplikasi", "nama saya tertera sebagai penerima tapi belum dapat",
    "nama saya sudah dihapus dari dtks", "nama saya masuk daftar tunggu",
    "saya kecewa berat sama pelayanannya", "saya senang jalan sudah diperbaiki",
    "saya sudah tiga kali datang", "saya tinggal di ujung gang", "saya dari tadi pagi antre",
    "saya males ngurusnya lagi", "saya lagi di rumah sakit", "saya gak paham prosedurnya",
    "saya punya bukti transfernya", "saya belum pernah dapat bantuan", "saya mah pasrah aja",
    "saya kurang setuju sama aturannya", "saya harap segera ditindak", "saya minta kejelasan",
    "saya boleh titip pesan?", "saya bukan penerima bansos", "saya tanya dulu ke kelurahan",
    "saya doakan lancar", "saya juga warga sini", "saya pensiunan guru"]


def build_fresh() -> pd.DataFrame:
    return build_name_part(FRESH_SEED, FRESH_GIVEN, FRESH_FAMILY, FRESH_STRONG, FRESH_WEAK, FRESH_PHRASES,
                           50, 30, "pii-f")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed file differs")
    args = parser.parse_args(argv)
    code = 0
    for out, make in ((OUT, build), (HELDOUT_OUT, build_heldout), (FRESH_OUT, build_fresh)):
        text = make().to_csv(index=False, lineterminator="\n")
        if args.check:
            same = out.exists() and out.read_text(encoding="utf-8") == text
            print(f"{out.name} is up to date" if same else f"{out.name} differs: rebuild it")
            code |= 0 if same else 1
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        df = pd.read_csv(out)
        print(f"{len(df)} cases -> {out.relative_to(ROOT)}: {df['expect'].value_counts().to_dict()}")
    return code


if __name__ == "__main__":
    sys.exit(main())
