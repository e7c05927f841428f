"""Quizzes kept out of the notebooks: a notebook asks for a quiz by id, so its code never shows which
option is correct (a trainee who reads the cell learns nothing about the answer).

Each quiz has its question, options, the index of the correct option, an explanation shown after a
right answer and a hint shown after a wrong one, all in Indonesian.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quiz:
    id: str
    question: str
    options: tuple[str, ...]
    answer: int  # index of the correct option
    explanation: str
    wrong_hint: str | None = None

    def letters(self) -> dict[str, str]:
        """The options keyed by letter: {"A": "...", "B": "..."}."""
        return {chr(ord("A") + i): text for i, text in enumerate(self.options)}


QUIZZES: tuple[Quiz, ...] = (
    Quiz(
        "orientasi-1",
        "Di sebelah kiri sebuah sel kode tertulis [*]. Apa artinya?",
        ("Sel itu berisi kesalahan.",
         "Sel itu sedang berjalan; tunggu sampai tanda bintang berganti angka.",
         "Sel itu sudah disimpan.",
         "Sel itu adalah sel teks."),
        1,
        "Tanda [*] berarti komputer sedang mengerjakan sel itu. Setelah selesai, bintang berganti angka, "
        "misalnya [3].",
        "Ingat: tanda itu muncul sesaat setelah Anda menekan Shift + Enter.",
    ),
    Quiz(
        "orientasi-2",
        "Anda menjalankan sel di tengah notebook dan muncul pesan merah 'Komputer belum mengenal kata ...'. "
        "Apa langkah yang paling tepat?",
        ("Menghapus sel yang bermasalah.",
         "Menutup notebook dan memulai dari awal besok.",
         "Menjalankan sel-sel di atasnya secara berurutan, dari atas ke bawah.",
         "Mengubah sel yang tidak bertanda JAWABAN ANDA."),
        2,
        "Pesan itu (dalam bahasa Python: NameError) biasanya berarti ada sel di atas yang belum dijalankan. "
        "Jalankan dari atas ke bawah, atau pakai Kernel > Restart Kernel and Run All Cells.",
        "Pesan merah bukan kerusakan. Pikirkan: sel di bawah memakai hasil sel di atasnya.",
    ),
    Quiz(
        "orientasi-3",
        "Dalam siklus PermenPANRB 83/2012, tahap apa yang datang tepat sesudah 'Memantau percakapan'?",
        ("Menetapkan khalayak sasaran",
         "Menjawab komentar dan pertanyaan",
         "Menyebarluaskan kebijakan dan tindak lanjut",
         "Memilih akun dan platform"),
        1,
        "Setelah memantau percakapan, instansi menjawab komentar dan pertanyaan warga. Pemantauan tanpa "
        "jawaban belum menjadi dialog.",
        "Lihat lagi gambar siklus di atas: cari tahap nomor 4, lalu ikuti anak panahnya.",
    ),
    Quiz(
        "orientasi-latihan",
        "Tombol apa yang Anda klik untuk mengumpulkan tugas di nbgrader?",
        ("Fetch", "Submit", "Validate"),
        1,
        "Submit mengumpulkan tugas (bersama file jawaban.json). Fetch mengambil tugas, dan Validate "
        "memeriksa bahwa notebook berjalan tanpa galat.",
        "Fetch mengambil tugas dan Validate hanya memeriksa. Ganti pilihan Anda dan jalankan sel ini lagi.",
    ),
)
BY_ID = {quiz.id: quiz for quiz in QUIZZES}


def get(quiz_id: str) -> Quiz:
    try:
        return BY_ID[quiz_id]
    except KeyError:
        raise ValueError(f"kuis '{quiz_id}' tidak ada. Pilihan: {', '.join(BY_ID)}.") from None


def feedback(quiz_id: str, letter: str) -> str:
    """Indonesian feedback on a chosen letter (a practice question answered with a widget)."""
    quiz = get(quiz_id)
    right = chr(ord("A") + quiz.answer)
    if letter == right:
        return f"Tepat! {quiz.explanation}"
    hint = quiz.wrong_hint or "Baca lagi soalnya dan coba pilihan lain."
    return f"Jawaban Anda: {letter}. Belum tepat. {hint}"
