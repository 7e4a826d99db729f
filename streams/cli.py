"""The `bounce-hygiene` command: a table of subcommands, each in its own module under commands/."""
from __future__ import annotations

import argparse
import importlib
from importlib import metadata
import sys

# (subcommand, module under streams.commands); each module has `register(subparsers)` which adds
# its parser and sets `func(args, settings) -> int`. Modules are imported only when listed here,
# so the order of the help text is decided in this table.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("replay", "replay"),
    ("classify", "classify"),
    ("evaluate", "evaluate"),
    ("worker", "worker"),
    ("kafka", "kafka"),
    ("topics", "topics"),
    ("produce", "produce"),
    ("consume", "consume"),
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bounce-hygiene", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {metadata.version('bounce-hygiene')}")
    sub = parser.add_subparsers(dest="command", required=True)
    for _name, module in COMMANDS:
        importlib.import_module(f"streams.commands.{module}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from streams import settings

    args = build_parser().parse_args(argv)
    return int(args.func(args, settings.load()) or 0)


if __name__ == "__main__":
    sys.exit(main())
