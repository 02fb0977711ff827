"""The libraries issue 11 names, measured against the project's own parts on the real
documents at hand (the real-world development corpus and the seeds): sentence splitting
(pysbd), number words (text2num, word2number) and stemming (snowballstemmer). None of
them is a dependency; install them into a scratch environment to run this:

    pip install pysbd text2num word2number snowballstemmer && python -m bench.libraries

Prints what the README's "Libraries" paragraph reports.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
LABELS = [SHARED / "eval/realworld-dev/labels.jsonl", SHARED / "eval/seed_figures.jsonl"]


def documents() -> list[str]:
    paths = sorted((SHARED / "eval/realworld-dev/docs").glob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def sentences(docs: list[str]) -> None:
    import pysbd

    from summariser.text import sentence_spans

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
    started = time.perf_counter()
    ours = [sentence_spans(d) for d in docs]
    t_ours = time.perf_counter() - started
    started = time.perf_counter()
    theirs = [seg.segment(d) for d in docs]
    t_theirs = time.perf_counter() - started
    both = only_ours = only_theirs = 0
    for d, o, t in zip(docs, ours, theirs, strict=True):
        ends_ours = {e for _s, e in o}
        ends_theirs = {len(d[: span.end].rstrip()) for span in t}
        both += len(ends_ours & ends_theirs)
        only_ours += len(ends_ours - ends_theirs)
        only_theirs += len(ends_theirs - ends_ours)
    print(f"sentences: ours {t_ours:.3f} s, pysbd {t_theirs:.3f} s ({t_theirs / t_ours:.0f}x slower); "
          f"ends agreed {both}, ours only {only_ours}, pysbd only {only_theirs}")  # fmt: skip


def number_words() -> None:
    from text_to_num import alpha2digit
    from word2number import w2n

    from summariser.figures import extract

    phrases = []
    for path in LABELS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                for f in json.loads(line)["figures"]:
                    if not re.search(r"\d", f["text"]) and not f.get("optional"):
                        phrases.append((f["text"], float(f["value"])))

    def close(v: float | None, want: float) -> bool:
        return v is not None and abs(v - want) <= 0.6

    def first_number(s: str) -> float | None:
        m = re.search(r"\d[\d,]*(?:\.\d+)?", s)
        return float(m.group().replace(",", "")) if m else None

    def w2n_value(s: str) -> float | None:
        try:
            return float(w2n.word_to_num(s))
        except ValueError:
            return None

    ours = sum(any(close(f.value, want) for f in extract(text)) for text, want in phrases)
    t2n = sum(close(first_number(alpha2digit(text, "en")), want) for text, want in phrases)
    wn = sum(close(w2n_value(text), want) for text, want in phrases)
    print(f"number words: {len(phrases)} labelled figures in words; ours {ours}, text2num {t2n}, word2number {wn} right")


def stemming() -> None:
    """Swap the project's stemmer for Snowball's and load the taxonomy: the schema check says
    whether the vocabulary still keeps its concepts apart."""
    import snowballstemmer

    from summariser import concepts

    snowball = snowballstemmer.stemmer("english")
    original = concepts.stem
    concepts.stem = lambda w: snowball.stemWord(w.lower())  # type: ignore[assignment]
    try:
        concepts.load_concepts()
        print("stemming: with Snowball the vocabulary still loads")
    except ValueError as e:
        print(f"stemming: with Snowball the vocabulary is refused: {str(e).splitlines()[1].strip()[:160]}")
    finally:
        concepts.stem = original


def main() -> int:
    if not (SHARED / "seeds").is_dir():
        print(f"no seeds at {SHARED}", file=sys.stderr)
        return 1
    docs = documents()
    print(f"{len(docs)} documents, {sum(map(len, docs))} characters")
    for part in (sentences, number_words, stemming):
        try:
            part(docs) if part is sentences else part()
        except ImportError as e:
            print(f"{part.__name__}: skipped ({e.name} is not installed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
