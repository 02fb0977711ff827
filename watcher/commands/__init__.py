"""The subcommands, in the order `--help` lists them. A new command is a module added here."""

from watcher.commands import baseline, check, db, extract, figures, init, poll, replay, run, sources

COMMANDS = [init, check, poll, run, replay, extract, figures, sources, db, baseline]
