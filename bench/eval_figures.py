"""Recall and precision of figure extraction against hand labels.

    python -m bench.eval_figures [--seeds DIR] [--labels FILE] [-v] [--json]

Defaults: the seed corpus `../shared/seeds` and its labels `../shared/eval/seed_figures.jsonl`
(relative to the repository root). Each document is read with `watcher.extract.load_path`
and analysed with `summariser.analyse`; post-body figures and reader-comment figures are
scored separately.

Matching rule. A prediction matches a label when all hold:
  * the same side: both in the post body, or both in the reader comments (`in_comments`);
  * the same value within 0.05 (or 0.5% of it): 66.7 matches 66.67;
  * compatible units: equal, or both durations (days/weeks/months/hours/years), or either
    is "other";
  * overlapping text: the label's `text` is found in the document (case and whitespace
    ignored; its `occurrence`-th appearance, counted over post then comments) and the
    prediction's span overlaps it. A label whose text cannot be found (the reader changed
    the text) matches on the other three alone.
Each label matches at most one prediction and vice versa (largest overlap first).
Recall = matched labels / labels; precision = matched predictions / predictions.
"in_comments flagged" = of the comment labels some prediction covers (side ignored),
the share predicted as in_comments.

Measure assignment. `--measures FILE` (default `tests/data/summariser/measure_labels.jsonl`)
gives, by hand, the taxonomy key of each labelled post-body figure (null when no measure
of the taxonomy fits). Top-1 accuracy = labelled body figures whose matched prediction
carries exactly that key / labelled body figures whose key is a measure of the taxonomy
(`summariser.measures.measure(key)` is not None); a label with no matching prediction
counts as wrong. Also printed: how many of those fell to generic keys ("other_percent",
"count_<noun>"), took another measure, or were not found; and how many figures with no
taxonomy measure were given one anyway.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"
DEFAULT_LABELS = ROOT.parent / "shared" / "eval" / "seed_figures.jsonl"
DEFAULT_MEASURES = ROOT / "tests" / "data" / "summariser" / "measure_labels.jsonl"
_DURATIONS = frozenset({"days", "weeks", "months", "hours", "years"})


@dataclass(frozen=True, slots=True)
class Pred:
    value: float
    unit: str
    in_comments: bool
    start: int  # in the combined text: body + "\n" + comments
    end: int
    text: str
    metric: str = ""


@dataclass(frozen=True, slots=True)
class Label:
    value: float
    unit: str
    in_comments: bool
    text: str
    span: tuple[int, int] | None
    measure: str | None = None  # hand-assigned taxonomy key (body figures), None if none
    mapped: bool = False  # a measure label exists for this figure


@dataclass(slots=True)
class MeasureTally:
    """Measure assignment over labelled body figures (see the module docstring)."""

    labelled: int = 0  # body figures whose hand key is a taxonomy measure
    right: int = 0
    generic: int = 0  # matched, but given a generic key
    other: int = 0  # matched, but given another measure
    missed: int = 0  # no matching prediction
    unknown_keys: int = 0  # hand keys that are not (yet) measures of the taxonomy
    no_measure: int = 0  # body figures with no taxonomy measure, matched
    spurious: int = 0  # ... of which given a taxonomy measure anyway
    wrong: list = field(default_factory=list)  # (label, predicted key or None)

    @property
    def accuracy(self) -> float:
        return self.right / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        """Of the figures given a measure, how many got the right one: abstaining (a
        generic key) is not a wrong measure, a wrong measure is."""
        given = self.right + self.other
        return self.right / given if given else 1.0

    def add(self, o: MeasureTally) -> None:
        for name in ("labelled", "right", "generic", "other", "missed", "unknown_keys", "no_measure", "spurious"):
            setattr(self, name, getattr(self, name) + getattr(o, name))
        self.wrong.extend(o.wrong)


@dataclass(slots=True)
class Tally:
    labels: int = 0
    preds: int = 0
    matched: int = 0

    @property
    def recall(self) -> float:
        return self.matched / self.labels if self.labels else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.preds if self.preds else 1.0

    def add(self, other: Tally) -> None:
        self.labels += other.labels
        self.preds += other.preds
        self.matched += other.matched


@dataclass(slots=True)
class DocResult:
    doc: str
    body: Tally = field(default_factory=Tally)
    comments: Tally = field(default_factory=Tally)
    misses: list[Label] = field(default_factory=list)
    false_positives: list[Pred] = field(default_factory=list)
    flag_right: int = 0
    flag_seen: int = 0
    measures: MeasureTally = field(default_factory=MeasureTally)


@dataclass(slots=True)
class Report:
    docs: list[DocResult]
    body: Tally
    comments: Tally
    flag_right: int
    flag_seen: int
    measures: MeasureTally = field(default_factory=MeasureTally)

    @property
    def flagged(self) -> float:
        return self.flag_right / self.flag_seen if self.flag_seen else 1.0

    def to_json(self) -> dict:
        return {
            "body": {"recall": self.body.recall, "precision": self.body.precision,
                     "labels": self.body.labels, "predictions": self.body.preds, "matched": self.body.matched},
            "comments": {"recall": self.comments.recall, "precision": self.comments.precision,
                         "labels": self.comments.labels, "predictions": self.comments.preds,
                         "matched": self.comments.matched, "in_comments_flagged": self.flagged},
            "measures": {"accuracy": self.measures.accuracy, "labelled": self.measures.labelled,
                         "right": self.measures.right, "generic": self.measures.generic,
                         "other_measure": self.measures.other, "not_found": self.measures.missed,
                         "keys_not_in_taxonomy": self.measures.unknown_keys,
                         "no_measure": self.measures.no_measure, "given_a_measure": self.measures.spurious},
            "documents": {d.doc: {"body": [d.body.matched, d.body.labels, d.body.preds],
                                  "comments": [d.comments.matched, d.comments.labels, d.comments.preds]}
                          for d in self.docs},
        }  # fmt: skip


def _pattern(text: str) -> re.Pattern[str]:
    parts = [re.escape(w) for w in text.split()]
    return re.compile(r"\s+".join(parts), re.I)


def locate(
    haystack: str, text: str, occurrence: int = 1, side: tuple[int, int] | None = None
) -> tuple[int, int] | None:
    """Span of the `occurrence`-th appearance of `text`: exact case first, then any case,
    whitespace ignored. With `side` (the body's or the comments' range), an appearance on
    the other side moves on to the first one inside `side`."""
    if not text.strip():
        return None
    parts = [re.escape(w) for w in text.split()]
    for flags in (0, re.I):
        found = [m.span() for m in re.finditer(r"\s+".join(parts), haystack, flags)]
        if len(found) < occurrence:
            continue
        span = found[occurrence - 1]
        if side is not None and not (side[0] <= span[0] < side[1]):
            inside = [s for s in found[occurrence - 1 :] if side[0] <= s[0] < side[1]]
            if not inside:
                continue
            span = inside[0]
        return span
    return None


def span_at(haystack: str, start: int, text: str) -> tuple[int, int]:
    """The span of a prediction's normalised `text` that starts at `start`."""
    m = _pattern(text).match(haystack, start) if text.strip() else None
    return (start, m.end()) if m else (start, start + len(text))


