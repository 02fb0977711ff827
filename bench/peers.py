"""The watcher over material nobody here wrote: feedparser's test corpus, the scrapinghub
article-extraction benchmark and folders of real PDFs. The corpora are not shipped: fetch
them and pass their paths; a corpus whose path is not given is skipped.

    python -m bench.peers --feeds PATH/feedparser/tests --articles PATH/article-extraction-benchmark \
        --pdfs PATH/pdfs [--pdfs ...] [--limit N]

Under `python -m bench` the paths come from INSPECTWATCH_PEER_FEEDS, INSPECTWATCH_PEER_ARTICLES
and INSPECTWATCH_PEER_PDFS (os.pathsep-separated); unset, the benchmark prints nothing.
Articles are scored by the benchmark's own evaluate.py, imported from the corpus folder.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import sys
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

from bench import Result

SLOWEST_TARGET = 2.0  # seconds for one feed
ITEMS_TOLERANCE = 0.01  # share of feedparser's own count


def _files(root: Path, suffixes: tuple[str, ...], limit: int | None) -> list[Path]:
    found = sorted(p for p in root.rglob("*") if p.is_file() and p.name.lower().endswith(suffixes))
    return found[:limit] if limit else found


def feeds(root: Path, limit: int | None = None) -> Iterator[Result]:
    """Every .xml/.json file as a fetched feed: read, failed where feedparser finds entries,
    tracebacks, the slowest, and items read against feedparser's own count."""
    import feedparser

    from watcher.errors import ParseError
    from watcher.sources.feed import parse_feed

    read = refused = failed = crashed = ours = theirs = 0
    slowest, slowest_name = 0.0, ""
    for path in _files(root, (".xml", ".json"), limit):
        body = path.read_bytes()
        expected = len(feedparser.parse(body).entries)
        started = time.perf_counter()
        try:
            listing = parse_feed(body, {}, f"http://127.0.0.1/{path.name}", 1000)
            ours += len(listing.entries)
            read += 1
        except ParseError as exc:
            failed += bool(expected)
            refused += not expected
            if expected:
                print(f"  failed: {path.relative_to(root)}: {exc}", file=sys.stderr)
        except Exception:
            crashed += 1
            print(
                f"  traceback: {path.relative_to(root)}\n{traceback.format_exc()}", file=sys.stderr
            )
        took = time.perf_counter() - started
        theirs += expected
        if took > slowest:
            slowest, slowest_name = took, str(path.relative_to(root))
    ratio = ours / theirs if theirs else 1.0
    yield Result(
        "peers feeds read",
        read,
        "feeds",
        note=f"of {read + refused + failed + crashed}; {refused} refused, no entries there",
    )
    yield Result("peers feeds failing with entries", failed, "feeds", 0, "lower")
    yield Result("peers feeds tracebacks", crashed, "feeds", 0, "lower")
    yield Result("peers feeds slowest", slowest, "s", SLOWEST_TARGET, "lower", slowest_name)
    yield Result(
        "peers feed items vs feedparser",
        ratio,
        "ratio",
        1 - ITEMS_TOLERANCE,
        note=f"{ours} read, feedparser {theirs}",
    )


def _evaluator(root: Path):
    spec = importlib.util.spec_from_file_location("peer_evaluate", root / "evaluate.py")
    assert spec and spec.loader, f"no evaluate.py in {root}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _page_f1(module, true: str, pred: str) -> float:
    tp, fp, fn = module.string_shingle_matching(true=true, pred=pred)
    p, r = module.precision_score(tp, fp, fn), module.recall_score(tp, fp, fn)
    return 2 * p * r / (p + r) if p + r else 0.0


