"""`inspectwatch extract PATH...`: figures of local documents; no state, no network."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="print the figures of local .txt/.html/.pdf documents",
        description="Run text extraction and the summariser on local files and print "
        "their figures. Touches no state and no network.",
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="files (.txt, .html, .pdf) or folders of them"
    )
    p.add_argument(
        "--format",
        choices=("json", "text"),
        default="json",
        help="json: one object per document per line (default); text: readable",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from watcher.preflight import check_extractors

    check_extractors()  # a missing extractor is said once, not as every document's failure
    from watcher.extract_cmd import extract_command

    return extract_command(args.paths, args.format)
