"""Start, stop or inspect a single-node Kafka broker on this machine, for development and tests.

Apache Kafka's jars are fetched once with Maven into ~/.cache/bounce-hygiene (HYGIENE_KAFKA_CACHE);
the broker needs Java 17+. `start` prints the bootstrap address as its last line:
  export KAFKA_BOOTSTRAP_SERVERS=$(bounce-hygiene kafka start | tail -n 1)
"""
from __future__ import annotations

import argparse
from pathlib import Path

from streams import localkafka
from streams.commands import fail


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("kafka", help="start, stop or inspect the local development Kafka broker",
                            description=__doc__)
    parser.add_argument("action", choices=("start", "stop", "status"),
                        help="start (or reuse) the broker, stop it, or say whether it runs")
    parser.add_argument("--dir", type=Path, default=None,
                        help="state dir of the broker (default: $HYGIENE_KAFKA_DIR or var/kafka)")
    parser.add_argument("--port", type=int, default=None,
                        help="listener port (default: the one used before, else 9092 if free, else any free port)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds `start` waits for the broker to answer")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, _settings: object) -> int:
    state_dir = args.dir or localkafka.default_dir()
    if args.action == "start":
        try:
            broker = localkafka.start(state_dir, port=args.port, timeout=args.timeout)
        except localkafka.BrokerError as error:
            return fail("kafka", f"start: {error}")
        print(broker.bootstrap)  # the last line of stdout, for scripts: BOOTSTRAP=$(... | tail -1)
        return 0
    if args.action == "stop":
        print("stopped" if localkafka.stop(state_dir) else "not running")
        return 0
    broker = localkafka.status(state_dir)
    if broker is None:
        print(f"not running (state dir {state_dir})")
        return 1
    print(f"running at {broker.bootstrap} (pid {broker.pid}, state dir {state_dir})")
    return 0
