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


# The subcommands that talk to the Kafka brokers: each first checks that a broker answers and accepts
# the credentials (kafkaio.probe), so a wrong address or password is one line, not a hang.
KAFKA_COMMANDS = frozenset({"worker", "topics", "produce", "consume"})


def main(argv: list[str] | None = None) -> int:
    from streams import kafkaio, settings

    args = build_parser().parse_args(argv)
    try:
        loaded = settings.load()
        if args.command in KAFKA_COMMANDS:
            kafkaio.probe(loaded)
    except settings.SettingsError as exc:
        for problem in exc.problems:
            print(f"bounce-hygiene {args.command}: {problem}", file=sys.stderr)
        return 2
    except kafkaio.Unreachable as exc:
        print(f"bounce-hygiene {args.command}: {exc}", file=sys.stderr)
        return 1
    return int(args.func(args, loaded) or 0)


if __name__ == "__main__":
    sys.exit(main())
