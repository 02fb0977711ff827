"""`inspectwatch init`: write a commented sample config and create the database."""

from __future__ import annotations

import argparse
from importlib.resources import files


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "init",
        help="write a commented sample config and create the database",
        description="Write a commented sample config (watching the inspectorate and two blogs) "
        "and create the database with the seed baseline. An existing config is kept unless --force.",
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing config file")
    p.add_argument("--no-db", action="store_true", help="only write the config")
    p.set_defaults(handler=run)


def sample_config() -> str:
    return files("watcher").joinpath("sample_config.toml").read_text(encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    from watcher.context import Context

    ctx = Context(args.config)
    path = ctx.config_path
    if path.exists() and not args.force:
        print(f"{path} exists; leaving it as it is (use --force to overwrite)")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sample_config(), encoding="utf-8")
        print(f"wrote {path}")
    if args.no_db:
        return 0
    store = ctx.store()
    from state.baseline import summary

    with store.transaction() as session:
        docs, figs = summary(session)
    print(f"database ready: {store.display_url} (baseline: {docs} documents, {figs} figures)")
    print(
        f"next: `inspectwatch --config {path} check`, then `inspectwatch --config {path} poll --once`"
    )
    store.dispose()
    return 0
