"""Practice sessions: coding posts (module 1) and triaging comments (module 3), one item at a time
with instant feedback. Coding progress is saved to a file.

The posts come from the gold subset (those both coders agreed on), so every answer is checked
against an independently coded reference. Progress is written after every answer, atomically,
to a JSON file in the trainee's folder: closing the notebook loses nothing, and a damaged file
is set aside (never overwritten) before a fresh one is started.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from humaskit.core.errors import DataError
from humaskit.core.storage import locked, read_json_mapping, set_aside, write_json_atomic
from humaskit.core.tables import read_table, require_columns
from humaskit.data import codebook, corpus, names, scenarios
from humaskit.data.schema import LABEL_IDS

DEFAULT_FILE = "latihan_koding.json"


@dataclass(frozen=True)
class Item:
    post_id: str
    text: str
    account: str
    platform: str
    gold_label: str


@dataclass(frozen=True)
class Feedback:
    correct: bool
    chosen: str
    gold: str
    message: str
    contrast_label: str | None
    contrast_text: str | None


def practice_items(data_dir: Path | None = None) -> list[Item]:
    """Gold posts on which both coders agreed, in a fixed order that takes the labels in turn,
    so that any first n posts practise every rule (not mostly the commonest label)."""
    gold = corpus.load_gold(data_dir)
    agreed = gold[gold["coder_a"] == gold["coder_b"]]
    posts = corpus.load_posts(data_dir).set_index("post_id")
    items = [Item(pid, posts.at[pid, "text"], posts.at[pid, "account"], str(posts.at[pid, "platform"]),
                  label) for pid, label in zip(agreed["post_id"], agreed["gold_label"], strict=True)]
    rng = np.random.default_rng(20250101)
    queues = {lab: [it for it in items if it.gold_label == lab] for lab in LABEL_IDS}
    for queue in queues.values():
        rng.shuffle(queue)
    ordered = []
    while any(queues.values()):
        for lab in rng.permutation(list(LABEL_IDS)):
            if queues[lab]:
                ordered.append(queues[lab].pop())
    return ordered


def score_dict(answered: int, correct: int, total: int) -> dict:
    """A practice score: answered, correct, total and percent_correct (of those answered)."""
    return {"answered": answered, "correct": correct, "total": total,
            "percent_correct": round(100 * correct / answered, 1) if answered else 0.0}


class PracticeSession:
    """A trainee's coding practice: ``current()``, ``answer(label)``, ``next()``, ``score()``."""

    def __init__(self, path: str | Path = DEFAULT_FILE, n: int = 30, data_dir: Path | None = None):
        self.path = Path(path)
        all_items = practice_items(data_dir)
        self.items = all_items[:n]
        self._pool = all_items
        self.answers: dict[str, str] = {}
        self.notice: str | None = None
        self._load()

    # -- persistence ---------------------------------------------------------------------------
    def _load(self) -> None:
        self.answers = self._read()  # files are replaced atomically, so reading needs no lock

    def _read(self) -> dict[str, str]:
        """Every valid answer in the progress file (answers to posts outside this session's set
        are kept too). A damaged file is set aside and practice starts afresh; a file with some
        invalid entries is set aside as well, and its valid answers are written back."""
        if not self.path.exists():
            return {}
        try:
            answers = read_json_mapping(self.path, "answers")
        except ValueError:
            backup = set_aside(self.path)
            self.notice = (f"File kemajuan {self.path.name} rusak dan sudah disimpan sebagai "
                           f"{backup.name}. Latihan dimulai dari awal.")
            return {}
        valid = {str(k): v for k, v in answers.items() if v in LABEL_IDS}
        if len(valid) < len(answers):
            backup = set_aside(self.path)
            self._write(valid)
            self.notice = (f"{len(answers) - len(valid)} jawaban di file kemajuan {self.path.name} "
                           f"tidak sah dan dilewati; {len(valid)} jawaban lain tetap dipakai. File "
                           f"aslinya disimpan sebagai {backup.name}.")
        return valid

    def _write(self, answers: dict[str, str]) -> None:
        payload = {"version": 1, "answers": answers,
                   "saved_at": dt.datetime.now().isoformat(timespec="seconds")}
        write_json_atomic(self.path, payload)

    def save(self) -> None:
        """Write this session's answers, merged with any another kernel saved meanwhile."""
        with locked(self.path):
            merged = {**self._read(), **self.answers}
            self._write(merged)
            self.answers = merged

    # -- practice ------------------------------------------------------------------------------
    def current(self) -> Item | None:
        for item in self.items:
            if item.post_id not in self.answers:
                return item
        return None

    def answer(self, label: str) -> Feedback:
        item = self.current()
        if item is None:
            raise ValueError("Semua unggahan latihan sudah dikode.")
        codebook.label(label)  # clear error for an unknown id
        with locked(self.path):  # another kernel may have saved answers meanwhile: keep them
            merged = {**self._read(), **self.answers, item.post_id: label}
            self._write(merged)  # a failed write raises before the answer counts
            self.answers = merged
        return self.feedback(item, label)

    def feedback(self, item: Item, chosen: str) -> Feedback:
        gold = codebook.BY_ID[item.gold_label]
        if chosen == item.gold_label:
            message = f"Tepat: {gold.name_id}. {gold.decision_rule}"
            contrast = self._neighbour(item.gold_label)
        else:
            picked = codebook.BY_ID[chosen]
            if LABEL_IDS.index(chosen) > LABEL_IDS.index(item.gold_label):
                why = (f"Unggahan ini memenuhi aturan {LABEL_IDS.index(item.gold_label) + 1} "
                       f"({gold.name_id}), yang didahulukan dari aturan "
                       f"{LABEL_IDS.index(chosen) + 1} ({picked.name_id}).")
            else:
                why = (f"Unggahan ini tidak memenuhi aturan {LABEL_IDS.index(chosen) + 1} "
                       f"({picked.name_id}); periksa lagi pertanyaan aturan itu.")
            message = f"Belum tepat. Label rujukan: {gold.name_id}. {why} {gold.decision_rule}"
            contrast = chosen
        example = self._example(contrast, exclude=item.post_id) if contrast else None
        return Feedback(chosen == item.gold_label, chosen, item.gold_label, message, contrast, example)

    def next(self) -> None:
        """Move on (the current post is always the first unanswered one)."""

    def _neighbour(self, label: str) -> str:
        i = LABEL_IDS.index(label)
        return LABEL_IDS[i + 1] if i + 1 < len(LABEL_IDS) else LABEL_IDS[i - 1]

    def _example(self, label: str, exclude: str) -> str | None:
        """A post of that label from outside the trainee's practice set, to compare with."""
        practice = {i.post_id for i in self.items}
        for item in self._pool:
            if item.gold_label == label and item.post_id not in practice and item.post_id != exclude:
                return item.text
        return None

    def score(self) -> dict:
        answered = [i for i in self.items if i.post_id in self.answers]
        correct = sum(self.answers[i.post_id] == i.gold_label for i in answered)
        return score_dict(len(answered), correct, len(self.items))

    def answers_frame(self) -> pd.DataFrame:
        """The trainee's codes beside the gold codes (for the agreement notebook)."""
        rows = [{"post_id": i.post_id, "label": self.answers[i.post_id], "gold_label": i.gold_label}
                for i in self.items if i.post_id in self.answers]
        return pd.DataFrame(rows, columns=["post_id", "label", "gold_label"])

    def reset(self) -> None:
        """Start again: the old progress file is kept as a backup, never deleted."""
        with locked(self.path):
            if self.path.exists():
                set_aside(self.path, "lama")
            self.answers = {}
            self._write({})


