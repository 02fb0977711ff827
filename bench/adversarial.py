"""Worst-case parse time per megabyte of adversarial input: every pre-parse step fed the
hostile bodies of tests/fakes/adversarial.py at 1 MB (quick: 256 kB), CPU seconds scaled to
a megabyte, beside the budget (a linear step stays well under it; a quadratic one does not)."""

from __future__ import annotations

import contextlib
import time

from bench import Result

TARGET = 1.0  # CPU seconds per megabyte, worst step


def run(quick: bool = False) -> list[Result]:
    from tests.fakes.adversarial import MB, cases

    size = MB // 4 if quick else MB
    worst, worst_name = 0.0, ""
    out = []
    for case in cases():
        body = case.body(size)
        started = time.process_time()
        case.run(body)
        per_mb = (time.process_time() - started) * MB / len(body)
        out.append(Result(f"adversarial {case.name}", per_mb, "s/MB", TARGET, "lower"))
        if per_mb > worst:
            worst, worst_name = per_mb, case.name
    out.append(Result("adversarial parse worst case", worst, "s/MB", TARGET, "lower", worst_name))
    return out + list(_feeds(quick))


def _feeds(quick: bool):
    """A feed item nested 100k deep, and a 12 MB feed of tiny items: CPU seconds to list
    the feed and read the entry's own text (refused as absurd for the deep one)."""
    from watcher.errors import ParseError
    from watcher.extract.feedentry import html_fragment_text
    from watcher.sources.feed import parse_feed

    depth = 20_000 if quick else 100_000
    deep = "&lt;div&gt;" * depth + "deep" + "&lt;/div&gt;" * depth
    tiny = "".join(
        f"<item><title>t{i}</title><link>http://127.0.0.1/{i}</link></item>"
        for i in range(25_000 if quick else 200_000)
    )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
    for name, items in (
        (
            f"feed item nested {depth // 1000}k deep",
            f"<item><title>d</title><description>{deep}</description></item>",
        ),
        (f"feed of tiny items, {len(tiny) // 1_000_000} MB", tiny),
    ):
        body = f"{head}{items}</channel></rss>".encode()
        started = time.process_time()
        listing = parse_feed(
            body, {"content-type": "application/rss+xml"}, "http://127.0.0.1/", 100
        )
        for entry in listing.entries[:1]:
            with contextlib.suppress(ParseError):
                html_fragment_text(entry.content_html)
        yield Result(name, time.process_time() - started, "s CPU", 5.0, "lower")
