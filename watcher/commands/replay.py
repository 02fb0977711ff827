"""`inspectwatch replay PATH...`: past documents through the same pipeline, in publication order."""

from __future__ import annotations

import argparse
from datetime import date

from watcher.errors import UserError


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "replay",
        help="run past documents through the pipeline, in publication order",
        description="Read files (.txt, .html, .pdf), folders of them, or feed files, and run "
        "them in publication order through exactly the pipeline the service runs.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--dry-run", action="store_true", help="use a scratch state and send nothing")
    p.add_argument("--format", choices=("text", "jsonl"), default="text")
    p.add_argument(
        "--since", type=_date, metavar="DATE", help="only documents published on or after DATE"
    )
    p.add_argument(
        "--manifest", metavar="FILE", help="JSON/CSV giving url, title and published per file"
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from watcher.preflight import check_extractors

    check_extractors()  # a missing extractor is said once, not as every document's failure
    try:
        from watcher.replay import replay_command
    except ImportError as exc:  # pragma: no cover
        raise UserError(f"replay is unavailable: {exc}", exit_code=1) from None
    return replay_command(args)
