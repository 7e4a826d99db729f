"""Contact hygiene from bounces and engagement: classify bounces, decide unsubscribes, run the stream job.

Settings come from the environment (KAFKA_BOOTSTRAP_SERVERS, HYGIENE_*, see the README); options
given on the command line win. `bounce-hygiene COMMAND --help` describes each command.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from importlib import metadata

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


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions as written; every option's default shown unless its help says it already."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        if (not action.option_strings or "default" in text
                or action.default in (None, False, "", argparse.SUPPRESS) or isinstance(action.default, list)):
            return text
        return f"{text} (default: %(default)s)"


class Parser(argparse.ArgumentParser):
    """A parser whose errors are one line in the style of every other error of the command."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # argparse's own: usage, then "PROG: error: MESSAGE"
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="bounce-hygiene", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {metadata.version('bounce-hygiene')}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for _name, module in COMMANDS:
        importlib.import_module(f"streams.commands.{module}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from streams import kafkaio, logs, settings
    from streams.commands import fail

    args = build_parser().parse_args(argv)
    try:
        loaded = settings.with_bootstrap(settings.load(), getattr(args, "bootstrap_servers", None))
    except settings.SettingsError as exc:
        for problem in exc.problems:
            fail(args.command, problem)
        return 2
    logs.configure(loaded.log_format, loaded.log_level)
    if getattr(args, "needs_kafka", False):
        try:
            kafkaio.probe(loaded)
        except kafkaio.Unreachable as exc:
            return fail(args.command, str(exc))
    return int(args.func(args, loaded) or 0)


if __name__ == "__main__":
    sys.exit(main())
