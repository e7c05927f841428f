"""Build the common-word list the privacy scrubber reads (src/humaskit/core/wordlists/kata_umum.txt).

    python scripts/build_common_words.py            write the list
    python scripts/build_common_words.py --check    rebuild in memory and fail if the file differs

A name written in lower case after "nama saya" / "saya" ("nama saya budi santoso") is told from a
complaint ("nama saya hilang dari DTKS", "saya sudah lapor") by its words: a name's words are not
common Indonesian words. The list is the union of

* the hand list of function words, common verbs, adjectives, nouns and chat spellings
  (wordlists/kata_fungsi.txt), and
* every word of the kit's own corpus (datasets/posts.csv and datasets/comments.csv: the fictional
  agencies' posts and citizens' comments) that is written in lower case at least once,

less the given names of wordlists/nama_depan.txt (a corpus comment may greet "mas budi"). Letters
only, lower case, one a line, sorted. See wordlists/DATASHEET.md.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
LISTS = ROOT / "src" / "humaskit" / "core" / "wordlists"
OUT = LISTS / "kata_umum.txt"
MIN_COUNT = 1
WORD = re.compile(r"(?<![\w@#])[A-Za-z][a-z]+(?:-[a-z]+)?(?![\w@])")
HEADER = ("# Common Indonesian words (lower case): never part of a name after \"saya\". Built by\n"
          "# scripts/build_common_words.py from wordlists/kata_fungsi.txt and the kit's corpus;\n"
          "# do not edit by hand (see DATASHEET.md).\n")


def read_list(path: Path) -> set[str]:
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        words.update(w for w in line.lower().split() if w)
    return words


def corpus_words() -> set[str]:
    texts = pd.concat([pd.read_csv(ROOT / "datasets" / name, dtype=str, keep_default_na=False)["text"]
                       for name in ("posts.csv", "comments.csv")])
    lower: collections.Counter[str] = collections.Counter()
    for text in texts:
        for m in WORD.finditer(text):
            word = m.group(0)
            if word.islower():
                lower[word] += 1
    return {w for w, n in lower.items() if n >= MIN_COUNT and len(w) >= 2}


def build() -> str:
    names = read_list(LISTS / "nama_depan.txt")
    words = read_list(LISTS / "kata_fungsi.txt") | (corpus_words() - names)
    return HEADER + "\n".join(sorted(words)) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed file differs")
    args = parser.parse_args(argv)
    text = build()
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("kata_umum.txt is up to date" if same else "kata_umum.txt differs: rebuild it")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"{text.count(chr(10)) - 3} words -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
