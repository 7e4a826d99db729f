"""`bounce-hygiene worker`: run the faust stream job (streams.app) until SIGTERM or SIGINT."""
from __future__ import annotations

import argparse

from streams.commands import kafka_options
from streams.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "worker",
        help="run the stream job: raw bounces and engagement in, unsubscribe commands out",
        description="Run one worker of the stream job, configured by the environment (KAFKA_BOOTSTRAP_SERVERS,\n"
        "HYGIENE_*). Each worker needs its own HYGIENE_DATA_DIR. SIGTERM or Ctrl-C stops it cleanly.",
    )
    kafka_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    # faust reads sys.argv and the environment when imported: import it only when the worker runs.
    from streams import app

    return app.run(settings)
