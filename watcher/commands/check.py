"""`inspectwatch check`: validate the config and print what would run."""

from __future__ import annotations

import argparse

from watcher.config import telegram_token, warnings
from watcher.context import Context
from watcher.durations import format_duration


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="validate the config and print what would run",
        description="Validate the config; exit 2 naming every wrong field.",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    ctx = Context(args.config)
    config = ctx.config  # raises ConfigError, reported by the CLI
    token = telegram_token(config, ctx.environ)

    print(f"config: {ctx.config_path} (valid)")
    print(f"state: {_mask(config.state.url)}")
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
    print(f"service: http://{config.service.listen}/healthz")
    for w in warnings(config):
        print(f"warning: {w}")
    return 0


def _mask(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url
