"""Fit the measure recogniser's named weights on the pairwise measure-identity objective,
over the corpora labelled with measure ids: the real-world development corpus
(../shared/eval/realworld-dev) and the challenge sets (tests/data/challenge*), leaving out
the ones named by --hold-out, which then check the fit from outside.

Per corpus, over every pair of matched figures whose labels carry a measure id (matched
and paired exactly as ../shared/eval/score_measures.py does):

    (right joins - COST * wrong joins) / pairs that belong together

summed over corpora, so a small corpus weighs as much as a big one. COST is 6: a join is
worth keeping only when at least 6 in 7 such joins are right, above the 0.9 precision the
issue asks for.

    python -m bench.fit_pairwise [--hold-out challenge12 ...] [--rounds N] [--write]

Every corpus used here is development data; only a held-out corpus's score, measured
before and after, says whether the fit generalises. Write the weights back only then.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass, fields
from pathlib import Path

from bench.fit_recognition import fit, write
from summariser.recognition_weights import load

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
COST = 6


@dataclass(frozen=True)
class Corpus:
    name: str
    documents: tuple  # (Document, labelled figures) per labelled document


def _generic(metric: str | None, label: str | None) -> bool:
    """What score_measures.py counts as no measure at all."""
    return not metric or metric.startswith(("other_", "count_")) or (label or "").strip().lower() in ("percentage", "count", "number")


def corpora(hold_out: set[str]) -> list[Corpus]:
    from watcher.extract import load_path

    folders = [SHARED_EVAL / "realworld-dev"] + sorted((ROOT / "tests" / "data").glob("challenge*"))
    out = []
    for folder in folders:
        name = "realworld" if folder.name == "realworld-dev" else folder.name
        path = folder / "measures.jsonl"
        if name in hold_out or not path.is_file():
            continue
        labels = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        docs = tuple((load_path(folder / "docs" / lab["doc"]), tuple(lab["figures"])) for lab in labels)
        out.append(Corpus(name, docs))
    return out


def _matched(corpus: Corpus) -> list[tuple[str, str | None]]:
    """(labelled id, predicted measure) per labelled figure matched to a predicted one."""
    import summariser

    sys.path.insert(0, str(SHARED_EVAL))
    from score_extract import matches  # the scorers' own matching

    out = []
    for document, labelled in corpus.documents:
        predicted = [f.to_json() for f in summariser.analyse(document, summary=False).figures]
        used: set[int] = set()
        for lf in labelled:
            for i, pf in enumerate(predicted):
                if i not in used and matches(pf, lf):
                    used.add(i)
                    if lf.get("measure") and lf["measure"] != "none":
                        metric = None if _generic(pf["metric"], pf["label"]) else pf["metric"]
                        out.append((lf["measure"], metric))
                    break
    return out


def score(all_corpora: list[Corpus]) -> tuple[float, int, int]:
    """(objective, right joins, wrong joins) with the weights now in force."""
    objective, right_all, wrong_all = 0.0, 0, 0
    for corpus in all_corpora:
        right = wrong = truth = 0
        for (a, pa), (b, pb) in itertools.combinations(_matched(corpus), 2):
            joined = pa is not None and pa == pb
            truth += a == b
            right += joined and a == b
            wrong += joined and a != b
        objective += (right - COST * wrong) / max(truth, 1)
        right_all, wrong_all = right_all + right, wrong_all + wrong
    return round(objective, 4), right_all, wrong_all


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hold-out", nargs="*", default=[], help="corpora kept out of the fit (realworld, challenge7, ...)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--write", action="store_true", help="write summariser/data/recognition.toml")
    a = ap.parse_args(argv)
    fitted_on = corpora(set(a.hold_out))
    print("fitted on:", ", ".join(c.name for c in fitted_on), "| held out:", ", ".join(a.hold_out) or "none")
    weights, s = fit(fitted_on, a.rounds, score=score)
    print(f"fitted weights: objective {s[0]} (right {s[1]}, wrong {s[2]})")
    frozen = load()
    for fld in fields(weights):
        if getattr(weights, fld.name) != getattr(frozen, fld.name):
            print(f"  {fld.name}: {getattr(frozen, fld.name)} -> {getattr(weights, fld.name)}")
    if a.write:
        write(weights)
    return 0


if __name__ == "__main__":
    sys.exit(main())
