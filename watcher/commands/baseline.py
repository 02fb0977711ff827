"""`inspectwatch baseline build SEEDS`: derive the shipped seed baseline (figures, not text)."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "baseline",
        help="maintainers: rebuild the shipped seed baseline",
        description="Rebuild state/baseline/seed_baseline.json from the seed corpus. It holds "
        "figures, measures, scopes, dates and titles derived from the seeds, never their text.",
    )
    bsub = p.add_subparsers(dest="baseline_command", metavar="ACTION", required=True)
    b = bsub.add_parser("build", help="extract the seed corpus and write the baseline JSON")
    b.add_argument(
        "seeds", metavar="SEEDS_DIR", help="folder of seed documents, e.g. ../shared/seeds"
    )
    b.add_argument(
        "--output", metavar="FILE", help="default: the packaged state/baseline/seed_baseline.json"
    )
    b.add_argument(
        "--manifest",
        metavar="FILE",
        help="dates, titles and links per file, as for replay (default: state/baseline/seed_manifest.json)",
    )
    b.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from watcher.baseline_cmd import build_baseline_command

    return build_baseline_command(args)
