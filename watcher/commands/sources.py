"""`inspectwatch sources`: poll state of each source; OPML import and export."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sources",
        help="each source with last poll, status, failures, next due; OPML",
        description="Show each configured source's poll state, or import/export OPML.",
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    ssub = p.add_subparsers(dest="sources_command", metavar="ACTION")
    imp = ssub.add_parser(
        "import", help="append the feeds of an OPML file to the config as [[sources]]"
    )
    imp.add_argument("file", metavar="FILE.opml")
    imp.add_argument("--interval", default="1h")
    exp = ssub.add_parser("export", help="print the configured feeds as OPML")
    exp.add_argument("--output", metavar="FILE")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from watcher.sources_cmd import sources_command

    return sources_command(args)
