"""The `inspectwatch` command: parses arguments, dispatches, and turns every error a
user can cause into one clear line (exit 2 for usage and config, 1 for the rest).

Only argparse and the command modules (which import their work when run) load before
dispatch, so `--help` answers at once.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from watcher import logs
from watcher.commands import COMMANDS

log = logging.getLogger("inspectwatch")


class _Version(argparse.Action):
    """--version, reading the version only when asked."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from watcher import __version__

        parser.exit(message=f"inspectwatch {__version__}\n")


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """Options every command takes, before or after its name (`inspectwatch check --config
    x.toml`). On subcommands they default to nothing, so they never undo the top level's."""
    default = {} if top else {"default": argparse.SUPPRESS}
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="TOML config (default ./inspectwatch.toml, or $INSPECTWATCH_CONFIG)",
        **({"default": None} if top else default),
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        help="more logging (-vv for debug)",
        **({"default": 0} if top else default),
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="only errors", **({} if top else default)
    )
    parser.add_argument(
        "--log-format",
        choices=("text", "json"),
        help="log line format (default from config)",
        **({"default": None} if top else default),
    )


def _subparsers(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.values()


def _add_common_everywhere(parser: argparse.ArgumentParser) -> None:
    for sub in _subparsers(parser):
        _common(sub, top=False)
        _add_common_everywhere(sub)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inspectwatch",
        description="Watch HM Inspectorate of Probation and the blogs that discuss it; "
        "pull out key figures, compare them with earlier reports, post digests to chat.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="print the version and exit")
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.add_parser(sub)
    _add_common_everywhere(parser)
    return parser


def _level(args: argparse.Namespace) -> str:
    if args.quiet:
        return "error"
    return {0: "warning", 1: "info"}.get(args.verbose, "debug")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logs.setup(_level(args), args.log_format or "text", explicit=args.log_format is not None)
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("inspectwatch: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        return report(exc)


def report(exc: Exception) -> int:
    """One line (or one per config problem) for an error that ended a command; its exit code."""
    from state.errors import StateError
    from watcher.errors import ConfigError, UserError

    if isinstance(exc, ConfigError):
        where = f"{exc.path}: " if exc.path else ""
        for problem in exc.problems:
            print(f"inspectwatch: config error: {where}{problem}", file=sys.stderr)
        return 2
    if isinstance(exc, UserError):
        print(f"inspectwatch: {exc}", file=sys.stderr)
        return exc.exit_code
    if type(exc).__name__ == "InstanceLocked":
        print(f"inspectwatch: {exc}", file=sys.stderr)
        return 1
    if isinstance(exc, StateError):
        print(f"inspectwatch: database error: {exc}", file=sys.stderr)
        return 1
    if "sqlalchemy" in sys.modules:
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError):
            first = str(exc.orig).strip().splitlines()[0]
            print(f"inspectwatch: database error: {first}", file=sys.stderr)
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
