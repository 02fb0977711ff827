"""The `inspectwatch` command: parses arguments, dispatches, and turns every error a
user can cause into one clear line (exit 2 for usage and config, 1 for the rest)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from state import StateError
from state.lock import InstanceLocked
from watcher import __version__, logs
from watcher.commands import COMMANDS
from watcher.config import ConfigError
from watcher.errors import UserError

log = logging.getLogger("inspectwatch")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inspectwatch",
        description="Watch HM Inspectorate of Probation and the blogs that discuss it; "
        "pull out key figures, compare them with earlier reports, post digests to chat.",
    )
    parser.add_argument("--version", action="version", version=f"inspectwatch {__version__}")
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="TOML config (default ./inspectwatch.toml, or $INSPECTWATCH_CONFIG)",
    )
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="more logging (-vv for debug)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors")
    parser.add_argument(
        "--log-format", choices=("text", "json"), help="log line format (default from config)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.add_parser(sub)
    return parser


def _level(args: argparse.Namespace) -> str:
    if args.quiet:
        return "error"
    return {0: "warning", 1: "info"}.get(args.verbose, "debug")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logs.setup(_level(args), args.log_format or "text")
    try:
        return int(args.handler(args) or 0)
    except ConfigError as exc:
        where = f"{exc.path}: " if exc.path else ""
        for problem in exc.problems:
            print(f"inspectwatch: config error: {where}{problem}", file=sys.stderr)
        return 2
    except UserError as exc:
        print(f"inspectwatch: {exc}", file=sys.stderr)
        return exc.exit_code
    except InstanceLocked as exc:
        print(f"inspectwatch: {exc}", file=sys.stderr)
        return 1
    except StateError as exc:
        print(f"inspectwatch: database error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("inspectwatch: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last resort: say what happened in one line, details under -v
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError):
            print(
                f"inspectwatch: database error: {str(exc.orig).strip().splitlines()[0]}",
                file=sys.stderr,
            )
            return 1
        log.debug("unexpected error", exc_info=True)
        print(
            f"inspectwatch: unexpected error: {type(exc).__name__}: {logs.REDACTOR.redact(str(exc))} "
            "(run with -vv for the traceback)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
