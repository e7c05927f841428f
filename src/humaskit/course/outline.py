"""The course map: modules, and the PermenPANRB 83/2012 management cycle that threads them."""

from __future__ import annotations

import pandas as pd

# PermenPANRB 83/2012: the management cycle of government social media, in order.
CYCLE: tuple[str, ...] = (
    "Menetapkan khalayak sasaran",
    "Memilih akun dan platform",
    "Menerbitkan konten yang ditandai (tagged)",
    "Memantau percakapan",
    "Menjawab komentar dan pertanyaan",
    "Menganalisis masukan publik sebagai umpan balik kebijakan",
    "Merekomendasikan tindak lanjut",
    "Menyebarluaskan kebijakan dan tindak lanjut",
)

MODULES: tuple[dict, ...] = (
    {
        "module": "0. Orientasi",
        "folder": "modules/00-orientasi",
        "question": "Bagaimana memakai Jupyter dan kit ini?",
        "cycle_stages": (),
    },
    {
        "module": "1. Mengklasifikasi unggahan",
        "folder": "modules/01-klasifikasi-unggahan",
        "question": "Apakah unggahan kita membuka dialog dengan warga?",
        "cycle_stages": (3, 4, 6),
    },
    {
        "module": "2. Mengukur kematangan",
        "folder": "modules/02-kematangan",
        "question": "Di tingkat kematangan mana instansi kita, dan apa langkah berikutnya?",
        "cycle_stages": (1, 2, 6, 7),
    },
    {
        "module": "3. Rencana respons isu dan krisis",
        "folder": "modules/03-rencana-respons",
        "question": "Bagaimana menjawab warga saat isu atau krisis, tepat waktu?",
        "cycle_stages": (4, 5, 7, 8),
    },
)


def cycle_table() -> pd.DataFrame:
    """The eight stages of the cycle and the modules that practise each one."""
    rows = []
    for number, stage in enumerate(CYCLE, 1):
        modules = [m["module"] for m in MODULES if number in m["cycle_stages"]]
        rows.append({"stage": number, "activity": stage, "practised_in": ", ".join(modules) or "-"})
    return pd.DataFrame(rows).set_index("stage")


def module_table() -> pd.DataFrame:
    """One row per module: its folder and the question it answers."""
    return pd.DataFrame(
        [{"module": m["module"], "question": m["question"], "folder": m["folder"]} for m in MODULES]
    ).set_index("module")


def plot_cycle(ax=None):
    """Draw the management cycle as a ring of eight stages (matplotlib)."""
    import matplotlib.pyplot as plt
    import numpy as np

    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 7.5))
    n = len(CYCLE)
    angles = np.pi / 2 - 2 * np.pi * np.arange(n) / n
    for i, (angle, stage) in enumerate(zip(angles, CYCLE, strict=True)):
        x, y = np.cos(angle), np.sin(angle)
        ax.annotate(
            "", xy=(np.cos(angle - 2 * np.pi / n) * 0.78, np.sin(angle - 2 * np.pi / n) * 0.78),
            xytext=(x * 0.78, y * 0.78),
            arrowprops={"arrowstyle": "->", "color": "#888", "connectionstyle": "arc3,rad=-0.25"},
        )
        ax.text(x, y, f"{i + 1}. {_wrap(stage)}", ha="center", va="center", fontsize=9,
                bbox={"boxstyle": "round,pad=0.4", "fc": "#e8f0fe", "ec": "#3b5998"})
    ax.set_xlim(-1.45, 1.45)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("Siklus pengelolaan media sosial instansi (PermenPANRB 83/2012)")
    return ax


def _wrap(text: str, width: int = 18) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))
