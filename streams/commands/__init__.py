"""Subcommands of `bounce-hygiene`: thin shells over the pure core and the Kafka edge.

What they share: one error style (`fail`) and the `--bootstrap-servers` option of the commands
that talk to Kafka (`kafka_options`), whose brokers cli.py checks before the command runs.
"""
from __future__ import annotations

import argparse
import sys


def fail(command: str, message: str, code: int = 1) -> int:
    """Print "bounce-hygiene COMMAND: MESSAGE" on standard error; the exit code to return."""
    print(f"bounce-hygiene {command}: {message}", file=sys.stderr)
    return code


def kafka_options(parser: argparse.ArgumentParser) -> None:
    """--bootstrap-servers, and the mark that makes cli.py check the brokers answer before the command runs."""
    parser.add_argument("--bootstrap-servers", metavar="HOST:PORT[,...]",
                        help="Kafka brokers (default: KAFKA_BOOTSTRAP_SERVERS, else localhost:9092)")
    parser.set_defaults(needs_kafka=True)
