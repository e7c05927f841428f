"""The codebook for post-level dialogic principles (module 1).

Label ids and their precedence are a contract (see the reference sheet): one primary label per
post; when several apply, the first in ``LABELS`` order wins. Ease of interface is judged on the
account profile, not on a post, so it has a checklist here instead of a label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from humaskit.core import templates
from humaskit.data import corpus
from humaskit.data.schema import LABEL_IDS


@dataclass(frozen=True)
class Label:
    id: str
    name_id: str
    name_en: str
    principle: str
    definition: str
    decision_rule: str
    cues: tuple[str, ...]
    not_this: str
    examples: tuple[str, ...] = field(default=())
    counter_examples: tuple[str, ...] = field(default=())


LABELS: tuple[Label, ...] = (
    Label(
        id="dialogic_loop",
        name_id="Lingkar dialog",
        name_en="Dialogic loop",
        principle="Kent & Taylor (1998): dialogic loop",
        definition=(
            "Unggahan membuka atau melanjutkan percakapan dua arah: bertanya kepada publik, meminta "
            "pendapat, masukan, keluhan atau suara (polling), mengundang pertanyaan untuk siaran "
            "langsung atau sesi tanya jawab, atau membalas warga tertentu."
        ),
        decision_rule=(
            "Aturan 1: apakah unggahan sungguh-sungguh mengajak publik menjawab, bertanya, memberi "
            "masukan, atau membalas seorang warga? Jika ya, labelnya lingkar dialog, walaupun unggahan "
            "juga memuat informasi atau pengumuman acara."
        ),
        cues=("pertanyaan kepada publik", "polling / voting", "minta masukan atau keluhan",
              "undangan bertanya di live / sesi tanya jawab", "balasan kepada warga tertentu"),
        not_this=(
            "Pertanyaan retoris yang langsung dijawab sendiri (\"Tahukah Sobat...? Ini jawabannya\") "
            "bukan ajakan dialog."
        ),
    ),
    Label(
        id="return_visits",
        name_id="Alasan kembali berkunjung",
        name_en="Generation of return visits",
        principle="Kent & Taylor (1998): generation of return visits",
        definition=(
            "Unggahan memberi alasan untuk kembali nanti: acara, siaran atau tenggat yang akan datang, "
            "serial (\"nantikan\", \"bagian 2\"), segmen rutin, ajakan mengikuti akun atau menyalakan "
            "notifikasi."
        ),
        decision_rule=(
            "Aturan 2: jika tidak ada ajakan dialog, apakah unggahan menjanjikan sesuatu yang akan "
            "datang (acara, siaran, lanjutan serial, tenggat) atau meminta publik mengikuti akun? "
            "Jika ya, labelnya alasan kembali berkunjung."
        ),
        cues=("tanggal acara mendatang", "jadwal siaran", "\"nantikan\" / \"bagian 2\"",
              "segmen rutin mingguan", "\"follow\" / \"nyalakan notifikasi\"", "pengingat tenggat"),
        not_this=(
            "Laporan acara yang sudah selesai tidak memberi alasan kembali; itu biasanya bukan dialogis."
        ),
    ),
    Label(
        id="useful_information",
        name_id="Informasi yang berguna",
        name_en="Usefulness of information",
        principle="Kent & Taylor (1998): usefulness of information",
        definition=(
            "Unggahan itu sendiri memuat informasi yang dapat dipakai warga: kebijakan, persyaratan, "
            "langkah, biaya, jam layanan, data, peringatan, petunjuk keselamatan, atau klarifikasi "
            "hoaks disertai fakta."
        ),
        decision_rule=(
            "Aturan 3: jika tidak ada ajakan dialog dan tidak ada alasan kembali, apakah warga bisa "
            "langsung memakai isi unggahan (syarat, langkah, biaya, jam, data, peringatan, fakta)? "
            "Jika ya, labelnya informasi yang berguna."
        ),
        cues=("syarat dan langkah", "biaya / tarif", "jam layanan", "angka dan data",
              "peringatan dini / petunjuk keselamatan", "klarifikasi hoaks dengan fakta"),
        not_this=(
            "Unggahan yang hanya berkata \"info lengkap di website\" tanpa isi informasinya adalah "
            "menjaga pengunjung di kanal resmi, bukan informasi yang berguna."
        ),
    ),
    Label(
        id="conservation_of_visitors",
        name_id="Menjaga pengunjung di kanal resmi",
        name_en="Conservation of visitors",
        principle="Kent & Taylor (1998): conservation of visitors",
        definition=(
            "Inti unggahan adalah penunjuk ke kanal resmi instansi sendiri (situs web, aplikasi, akun "
            "resmi lain, \"link di bio\") tanpa membawa informasinya sendiri."
        ),
        decision_rule=(
            "Aturan 4: jika tiga aturan pertama tidak berlaku, apakah inti unggahan mengarahkan warga ke "
            "kanal resmi instansi (situs, aplikasi, akun lain, link di bio)? Jika ya, labelnya "
            "menjaga pengunjung di kanal resmi."
        ),
        cues=("\"cek link di bio\"", "alamat situs .go.id", "unduh aplikasi resmi",
              "ikuti akun resmi lain", "\"selengkapnya di website\""),
        not_this=(
            "Jika tautan disertai syarat, langkah atau data yang sudah bisa dipakai, labelnya informasi "
            "yang berguna (aturan 3 didahulukan)."
        ),
    ),
    Label(
        id="non_dialogic",
        name_id="Tidak dialogis",
        name_en="Non-dialogic",
        principle="none of Kent & Taylor's post-level principles",
        definition=(
            "Tidak ada satu pun prinsip di atas: ucapan seremonial, selamat, belasungkawa, slogan, "
            "kegiatan pejabat tanpa sesuatu yang dapat dipakai warga."
        ),
        decision_rule=(
            "Aturan 5: jika tidak ada ajakan dialog, alasan kembali, informasi yang bisa dipakai, atau "
            "penunjuk kanal resmi, labelnya tidak dialogis."
        ),
        cues=("ucapan hari besar", "selamat / belasungkawa", "slogan / motivasi",
              "kunjungan / rapat / peresmian oleh pejabat"),
        not_this=(
            "Kegiatan pejabat yang menyebut tanggal buka layanan bagi warga memberi alasan kembali "
            "(aturan 2) atau informasi (aturan 3)."
        ),
    ),
)

assert tuple(label.id for label in LABELS) == LABEL_IDS, "codebook and schema disagree on label ids"


@dataclass(frozen=True)
class Borderline:
    """A question a coder asks at a rule's boundary, worked through on short example posts written
    for the codebook (not corpus items): (post text, label id, why)."""

    question: str
    cases: tuple[tuple[str, str, str], ...]


# Each decision rule as the questions that decide the hard cases (issue 15), with worked examples.
BORDERLINE: dict[str, tuple[Borderline, ...]] = {
    "dialogic_loop": (
        Borderline("Apakah tanda tanya itu menunggu jawaban dari warga, atau dijawab sendiri?", (
            ("Selamat pagi, Sobat! Di kampungmu sudah ada kerja bakti bulan ini? Ceritakan ya.",
             "dialogic_loop", "Sapaan yang bertanya dan menunggu jawaban: aturan 1."),
            ("Tahukah Sobat? Pajak yang kita bayar ikut membangun puskesmas. Bangga bayar pajak!",
             "non_dialogic", "Pertanyaan retoris yang dijawab sendiri, lalu slogan: tidak ada yang ditunggu "
             "dari warga dan tidak ada informasi yang bisa dipakai."),
            ("Lupa PIN? Datang ke loket 3 dengan KTP, PIN baru langsung dicetak.",
             "useful_information", "Tanda tanya membuka langkah-langkah; warga tidak diminta menjawab."),
        )),
        Borderline("Tanpa kata \"komentar\", apakah warga tetap diajak menjawab atau memilih?", (
            ("Jam layanan sore sebaiknya 15.00-19.00 atau 16.00-20.00? Pilihanmu menentukan uji coba.",
             "dialogic_loop", "Meminta suara warga; kata \"komentar\" tidak diperlukan."),
            ("Kepala dinas menyampaikan terima kasih atas komentar dan masukan warga selama setahun.",
             "non_dialogic", "Menyebut komentar warga, tetapi tidak mengajak siapa pun menjawab."),
        )),
    ),
    "return_visits": (
        Borderline("Kapan sebuah tanggal memberi alasan kembali ke akun?", (
            ("Tinggal 7 hari lagi: lapor SPT paling lambat 31 Maret. Jangan tunggu hari terakhir.",
             "return_visits", "Tenggat yang akan datang: aturan 2, walaupun isinya juga informasi."),
            ("Hari ini Samsat Keliling ada di Pasar Baru sampai pukul 14.00. Bawa KTP dan STNK.",
             "useful_information", "Tanggalnya hari ini dan semua yang perlu diketahui sudah ada: tidak ada "
             "yang perlu ditunggu dari akun, jadi aturan 3."),
            ("Terima kasih 300 peserta kelas pajak tahun ini! Batas omzet PPh Final Rp4,8 miliar setahun.",
             "useful_information", "Acaranya sudah selesai; yang tersisa adalah informasi yang bisa "
             "dipakai."),
        )),
        Borderline("Informasi yang diakhiri ajakan mengikuti akun: aturan 2 atau 3?", (
            ("Gejala DBD: demam tinggi mendadak, bintik merah. Follow akun ini untuk peta kasus tiap Senin.",
             "return_visits", "Ajakan mengikuti akun untuk pembaruan rutin: aturan 2 didahulukan dari "
             "aturan 3."),
            ("Peringatan dini cuaca kami teruskan dari akun BMKG. Aktifkan notifikasi akun itu juga.",
             "conservation_of_visitors", "Ajakan ke akun resmi lain, bukan alasan kembali ke akun ini."),
        )),
    ),
    "useful_information": (
        Borderline("Apakah informasinya ada di unggahan itu sendiri, termasuk gambarnya?", (
            ("Rincian biaya balik nama motor dan mobil ada di slide 2-4. Cek slide ya!",
             "useful_information", "Informasinya dibawa unggahan itu (carousel), hanya saja di gambar."),
            ("Syarat perpanjangan STNK: KTP, STNK, BPKB asli, cek fisik. Lokasi cek fisik di link bio.",
             "useful_information", "Syaratnya sudah bisa dipakai; \"link di bio\" hanya pelengkap."),
            ("Semua formulir dan jadwal kelas pajak kini ada di satu halaman: pajak.go.id/layanan.",
             "conservation_of_visitors", "Tanpa isi yang bisa dipakai: hanya penunjuk ke situs."),
        )),
        Borderline("Unggahan ulang (repost) dari akun lain: dinilai dari apa?", (
            ("Dibagikan dari BPOM: batas gula anjuran 50 gram per hari untuk dewasa; cek label gizi.",
             "useful_information", "Dinilai dari isinya, seperti unggahan sendiri."),
        )),
    ),
    "conservation_of_visitors": (
        Borderline("Tanpa \"link di bio\", apakah intinya tetap menunjuk ke kanal resmi?", (
            ("Cek besaran pajak kendaraanmu tanpa antre: unduh aplikasi resmi kami di Play Store.",
             "conservation_of_visitors", "Intinya penunjuk ke aplikasi instansi sendiri."),
            ("Siaran pers resmi hanya dimuat di situs kementerian. Salinan di luar itu belum tentu asli.",
             "conservation_of_visitors", "Mengarahkan warga ke kanal resmi, tanpa isi siaran persnya."),
        )),
    ),
    "non_dialogic": (
        Borderline("Setelah seremoni dibuang, adakah yang tersisa bagi warga?", (
            ("Dirgahayu RI! Merdeka itu apa? Bagi kami: melayani tanpa pungli. Terima kasih, Wargi.",
             "non_dialogic", "Pertanyaan retoris di dalam ucapan: tidak ada ajakan, tanggal, atau "
             "informasi."),
            ("Bupati meninjau Mal Pelayanan Publik, yang buka Senin-Jumat 08.00-15.00 di Jl. Siliwangi 12.",
             "useful_information", "Kegiatan pejabat, tetapi jam dan alamat layanan bisa langsung dipakai."),
        )),
    ),
}
BY_ID: dict[str, Label] = {label.id: label for label in LABELS}

PRECEDENCE_RULE = (
    "Satu unggahan mendapat satu label utama. Jika beberapa label cocok, pakai yang paling atas "
    "dalam urutan: lingkar dialog, alasan kembali berkunjung, informasi yang berguna, menjaga "
    "pengunjung di kanal resmi, tidak dialogis."
)

# Ease of interface is a property of the account (Kent & Taylor 1998), checked on the profile.
PROFILE_CHECKLIST: tuple[tuple[str, str], ...] = (
    ("bio", "Bio menjelaskan siapa instansi ini dan layanan apa yang diberikan"),
    ("website", "Ada tautan ke situs resmi"),
    ("contact", "Ada kontak (call center, WhatsApp, atau e-mail) untuk pertanyaan dan pengaduan"),
    ("service_hours", "Jam layanan atau jam admin membalas dicantumkan"),
    ("verified", "Akun terverifikasi (lencana resmi)"),
    ("pinned_post", "Ada unggahan yang disematkan (pinned) yang membantu warga"),
    ("consistent_handle", "Nama akun sama di semua platform"),
    ("alt_text_on_images", "Gambar diberi teks alternatif (alt text) untuk pembaca layar"),
)


def label(label_id: str) -> Label:
    """The label with this id; a clear Indonesian error for an unknown id."""
    try:
        return BY_ID[label_id]
    except KeyError:
        raise ValueError(
            f"Label '{label_id}' tidak dikenal. Pilihan yang sah: "
            f"{', '.join(f'{lab.name_id} ({lab.id})' for lab in LABELS)}."
        ) from None


def resolve(applicable: list[str] | set[str]) -> str:
    """Apply the precedence rule to the set of labels that fit a post."""
    for label_id in LABEL_IDS:
        if label_id in applicable:
            return label_id
    unknown = set(applicable) - set(LABEL_IDS)
    if unknown:
        raise ValueError(f"Label tidak dikenal: {', '.join(sorted(unknown))}.")
    return "non_dialogic"


def table() -> pd.DataFrame:
    """The codebook as a table (one row per label, in precedence order)."""
    return pd.DataFrame(
        [
            {
                "order": i,
                "id": lab.id,
                "name": lab.name_id,
                "name_en": lab.name_en,
                "definition": lab.definition,
                "rule": lab.decision_rule,
            }
            for i, lab in enumerate(LABELS, 1)
        ]
    )


def examples_from_corpus(n: int = 2, data_dir: Path | None = None) -> dict[str, dict[str, list[str]]]:
    """Positive and negative examples per label, taken from the gold subset.

    Positive examples are gold posts both coders gave this label. Negative examples are gold
    posts of the label that is most often confused with it, so they teach the boundary.
    """
    gold = corpus.load_gold(data_dir)
    posts = corpus.load_posts(data_dir).set_index("post_id")
    agreed = gold[gold["coder_a"] == gold["coder_b"]].copy()
    agreed["text"] = agreed["post_id"].map(posts["text"])
    agreed = agreed.sort_values("post_id")
    out: dict[str, dict[str, list[str]]] = {}
    for lab in LABELS:
        pos = agreed[agreed["gold_label"] == lab.id]
        neg = agreed[agreed["gold_label"] != lab.id]
        # Prefer negatives from the neighbouring label in the precedence order.
        idx = LABEL_IDS.index(lab.id)
        neighbour = LABEL_IDS[idx + 1] if idx + 1 < len(LABEL_IDS) else LABEL_IDS[idx - 1]
        near = _shortest(neg.loc[neg["gold_label"] == neighbour, "text"].tolist(), n)
        far = _shortest(neg.loc[neg["gold_label"] != neighbour, "text"].tolist(), n)
        out[lab.id] = {
            "positive": _shortest(pos["text"].tolist(), n),
            "negative": (near + far)[:n],
        }
    return out


def _shortest(texts: list[str], n: int) -> list[str]:
    """Readable examples: mid-length texts, deterministic order."""
    ranked = sorted(texts, key=lambda t: (abs(len(t) - 180), t))
    return ranked[:n]


def render_html(data_dir: Path | None = None, n_examples: int = 2) -> str:
    """A printable A4 codebook page (HTML with print CSS) for trainees to keep beside them."""
    try:
        examples = examples_from_corpus(n_examples, data_dir)
    except FileNotFoundError:
        examples = {}
    return templates.render(
        "codebook.html.j2",
        labels=LABELS,
        borderline=BORDERLINE,
        names={lab.id: lab.name_id for lab in LABELS},
        precedence=PRECEDENCE_RULE,
        checklist=PROFILE_CHECKLIST,
        examples=examples,
    )


def render_markdown() -> str:
    """The codebook as Markdown (for notebooks and for coders' instructions)."""
    parts = ["# Buku kode: prinsip dialogis unggahan", "", f"**Aturan urutan.** {PRECEDENCE_RULE}", ""]
    for i, lab in enumerate(LABELS, 1):
        parts += [
            f"## {i}. {lab.name_id} (`{lab.id}`, {lab.name_en})",
            "",
            lab.definition,
            "",
            f"**Cara memutuskan.** {lab.decision_rule}",
            "",
            f"**Tanda-tanda:** {'; '.join(lab.cues)}.",
            "",
            f"**Hati-hati:** {lab.not_this}",
            "",
        ]
        for item in BORDERLINE.get(lab.id, ()):
            parts += [f"**Kasus batas: {item.question}**", ""]
            parts += [f"- \"{text}\" → {BY_ID[label_id].name_id}: {why}"
                      for text, label_id, why in item.cases]
            parts.append("")
    return "\n".join(parts)
