"""`bounce-hygiene worker`: run the faust stream job (streams.app) until SIGTERM or SIGINT."""
from __future__ import annotations

import argparse

from streams.commands import fail, kafka_options
from streams.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "worker",
        help="run the stream job: raw bounces and engagement in, unsubscribe commands out",
        description="Run one worker of the stream job, configured by the environment (KAFKA_BOOTSTRAP_SERVERS,\n"
        "HYGIENE_*). Each worker needs its own HYGIENE_DATA_DIR. SIGTERM or Ctrl-C stops it cleanly.\n"
        "It serves /metrics, /healthz and /readyz on HYGIENE_HTTP_PORT (default 8080; 0: none).",
    )
    kafka_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    # faust reads sys.argv and the environment when imported: import it only when the worker runs.
    from streams import app, kafkaio

    try:
        return app.run(settings)
    except (app.WorkerError, kafkaio.TopicMismatch) as exc:
        return fail("worker", str(exc))
