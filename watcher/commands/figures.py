"""`inspectwatch figures [METRIC]`: the history of measures from state."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "figures",
        help="the history of measures from state",
        description="Without METRIC: every measure with how many values it has. With METRIC "
        "(a key or words): its values, dates and sources.",
    )
    p.add_argument("metric", nargs="?", metavar="METRIC")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from watcher.figures_cmd import figures_command

    return figures_command(args)
