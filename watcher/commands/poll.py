"""`inspectwatch poll --once`: poll every source once, store, digest, deliver, exit."""

from __future__ import annotations

import argparse

from watcher.errors import UserError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "poll",
        help="poll every source once, store, digest, deliver, exit",
        description="Poll every enabled source once, store what is new, build digests, deliver "
        "them, and print one line per source. Exit 1 when every source failed (the last line "
        "says so), else 0.",
    )
    p.add_argument(
        "--once",
        action="store_true",
        help="poll once and exit (the only mode; `run` is the service)",
    )
    p.add_argument(
        "--source", action="append", metavar="NAME", help="only this source (repeatable)"
    )
    p.add_argument(
        "--no-deliver", action="store_true", help="store and digest but leave deliveries pending"
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not args.once:
        raise UserError("poll needs --once (the long-running service is `inspectwatch run`)")
    from watcher.poll_cmd import poll_once_command

    return poll_once_command(args)