def articles(root: Path, limit: int | None = None) -> Iterator[Result]:
    """Our page extraction and plain trafilatura on the benchmark's pages, both scored by
    its evaluate.py: F1 on all pages and on those a site profile (not generic) took."""
    import trafilatura

    from watcher.extract.html import extract_html

    module = _evaluator(root)
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    ours: dict[str, dict] = {}
    theirs: dict[str, dict] = {}
    profiled: list[str] = []
    started = time.perf_counter()
    for key in keys:
        html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        page = extract_html(html, truth[key].get("url"))
        ours[key] = {"articleBody": page.body}
        theirs[key] = {"articleBody": trafilatura.extract(html) or ""}
        if page.profile != "generic":
            profiled.append(key)
    took = time.perf_counter() - started
    gt = {k: truth[k] for k in keys}
    for label, subset in (("all pages", keys), ("profiled pages", profiled)):
        if not subset:
            continue
        sub = {k: gt[k] for k in subset}
        a = module.evaluate(sub, {k: ours[k] for k in subset}, 0)["f1"]
        b = module.evaluate(sub, {k: theirs[k] for k in subset}, 0)["f1"]
        yield Result(
            f"peers article F1, {label}",
            a,
            "F1",
            round(b, 3),
            note=f"{len(subset)} pages; target is trafilatura's",
        )
    bad = [
        k
        for k in keys
        if _page_f1(module, gt[k].get("articleBody", ""), ours[k]["articleBody"]) < 0.5
        and _page_f1(module, gt[k].get("articleBody", ""), theirs[k]["articleBody"]) > 0.9
    ]
    yield Result(
        "peers pages <0.5 where trafilatura >0.9",
        len(bad),
        "pages",
        0,
        "lower",
        " ".join(bad)[:200],
    )
    yield Result(
        "peers article pages per second", len(keys) / took, "pages/s", note="both extractors"
    )


def pdfs(roots: list[Path], limit: int | None = None) -> Iterator[Result]:
    """Every .pdf under the folders: read, refused (one line each), tracebacks, truncated,
    pages per second."""
    from watcher.errors import ParseError
    from watcher.extract.pdf import extract_pdf

    read = refused = crashed = truncated = pages = 0
    took = 0.0
    for root in roots:
        for path in _files(root, (".pdf",), limit):
            started = time.perf_counter()
            try:
                pdf = extract_pdf(path.read_bytes())
                read += 1
                pages += pdf.pages
                truncated += bool(pdf.truncated)
            except ParseError as exc:
                refused += 1
                message = str(exc)
                assert "\n" not in message, message
                print(f"  refused: {path.name}: {message}", file=sys.stderr)
            except Exception:
                crashed += 1
                print(f"  traceback: {path}\n{traceback.format_exc()}", file=sys.stderr)
            took += time.perf_counter() - started
    yield Result("peers pdfs read", read, "pdfs", note=f"{refused} refused, each in one line")
    yield Result("peers pdfs tracebacks", crashed, "pdfs", 0, "lower")
    yield Result("peers pdfs cut at the page cap", truncated, "pdfs", note="each one a warning")
    yield Result("peers pdf pages per second", pages / took if took else 0.0, "pages/s")


def measure(
    feeds_root: Path | None,
    articles_root: Path | None,
    pdf_roots: list[Path],
    limit: int | None = None,
) -> list[Result]:
    out: list[Result] = []
    if feeds_root:
        out += feeds(feeds_root, limit)
    if articles_root:
        out += articles(articles_root, limit)
    if pdf_roots:
        out += pdfs(pdf_roots, limit)
    return out


def run(quick: bool = False) -> list[Result]:
    """Under `python -m bench`: corpora named by environment variables, else nothing."""
    env = os.environ
    pdf_roots = [Path(p) for p in env.get("INSPECTWATCH_PEER_PDFS", "").split(os.pathsep) if p]
    return measure(
        Path(env["INSPECTWATCH_PEER_FEEDS"]) if env.get("INSPECTWATCH_PEER_FEEDS") else None,
        Path(env["INSPECTWATCH_PEER_ARTICLES"]) if env.get("INSPECTWATCH_PEER_ARTICLES") else None,
        pdf_roots,
        limit=50 if quick else None,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.peers", description=__doc__)
    parser.add_argument("--feeds", type=Path, help="feedparser's tests/ folder")
    parser.add_argument("--articles", type=Path, help="the article-extraction-benchmark folder")
    parser.add_argument("--pdfs", type=Path, action="append", default=[], help="a folder of PDFs")
    parser.add_argument("--limit", type=int, help="at most N files per corpus")
    args = parser.parse_args(argv)
    for r in measure(args.feeds, args.articles, args.pdfs, args.limit):
        print(r.line(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