def load_codes(path: str | Path) -> pd.DataFrame:
    """A coder's codes as post_id + label, from a practice JSON file or a CSV/XLSX with those columns."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        try:
            answers = json.loads(path.read_text(encoding="utf-8"))["answers"]
        except (OSError, ValueError, KeyError, TypeError):
            raise DataError("bukan file kemajuan latihan yang sah.", file=path.name) from None
        df = pd.DataFrame(list(answers.items()), columns=["post_id", "label"])
    else:
        df = read_table(path)
        require_columns(df, ("post_id", "label"), path.name)
        df = df[["post_id", "label"]]
    bad = ~df["label"].isin(LABEL_IDS)
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise DataError(f"label '{df['label'].iloc[i]}' tidak dikenal.", file=path.name, row=i + 2,
                        column="label")
    return df.reset_index(drop=True)


class TriageSession:
    """The items of one scenario and the trainee's answers (kept in memory)."""

    def __init__(self, scenario_id: str, n: int | None = None):
        self.scenario = scenarios.get(scenario_id)
        items = scenarios.timeline(scenario_id)
        self.items = items.head(n) if n else items
        self.answers: dict[str, str] = {}
        self.position = 0

    def current(self):
        if self.position >= len(self.items):
            return None
        return self.items.iloc[self.position]

    def answer(self, label: str) -> dict:
        item = self.current()
        self.answers[item["item_id"]] = label
        correct = label == item["triage"]
        return {"correct": correct, "chosen": label, "reference": item["triage"], "why": item["why"],
                "action": names.TRIAGE_ACTIONS[item["triage"]]}

    def next(self) -> None:
        self.position += 1

    def score(self) -> dict:
        right = sum(1 for iid, lab in self.answers.items()
                    if lab == self.items.set_index("item_id").at[iid, "triage"])
        done = len(self.answers)
        return score_dict(done, right, len(self.items))

    def mistakes(self) -> dict[tuple[str, str], int]:
        """Which labels the trainee confused: reference label -> chosen label -> count."""
        ref = self.items.set_index("item_id")["triage"]
        out: dict[tuple[str, str], int] = {}
        for iid, lab in self.answers.items():
            if lab != ref[iid]:
                out[(ref[iid], lab)] = out.get((ref[iid], lab), 0) + 1
        return out