def units_compatible(a: str, b: str) -> bool:
    return a == b or (a in _DURATIONS and b in _DURATIONS) or "other" in (a, b)


def values_match(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.05, 0.005 * abs(b))


def read_labels(path: Path) -> dict[str, dict]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out[d["doc"]] = d
    return out


def read_measure_labels(path: Path | None) -> dict[str, dict[tuple[str, int, float], str | None]]:
    """doc -> (text, occurrence, value) -> hand-assigned measure key (or None)."""
    if path is None or not path.is_file():
        return {}
    out: dict[str, dict[tuple[str, int, float], str | None]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            per = out.setdefault(d["doc"], {})
            for f in d["figures"]:
                per[(f["text"], f.get("occurrence", 1), float(f["value"]))] = f["measure"]
    return out


def summariser_predict(document) -> list[Pred]:
    """Predictions of inspectwatch's own summariser."""
    import summariser

    combined = document.body + "\n" + document.comments
    offset = len(document.body) + 1
    out = []
    for f in summariser.analyse(document).figures:
        base = offset if f.in_comments else 0
        s, e = span_at(combined, base + f.start, f.text)
        out.append(Pred(f.value, f.unit, f.in_comments, s, e, f.text, f.metric))
    return out


def evaluate_document(
    document, labels: dict, preds: list[Pred], measures: dict[tuple[str, int, float], str | None] | None = None
) -> DocResult:
    combined = document.body + "\n" + document.comments
    split = len(document.body)
    res = DocResult(doc=labels["doc"])
    gold: list[Label] = []
    measures = measures or {}
    for f in labels["figures"]:
        side = (split + 1, len(combined)) if f["in_comments"] else (0, split)
        span = locate(combined, f["text"], f.get("occurrence", 1), side)
        key = (f["text"], f.get("occurrence", 1), float(f["value"]))
        mapped = not f["in_comments"] and key in measures
        gold.append(Label(float(f["value"]), f["unit"], bool(f["in_comments"]), f["text"], span,
                          measures.get(key) if mapped else None, mapped))  # fmt: skip

    def pairs(check_side: bool) -> list[tuple[float, int, int]]:
        out = []
        for gi, g in enumerate(gold):
            for pi, p in enumerate(preds):
                if check_side and g.in_comments != p.in_comments:
                    continue
                if not values_match(p.value, g.value) or not units_compatible(p.unit, g.unit):
                    continue
                if g.span is None:
                    overlap = 0.5
                else:
                    overlap = min(g.span[1], p.end) - max(g.span[0], p.start)
                    if overlap <= 0:
                        continue
                out.append((overlap, gi, pi))
        out.sort(key=lambda x: (-x[0], x[1], x[2]))
        return out

    matched_g: dict[int, int] = {}
    matched_p: set[int] = set()
    for _ov, gi, pi in pairs(True):
        if gi in matched_g or pi in matched_p:
            continue
        matched_g[gi] = pi
        matched_p.add(pi)
    _score_measures(res.measures, gold, preds, matched_g)
    for g_i, g in enumerate(gold):
        t = res.comments if g.in_comments else res.body
        t.labels += 1
        if g_i in matched_g:
            t.matched += 1
        else:
            res.misses.append(g)
    for p_i, p in enumerate(preds):
        t = res.comments if p.in_comments else res.body
        t.preds += 1
        if p_i not in matched_p:
            res.false_positives.append(p)
    # in_comments flag: comment labels covered by any prediction, side ignored
    used: set[int] = set()
    covered: set[int] = set()
    for _ov, gi, pi in pairs(False):
        if gi in covered or pi in used or not gold[gi].in_comments:
            continue
        covered.add(gi)
        used.add(pi)
        res.flag_seen += 1
        res.flag_right += int(preds[pi].in_comments)
    return res


def _score_measures(t: MeasureTally, gold: list[Label], preds: list[Pred], matched: dict[int, int]) -> None:
    from summariser.measures import base_key, measure

    for gi, g in enumerate(gold):
        if not g.mapped:
            continue
        p = preds[matched[gi]] if gi in matched else None
        got = p.metric if p is not None else None
        got_measure = got is not None and measure(got) is not None
        if g.measure is None:
            if p is not None:
                t.no_measure += 1
                if got_measure:
                    t.spurious += 1
                    t.wrong.append((g, got))
            continue
        if measure(g.measure) is None:
            t.unknown_keys += 1
            continue
        t.labelled += 1
        if p is None:
            t.missed += 1
            t.wrong.append((g, None))
        elif got == g.measure or base_key(got) == g.measure:
            t.right += 1
        else:
            if got_measure:
                t.other += 1
            else:
                t.generic += 1
            t.wrong.append((g, got))


def evaluate(
    seeds: Path,
    labels_path: Path,
    predict: Callable[[object], list[Pred]] = summariser_predict,
    docs: Iterable[str] | None = None,
    measures_path: Path | None = DEFAULT_MEASURES,
) -> Report:
    from watcher.extract import load_path

    labels = read_labels(labels_path)
    measure_labels = read_measure_labels(measures_path)
    results = []
    body, comments = Tally(), Tally()
    measures = MeasureTally()
    right = seen = 0
    for name in sorted(docs or labels):
        document = load_path(seeds / name)
        r = evaluate_document(document, labels[name], predict(document), measure_labels.get(name))
        results.append(r)
        body.add(r.body)
        comments.add(r.comments)
        measures.add(r.measures)
        right += r.flag_right
        seen += r.flag_seen
    return Report(results, body, comments, right, seen, measures)


def print_report(report: Report, verbose: bool, out=sys.stdout) -> None:
    w = out.write
    w(f"{'document':<34} {'body R':>7} {'body P':>7} {'comm R':>7} {'comm P':>7}   (matched/labels/predicted)\n")
    for d in report.docs:
        w(
            f"{d.doc:<34} {d.body.recall:>7.2f} {d.body.precision:>7.2f} "
            f"{d.comments.recall:>7.2f} {d.comments.precision:>7.2f}   "
            f"body {d.body.matched}/{d.body.labels}/{d.body.preds}, "
            f"comments {d.comments.matched}/{d.comments.labels}/{d.comments.preds}\n"
        )
        if verbose:
            for g in d.misses:
                side = "comment" if g.in_comments else "body"
                w(f"    miss  [{side}] {g.value:g} {g.unit}: {g.text!r}\n")
            for p in d.false_positives:
                side = "comment" if p.in_comments else "body"
                w(f"    extra [{side}] {p.value:g} {p.unit}: {p.text!r} ({p.metric})\n")
            for g, got in d.measures.wrong:
                w(f"    measure {g.text!r}: {got or 'not found'} (labelled {g.measure or 'no taxonomy measure'})\n")
    b, c = report.body, report.comments
    w(
        f"\nbody figures:    recall {b.recall:.3f}  precision {b.precision:.3f}  "
        f"({b.matched} matched, {b.labels} labelled, {b.preds} predicted)\n"
    )
    w(
        f"comment figures: recall {c.recall:.3f}  precision {c.precision:.3f}  "
        f"({c.matched} matched, {c.labels} labelled, {c.preds} predicted); "
        f"in_comments flagged {report.flagged:.3f} ({report.flag_right}/{report.flag_seen})\n"
    )
    m = report.measures
    if m.labelled or m.no_measure or m.unknown_keys:
        w(
            f"measure assignment (body): top-1 accuracy {m.accuracy:.3f} ({m.right} of {m.labelled} "
            f"with a taxonomy measure; {m.generic} fell to generic keys, {m.other} took another measure, "
            f"{m.missed} not found)"
            + (f"; {m.unknown_keys} labelled with keys not in the taxonomy" if m.unknown_keys else "")
            + f"; {m.spurious} of {m.no_measure} with no taxonomy measure were given one\n"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval_figures", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="folder of documents")
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS, help="labels, one JSON line per document")
    parser.add_argument("--measures", type=Path, default=DEFAULT_MEASURES,
                        help="hand-assigned measure keys of labelled body figures")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses, false positives and wrong measures")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not args.labels.is_file():
        print(f"{args.labels}: no such file", file=sys.stderr)
        return 2
    report = evaluate(args.seeds, args.labels, measures_path=args.measures)
    if args.json:
        print(json.dumps(report.to_json(), indent=2))
    else:
        print_report(report, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
