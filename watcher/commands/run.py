"""`inspectwatch run`: the service."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "run",
        help="the service: scheduler, Telegram bot, delivery, /healthz, /metrics",
        description="Run the long-lived service: poll sources on their intervals, answer the "
        "Telegram bot, deliver digests, serve /healthz, /metrics and /digests.atom.",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from watcher.service import run_service

    return run_service(args)
