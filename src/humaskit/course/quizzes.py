"""Quizzes kept out of the notebooks: a notebook asks for a quiz by id, so its code never shows which
option is correct (a trainee who reads the cell learns nothing about the answer).

Each quiz has its question, options, the index of the correct option, an explanation shown after a
right answer and a hint shown after a wrong one, all in Indonesian.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from humaskit.data import frameworks, names, scenarios
from humaskit.response import crisis


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
# Quizzes of the learning notebooks (modules/), by notebook.
MODULE_QUIZZES: tuple[Quiz, ...] = (
    Quiz(
        'm01-01-konsep-1',
        'Mengapa kit ini tidak memberi label "kemudahan antarmuka" pada setiap unggahan?',
        ('Karena prinsip itu sudah usang untuk media sosial.', 'Karena kemudahan antarmuka adalah sifat profil akun (bio, tautan, kontak, verifikasi), yang sama untuk semua unggahan.', 'Karena komputer tidak bisa membaca gambar.', 'Karena Kent & Taylor hanya merumuskan empat prinsip.'),
        1,
        'Bio, tautan resmi, kontak, jam layanan, lencana verifikasi, unggahan tersemat, dan nama akun ada di tingkat akun. Cukup diperiksa pada profil, tidak perlu pada tiap unggahan.',
        'Kent & Taylor merumuskan lima prinsip. Pikirkan: di mana warga melihat bio dan kontak?',
    ),
    Quiz(
        'm01-01-konsep-2',
        'Akun Instagram sebuah dinas punya engagement rate tertinggi di antara dinas-dinas sejenis di provinsinya. Kesimpulan mana yang paling tepat?',
        ('Akun itu pasti sudah dialogis.', 'Akun itu menarik perhatian, tetapi belum tentu dialogis. Perlu dilihat apakah ia mengajak warga bicara dan menjawab mereka.', 'Engagement rate sama sekali tidak berguna.', 'Akun itu harus mengurangi unggahan informasi.'),
        1,
        'Engagement mengukur reaksi (suka, komentar, bagikan). Dialog menuntut ajakan, jawaban, dan kesediaan mendengar (Anderson, Swenson & Gilkerson, 2016). Keduanya perlu dilihat bersama.',
        'Ingat kemenpangizi pada grafik tadi: engagement setara akun lain, ajakan dialognya hampir nol.',
    ),
    Quiz(
        'm01-03-kesepakatan-1',
        "Dua pengode sepakat pada 90% unggahan. Hampir semua unggahan yang mereka kode berlabel 'Informasi yang berguna'. Mengapa kappa mereka bisa jauh di bawah 0,90?",
        ('Karena kappa selalu lebih rendah 0,5 dari persentase kesepakatan.', 'Karena jika satu label mendominasi, banyak kesepakatan terjadi karena kebetulan, dan kappa mengurangi kesepakatan kebetulan itu.', 'Karena kappa hanya menghitung label yang jarang.', 'Karena salah satu pengode pasti keliru.'),
        1,
        "Kappa membandingkan kesepakatan nyata dengan kesepakatan yang diharapkan karena kebetulan. Jika hampir semua unggahan berlabel sama, menebak label itu saja sudah sering 'sepakat'.",
        'Ingat perbedaan persentase kesepakatan dan kappa: apa yang dikurangi oleh kappa?',
    ),
    Quiz(
        'm01-03-kesepakatan-2',
        'Kappa Anda dengan rekan 0,55 pada 30 unggahan. Apa langkah yang paling tepat?',
        ('Langsung melaporkan hitungan label bulan ini.', 'Memakai persentase kesepakatan saja, karena angkanya lebih tinggi.', 'Membahas unggahan yang berbeda, memperjelas aturan di buku kode, lalu mengode unggahan baru dan mengukur lagi.', 'Menghapus unggahan yang diperdebatkan dari laporan.'),
        2,
        'Kappa 0,55 masih di bawah 0,67: belum andal. Cari sumber perbedaannya, perjelas aturannya, lalu ukur lagi pada unggahan yang belum pernah dibahas.',
        'Dengan kappa di bawah 0,67, apakah hitungannya sudah layak dilaporkan?',
    ),
    Quiz(
        'm01-03-kesepakatan-3',
        'Pengode A dan B di subset rujukan sepakat pada 307 dari 308 unggahan. Apa arti angka itu bagi tim Anda?',
        ('Dua petugas humas pasti akan sepakat setinggi itu.', 'Buku kode sudah sempurna, jadi tim tidak perlu mengukur kesepakatan lagi.', 'Itu batas atas dari dua salinan model AI yang sama; kesepakatan manusia harus diukur sendiri.', 'Label rujukan tidak bisa dipakai sama sekali.'),
        2,
        'Kedua pengode rujukan adalah dua salinan model yang sama, dengan kesalahan yang mirip. Angka manusia (Anda dengan label rujukan, Anda dengan rekan) harus diukur sendiri.',
        "Baca lagi 'Catatan jujur tentang label rujukan' di Bagian 3.",
    ),
    Quiz(
        'm01-04-pengodean-otomatis-1',
        "Model memberi label 'Lingkar dialog' pada 20 unggahan. Ternyata hanya 15 yang memang lingkar dialog. Ukuran apa yang dihitung dari angka ini, dan berapa nilainya?",
        ('Recall: 15 dari 20, yaitu 0,75.', 'Presisi: 15 dari 20, yaitu 0,75.', 'F1: 20 dikurangi 15, yaitu 5.', 'Kappa: 15 dibagi 308.'),
        1,
        'Presisi bertanya: dari yang diberi label itu oleh mesin, berapa bagian yang benar? 15 dari 20 = 0,75. Recall bertanya sebaliknya: dari yang sebenarnya lingkar dialog, berapa yang ditemukan?',
        'Angka 20 adalah unggahan yang DIBERI label oleh model. Ukuran mana yang berangkat dari situ?',
    ),
    Quiz(
        'm01-04-pengodean-otomatis-2',
        'Model kit ini mencapai F1 makro 0,948 pada data uji. Anda ingin memakainya untuk laporan tahunan akun instansi Anda. Apa yang paling tepat?',
        ('Langsung memakai hasilnya; 0,948 sudah sangat tinggi.', 'Tidak memakai model sama sekali; mesin tidak bisa dipercaya.', 'Memakai model, mengharapkan ketepatan lebih rendah (sekitar 0,905 atau kurang), dan memeriksa sampel acak dengan tangan sebelum melaporkan.', 'Melatih ulang model dengan 308 unggahan subset rujukan agar nilainya naik.'),
        2,
        'Instansi Anda tidak ada di data latih. Uji tinggalkan-satu-instansi memberi rata-rata 0,905, dan akun Anda bisa berbeda lagi. Periksa sampel dengan tangan, mulai dari keyakinan terendah.',
        'Ingat Bagian 5: angka 0,948 diukur pada instansi yang dikenal model.',
    ),
    Quiz(
        'm02-01-model-kematangan-1',
        'Data dan pengumuman Dinas X sudah rapi dan terbit rutin (tingkat 2), tetapi pesan warga jarang dibalas. Kepala dinas ingin segera mengadakan hackathon bersama komunitas untuk merancang ulang layanan. Apa saran yang paling sesuai dengan Lee & Kwak (2012)?',
        ('Langsung adakan hackathon; makin tinggi tingkatnya, makin baik.', 'Perkuat dulu tingkat 3: rutin meminta dan menjawab masukan warga. Setelah itu baru kolaborasi.', 'Tutup kolom komentar supaya tidak ada pesan yang terlewat.', 'Kembali ke tingkat 1 dan hanya menyiarkan pengumuman.'),
        1,
        'Lee & Kwak menyarankan naik satu tingkat setiap kali. Kolaborasi (tingkat 4) membutuhkan kepercayaan yang dibangun lewat partisipasi (tingkat 3): warga yang bertanya mendapat jawaban.',
        'Dinas X sekarang di tingkat 2. Tingkat mana yang berikutnya, dan apa isinya?',
    ),
    Quiz(
        'm02-01-model-kematangan-2',
        'Data akun Polres Y menunjukkan hasil di tingkat 3: warga rutin diajak bicara dan sebagian besar dijawab. Penilaian diri timnya menunjukkan kemampuan tingkat 1: belum ada petugas yang ditunjuk resmi dan belum ada SOP. Menurut aturan kit ini, di tingkat berapa Polres Y secara keseluruhan?',
        ('Tingkat 3, karena hasil yang dilihat warga lebih penting.', 'Tingkat 2, rata-rata dari 3 dan 1.', 'Tingkat 1, karena tingkat keseluruhan adalah yang lebih rendah dari kemampuan dan hasil.', 'Tidak bisa ditentukan.'),
        2,
        'Sebuah tingkat tercapai jika kemampuan dan hasilnya sama-sama tercapai. Hasil Polres Y bagus, tetapi bergantung pada orang, bukan pada proses. Langkah berikutnya: menunjuk petugas resmi dan menulis SOP.',
        'Kit ini tidak merata-ratakan. Ingat contoh admin yang membalas dari ponselnya sendiri.',
    ),
    Quiz(
        'm02-01-model-kematangan-3',
        'Data sebuah akun memenuhi semua kriteria hasil tingkat 3 (banyak ajakan dialog, 60% pertanyaan dijawab, median respons 5 jam). Tetapi hanya 3% unggahannya yang memuat data (ambang tingkat 2: paling sedikit 5%). Di tingkat hasil berapa akun ini menurut kit?',
        ('Tingkat 3, karena semua kriteria tingkat 3 terpenuhi.', 'Tingkat 2, karena kekurangannya hanya sedikit.', 'Tingkat 1, karena tingkat 2 belum tercapai, sehingga tingkat 3 belum bisa dihitung.', 'Tingkat 4.'),
        2,
        'Tingkatnya berjenjang: tingkat 3 hanya dihitung jika tingkat 2 tercapai. Laporan kit akan menyebut kriteria yang kurang (porsi unggahan yang memuat data). Apakah 5% ambang yang adil? Itu bahan diskusi yang baik.',
        'Baca lagi cara membaca tabel: bisakah tingkat 3 tercapai jika tingkat 2 belum?',
    ),
    Quiz(
        'm02-03-bukti-dari-data-1',
        'Laporan sebuah dinas: 80% pertanyaan dijawab, median waktu respons 2 jam, persentil-90 200 jam. Apa arti angka-angka ini?',
        ('Dinas ini cepat: warga rata-rata dijawab dalam 2 jam, jadi tidak ada masalah.', 'Separuh pertanyaan yang dijawab selesai dalam 2 jam, tetapi satu dari sepuluh menunggu lebih dari 8 hari, jauh melewati batas tanggapan pertama SP4N-LAPOR (3 hari kerja).', 'Persentil-90 tidak penting karena hanya menyangkut 10% pertanyaan.', 'Angka 200 jam pasti salah data dan sebaiknya dibuang.'),
        1,
        'Median menggambarkan pertanyaan yang biasa; persentil-90 menggambarkan warga yang paling lama menunggu. Batas SP4N-LAPOR berlaku untuk setiap pengaduan, bukan untuk rata-ratanya. Dan jangan lupa 20% yang tidak dijawab sama sekali: mereka tidak masuk ke angka waktu.',
        '200 jam itu berapa hari? Dan untuk siapa batas SP4N-LAPOR berlaku?',
    ),
    Quiz(
        'm02-03-bukti-dari-data-2',
        'Kit menyebut sebuah akun di tingkat 3. Pada sampel ulang (bootstrap), tingkat 3 muncul 45% dan tingkat 2 muncul 50%. Bagaimana sebaiknya Anda menuliskannya di memo untuk pimpinan?',
        ('"Akun kita sudah di tingkat 3." Cukup, angka lainnya hanya membingungkan pimpinan.', '"Akun kita di tingkat 2." Karena tingkat 2 muncul lebih sering.', '"Akun kita di tingkat 3, tetapi tepat di batas: satu kriteria hanya sedikit di atas ambang. Prioritasnya memperkuat tingkat 3 dulu."', 'Jangan sebut tingkat apa pun sampai datanya pasti.'),
        2,
        'Tingkat yang dihitung dari seluruh data tetap tingkat 3, tetapi ketidakpastiannya perlu disebut bersama alasannya (kriteria mana yang tipis). Dengan begitu pimpinan tidak kaget jika bulan depan angkanya turun, dan tim tahu apa yang harus diperkuat.',
        'Data tidak pernah pasti sepenuhnya. Yang penting: jujur tentang seberapa pasti, dan mengapa.',
    ),
    Quiz(
        'm03-01-siklus-isu-1',
        'Warga mulai membahas rencana kenaikan tarif retribusi pasar tahun depan di grup Facebook. Belum ada keputusan, belum ada media yang memberitakan. Ini isu atau krisis?',
        ('Krisis, karena warga sudah membicarakannya di media sosial.', 'Isu: persoalan yang diperdebatkan dan masih bisa diantisipasi. Saat yang baik untuk mulai menjelaskan.', 'Bukan keduanya; tunggu sampai media memberitakan.'),
        1,
        'Belum ada kejadian mendadak yang mengancam keselamatan atau layanan. Ini isu di tahap awal, dan justru di tahap ini pilihan instansi paling banyak: menjelaskan dasar kebijakan, mendengar keberatan, menyiapkan tanya-jawab.',
        'Apakah ada kejadian mendadak yang harus ditanggapi dalam hitungan jam? Dan apakah menunggu media memberi Anda lebih banyak pilihan, atau lebih sedikit?',
    ),
    Quiz(
        'm03-01-siklus-isu-2',
        'Butir mana yang paling jelas menunjukkan tahap mediasi dan amplifikasi?',
        ('Jam 0,15: warga bertanya apakah beras premium ikut naik.', 'Jam 0,83: promosi pinjaman cepat dengan tautan di bio.', 'Jam 1,03: DapurBerita menulis bahwa redaksi meminta konfirmasi sejak Minggu malam dan belum dijawab.', 'Jam 6,50: warga berterima kasih karena beras bansos tetap gratis.'),
        2,
        'Media mengangkat isu ke khalayak yang jauh lebih luas, dan ceritanya kini juga tentang diamnya kementerian. Itu ciri mediasi dan amplifikasi: isu diperbesar oleh pihak lain, dengan bingkai mereka.',
        'Cari butir yang membawa isu ke khalayak yang jauh lebih besar dari kolom komentar.',
    ),
    Quiz(
        'm03-01-siklus-isu-3',
        'Jam ke-2: Paguyuban Pedagang Beras Pasar Induk Sukamulya mengirim permohonan informasi tertulis. Jam ke-8: petisi #TolakKenaikanHET mencapai 40 ribu tanda tangan. Tahap apa yang ditunjukkan?',
        ('Asal-mula: baru segelintir orang yang membicarakan.', 'Mediasi dan amplifikasi: media memberitakan.', 'Pengorganisasian: kelompok publik terbentuk dan menuntut sikap.', 'Resolusi: isunya sudah selesai.'),
        2,
        'Paguyuban dan petisi berbicara atas nama banyak orang dan menuntut jawaban. Kelompok seperti ini perlu dilayani secara resmi: permohonan informasi paguyuban adalah pesan yang punya tenggat (SP4N-LAPOR, dibahas nanti di modul ini), dan penggagas petisi perlu diajak bicara, bukan didiamkan.',
        'Siapa yang berbicara di kedua butir itu: satu orang, media, atau kelompok?',
    ),
    Quiz(
        'm03-01-siklus-isu-4',
        'Dalam isu HET beras, tanggapan mana yang paling dekat dengan model dua arah simetris?',
        ('Mengunggah ulang siaran pers dan menutup kolom komentar supaya tidak ramai.', 'Meminta akun-akun pendukung membanjiri kolom komentar dengan dukungan.', 'Mensurvei warga untuk mencari kalimat yang paling ampuh membuat kebijakan diterima.', 'Menggelar sesi tanya-jawab, menjawab pertanyaan pedagang, meneruskan keberatan soal masa transisi ke pimpinan, lalu mengumumkan apa yang berubah dan apa yang tidak.'),
        3,
        'Mendengar, meneruskan ke pengambil keputusan, dan melaporkan kembali: instansi juga bersedia berubah. Pilihan ketiga memang dua arah, tetapi asimetris: riset dipakai hanya untuk membujuk.',
        'Model simetris menuntut kedua pihak bisa berubah. Di pilihan mana instansi juga bisa berubah?',
    ),
    Quiz(
        'm03-02-triase-1',
        'Komentar: "Ibu-ibu, mulai 1 September beli beras wajib pakai KTP!! Pemerintah emang ga becus 🙄". Label apa yang dipakai menurut urutan prioritas?',
        ('Pelampiasan marah, karena nadanya marah dan menyindir.', 'Keliru, karena komentar itu meneruskan fakta yang salah, dan label keliru paling atas.', 'Troll, karena memakai tanda seru berulang.', 'Positif, karena tidak ada yang perlu diperbaiki.'),
        1,
        'Komentar ini marah, tetapi juga meneruskan kabar keliru (tidak ada kewajiban KTP untuk membeli beras). Pembaca lain bisa ikut percaya, jadi yang didahulukan adalah koreksi yang sopan beserta sumbernya.',
        'Adakah fakta keliru di dalam komentar itu? Lihat lagi label mana yang paling atas.',
    ),
    Quiz(
        'm03-02-triase-2',
        'Mana yang troll?',
        ('"Tiap tahun jalan ini rusak, tiap tahun juga cuma ditambal. Capek 🙄"', '"Yang belain dinas di kolom komentar pasti buzzer, dibayar berapa kalian? 2029 ganti semua!"', '"Infografisnya bagus, sayang harganya tetap naik."'),
        1,
        'Komentar kedua tidak ditujukan kepada instansi; ia menyerang warga lain ("buzzer") dan membawa politik di luar topik. Itu memancing keributan: jangan ditanggapi, pantau. Komentar pertama adalah pelampiasan marah kepada instansi; komentar ketiga kritik yang seimbang (positif).',
        'Cari komentar yang tujuannya memancing pertengkaran dengan orang lain, bukan kesal kepada instansi.',
    ),
    Quiz(
        'm03-02-triase-3',
        'Model memberi label troll (peluang 0,55; pelampiasan marah 0,40) pada komentar marah tentang antrean panjang di kantor Anda. Kebijakan akun membolehkan troll disembunyikan. Apa yang Anda lakukan?',
        ('Sembunyikan saja; model sudah memilih troll.', 'Baca sendiri komentarnya. Jika kekesalannya ditujukan kepada instansi, labelnya pelampiasan marah: jangan disembunyikan, paling banyak satu balasan yang tenang.', 'Laporkan akunnya ke platform.', 'Balas panjang lebar untuk membuktikan bahwa antreannya wajar.'),
        1,
        'Kedua peluang berdekatan, dan kasus troll atau pelampiasan marah adalah yang paling sulit bagi model. Keputusan menyembunyikan atau melaporkan harus diambil manusia yang membaca konteksnya.',
        'Ingat: model paling sering keliru di pasangan troll dan pelampiasan marah. Siapa yang memutuskan?',
    ),
    Quiz(
        'm03-03-scct-cerc-1',
        'Data wajib pajak Samsat diduga bocor, dan warga mulai ditelepon orang yang mengaku petugas. Kalimat mana yang merupakan informasi instruksi?',
        ('"Kami sangat prihatin atas kejadian ini."', '"Samsat berkomitmen menjaga keamanan data masyarakat."', '"Jika ada yang menelepon mengaku petugas Samsat dan meminta transfer, tutup teleponnya. Pajak hanya dibayar dengan kode bayar di bank atau QRIS di aplikasi resmi."', '"Kami sedang berkoordinasi dengan pihak terkait."'),
        2,
        'Informasi instruksi memberi tahu warga apa yang harus dilakukan untuk melindungi diri. Pilihan pertama adalah informasi penyesuaian (kepedulian). Pilihan kedua dan keempat belum bisa dipakai warga sama sekali: siapa, apa, dan kapan?',
        'Cari kalimat yang memberi tahu warga apa yang harus mereka lakukan hari ini.',
    ),
    Quiz(
        'm03-04-siklus-risiko-1',
        'Tim menilai risiko R1 (penipu memakai nama Polres untuk meminta uang) dengan kemungkinan 4 (besar) dan dampak 4 (besar). Berapa nilainya, dan apa akibatnya dalam rencana respons?',
        ('8, sedang: cukup dipantau.', '16, sangat tinggi: wajib punya mitigasi dan penanggung jawab.', '16, tinggi: mitigasinya boleh ditulis minggu depan.', '4, rendah: nilai risiko diambil dari angka yang lebih kecil.'),
        1,
        "Nilai risiko = kemungkinan × dampak = 4 × 4 = 16. Nilai 15 ke atas termasuk 'sangat tinggi', sehingga rencana wajib menyebut langkah mitigasi dan jabatan yang bertanggung jawab.",
        'Nilai risiko adalah hasil kali, bukan jumlah. Lalu lihat tabel tingkat di bagian 3.',
    ),
    Quiz(
        'm03-04-siklus-risiko-2',
        'Risiko A: kemungkinan 5 × dampak 2 (sering terjadi, kerugiannya kecil). Risiko B: kemungkinan 2 × dampak 5 (jarang, tetapi kerugiannya sangat besar). Mana pernyataan yang paling tepat?',
        ('A lebih penting karena hampir pasti terjadi.', 'B lebih penting karena dampak selalu lebih penting daripada kemungkinan.', 'Nilainya sama (10, tinggi), tetapi penanganannya berbeda: A dicegah agar tidak sering terjadi, B disiapkan rencana cadangannya agar dampaknya kecil bila terjadi.', 'Keduanya bisa diabaikan karena nilainya di bawah 15.'),
        2,
        'Nilai yang sama tidak berarti cara menangani yang sama. Risiko yang sering terjadi dikurangi kemungkinannya (misalnya SOP, pelatihan admin); risiko yang jarang tapi berat dikurangi dampaknya (misalnya pernyataan sementara yang sudah disiapkan, kontak darurat platform).',
        'Hitung dulu kedua nilainya. Lalu pikirkan: apa yang bisa dikurangi dari masing-masing?',
    ),
    Quiz(
        'm03-05-menyusun-rencana-1',
        'Isu terdeteksi pukul 06.30. Rantai persetujuan pernyataan sementara: Kasubbag Humas 30 menit, Wakapolres 45 menit, Kapolres 60 menit. Apa saran yang paling tepat?',
        ('Tidak apa-apa; pernyataan sementara boleh terbit siang hari asal lengkap.', 'Rantai itu butuh 135 menit, lebih dari 2 jam. Persingkat rantainya, atau beri wewenang pernyataan sementara kepada tingkat yang lebih rendah sejak sebelum krisis.', 'Lewati semua persetujuan dan unggah dari akun pribadi admin.', 'Tunggu sampai semua fakta pasti, baru minta persetujuan.'),
        1,
        '30 + 45 + 60 = 135 menit. Pernyataan sementara tidak perlu memuat semua fakta, jadi wewenang menerbitkannya bisa didelegasikan lebih dulu, dalam SOP yang disetujui pimpinan sebelum krisis.',
        'Jumlahkan menitnya, lalu bandingkan dengan 2 jam (120 menit).',
    ),
    Quiz(
        'm03-05-menyusun-rencana-2',
        'Sebuah pengaduan masuk lewat SP4N-LAPOR pada Senin, 16 Maret 2026, menjelang Nyepi dan Idul Fitri. Batasnya 5 hari kerja. Kapan paling lambat instansi harus menjawab?',
        ('Senin, 23 Maret 2026 (satu minggu kemudian).', 'Sabtu, 21 Maret 2026.', 'Senin, 30 Maret 2026.', 'Jumat, 20 Maret 2026.'),
        2,
        'Tanggal 18 sampai 24 Maret 2026 berisi Nyepi, Idul Fitri, dan cuti bersama. Hari kerja setelah 16 Maret hanya 17 Maret, lalu 25, 26, 27, dan 30 Maret. Jalankan sel berikut untuk melihat daftarnya.',
        'Hari kerja tidak menghitung akhir pekan, libur nasional, dan cuti bersama.',
    ),
)

BY_ID = {quiz.id: quiz for quiz in (*QUIZZES, *MODULE_QUIZZES)}


def _labels(*label_ids: str) -> tuple[str, ...]:
    return tuple(names.label(label_id) for label_id in label_ids)


def _posture_quiz(quiz_id: str, question: str, scenario_id: str, bolstering: str, hint: str) -> Quiz:
    """A quiz whose key is what SCCT recommends for a scenario (humaskit.response.crisis), so the
    key follows the scenario file and the rules instead of being written twice."""
    s = scenarios.get(scenario_id)
    advice = crisis.recommend_posture(s["kind"], s["history"], s["prior_reputation"])
    options = tuple(names.with_code(names.POSTURES[k], k) for k in frameworks.POSTURES)
    return Quiz(quiz_id, question, options, list(frameworks.POSTURES).index(advice["posture"]),
                " ".join(advice["reasons"]) + " " + bolstering, hint)


def _cerc_quiz(quiz_id: str, question: str, principle: str, explanation: str, hint: str) -> Quiz:
    options = tuple(name for name, _ in names.CERC_PRINCIPLES.values())
    return Quiz(quiz_id, question, options, list(frameworks.CERC_PRINCIPLES).index(principle),
                explanation, hint)


@functools.cache
def _computed() -> dict[str, Quiz]:
    """Quizzes whose options are the kit's display names (and, for postures, whose key comes from
    SCCT's rules): built when first asked for, since they read the scenario files."""
    made = (
        Quiz(
            "m01-01-konsep-link-di-bio",
            'Sebuah unggahan berbunyi: "Formulir dan persyaratan beasiswa daerah sudah bisa diunduh. '
            'Cek link di bio ya!" Prinsip mana yang paling tepat?',
            _labels("dialogic_loop", "useful_information", "return_visits", "conservation_of_visitors"),
            3,
            "Inti unggahan adalah penunjuk ke kanal resmi (link di bio). Persyaratannya sendiri tidak "
            "tertulis di unggahan, jadi warga belum bisa langsung memakainya.",
            "Tanyakan: bisakah warga bertindak hanya dengan membaca unggahan ini, atau ia harus membuka "
            "kanal lain dulu?",
        ),
        Quiz(
            "m01-01-konsep-aturan-urutan",
            'Unggahan: "Syarat perpanjangan STNK tahunan: KTP asli dan STNK asli, bayar di loket 2. Masih '
            'bingung? Tulis pertanyaan di kolom komentar, admin menjawab sampai pukul 15.00." Apa label '
            "utamanya?",
            _labels("useful_information", "dialogic_loop", "return_visits", "conservation_of_visitors"),
            1,
            "Unggahan memenuhi aturan 3 (syarat yang bisa langsung dipakai) dan aturan 1 (sungguh mengajak "
            "warga bertanya, dengan janji dijawab). Aturan 1 paling atas, jadi labelnya lingkar dialog.",
            "Unggahan ini cocok dengan lebih dari satu label. Pakai aturan urutan: mana yang paling atas?",
        ),
        _posture_quiz(
            "m03-03-scct-cerc-postur-a", "Postur SCCT mana yang disarankan untuk akun Polres yang diretas?",
            "akun-diretas", "Tambahkan penguatan: ingatkan langkah pengamanan yang sudah diambil.",
            "Mulai dari klasternya: siapa pelakunya? Lalu periksa faktor penguat: ini kali keberapa?",
        ),
        _posture_quiz(
            "m03-03-scct-cerc-postur-b", "Postur SCCT mana yang disarankan untuk penolakan kenaikan HET beras?",
            "kenaikan-harga-beras", "Tambahkan penguatan: ingatkan bantuan yang tetap berjalan.",
            "Penolakan kebijakan termasuk klaster tidak disengaja. Adakah faktor penguat di skenario ini?",
        ),
        _cerc_quiz(
            "m03-03-scct-cerc-prinsip-benar",
            'Kalimat "sistem kami aman dan terlindungi" paling jelas melanggar prinsip apa?',
            "be_right",
            "UPT sudah tahu bahwa server uji berisi sekitar 2.300 data asli terbuka untuk umum selama 9 hari. "
            'Mengatakan "aman" itu keliru. Saat faktanya muncul, dan itu pasti, prinsip kredibel ikut runtuh. '
            "Yang benar: sampaikan yang sudah pasti, yang belum diketahui, dan apa yang sedang diperiksa.",
            "Bandingkan kalimat itu dengan fakta pertama dan kedua di atas. Benarkah?",
        ),
        _cerc_quiz(
            "m03-03-scct-cerc-prinsip-hormat",
            'Kalimat "Masyarakat dihimbau untuk tidak mudah terprovokasi" paling bertentangan dengan prinsip apa?',
            "show_respect",
            "Kalimat itu menempatkan warga yang cemas sebagai pihak yang bermasalah. Warga yang khawatir datanya "
            'bocor bukan "terprovokasi"; mereka wajar khawatir. Ganti dengan pengakuan (empati) dan tindakan yang '
            "bisa mereka lakukan.",
            "Bagaimana perasaan warga yang datanya mungkin bocor saat membaca kalimat itu?",
        ),
    )
    return {quiz.id: quiz for quiz in made}


COMPUTED_IDS = ("m01-01-konsep-link-di-bio", "m01-01-konsep-aturan-urutan", "m03-03-scct-cerc-postur-a",
                "m03-03-scct-cerc-postur-b", "m03-03-scct-cerc-prinsip-benar",
                "m03-03-scct-cerc-prinsip-hormat")


def get(quiz_id: str) -> Quiz:
    if quiz_id in BY_ID:
        return BY_ID[quiz_id]
    if quiz_id in COMPUTED_IDS:
        return _computed()[quiz_id]
    raise ValueError(f"kuis '{quiz_id}' tidak ada. Pilihan: {', '.join((*BY_ID, *COMPUTED_IDS))}.")


def feedback(quiz_id: str, letter: str) -> str:
    """Indonesian feedback on a chosen letter (a practice question answered with a widget)."""
    quiz = get(quiz_id)
    right = chr(ord("A") + quiz.answer)
    if letter == right:
        return f"Tepat! {quiz.explanation}"
    hint = quiz.wrong_hint or "Baca lagi soalnya dan coba pilihan lain."
    return f"Jawaban Anda: {letter}. Belum tepat. {hint}"
