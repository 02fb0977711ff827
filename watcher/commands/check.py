"""`inspectwatch check`: validate the config and print what would run; `--online` also
tries the database and the Telegram token."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="validate the config and print what would run",
        description="Validate the config (and that the extractors import); exit 2 naming "
        "every wrong field. With --online, also connect to the database and ask Telegram "
        "about the token; exit 1 when either fails.",
    )
    p.add_argument(
        "--online", action="store_true", help="also try the database and the Telegram token"
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from watcher.config import ConfigError, channel_problems, telegram_token
    from watcher.context import Context
    from watcher.preflight import extractor_problems

    ctx = Context(args.config)
    config = ctx.config  # raises ConfigError, reported by the CLI
    token = telegram_token(config, ctx.environ)
    problems = channel_problems(config, token) + extractor_problems(thorough=False)
    if problems:
        raise ConfigError(problems, ctx.config_path)
    _describe(ctx, config, token)
    if args.online:
        from watcher.online import check_online

        return check_online(config, token)
    return 0


def _describe(ctx, config, token: str | None) -> None:
    from state.urls import mask
    from watcher.config import warnings
    from watcher.durations import format_duration

    print(f"config: {ctx.config_path.resolve()} (valid)")
    print(f"state: {mask(config.state.url)}")
    print(f"sources: {len(config.sources)}")
    for s in config.sources:
        flag = "" if s.enabled else " (disabled)"
        tags = f" tags={','.join(s.tags)}" if s.tags else ""
        print(f"  {s.name}: {s.kind} {s.url} every {format_duration(s.interval)}{tags}{flag}")
    print("channels:")
    if token:
        print(
            f"  telegram: token set, api {config.telegram.api_base_url}, "
            f"{len(config.telegram.channels)} broadcast chat(s), {len(config.telegram.admins)} admin(s)"
        )
    for c in config.channels:
        print(f"  {c.name}: {c.kind}")
    if not token and not config.channels:
        print("  console (no TELEGRAM_BOT_TOKEN set and no [[channels]]: digests are printed)")
    print(
        f"delivery: backfill {format_duration(config.delivery.backfill)}, daily at {config.delivery.daily_time} "
        f"{config.delivery.timezone}"
    )
    print(f"service: http://{config.service.listen}/healthz (public {config.service.public_url})")
    for w in warnings(config):
        print(f"warning: {w}")
