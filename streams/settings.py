"""The one settings object, read from the environment (prefix HYGIENE_) at the edge, in cli.py."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from streams.topics import PARTITIONS, TOPICS


@dataclass(frozen=True, slots=True)
class Settings:
    bootstrap_servers: str
    topics: dict[str, str]  # role -> topic name
    app_id: str
    data_dir: Path
    policy_file: Path | None
    grace_seconds: float
    lateness_seconds: float  # the bounded disorder of an input partition's event times
    idle_seconds: float  # a caught-up partition idle this long moves its watermark with the wall clock
    tick_seconds: float  # how often the watermarks are published
    partitions: int
    replication_factor: int  # of the topics `topics create` makes

    def topic(self, role: str) -> str:
        return self.topics[role]


def load(env: Mapping[str, str] | None = None) -> Settings:
    """Build Settings from `env` (default: the process environment)."""
    env = os.environ if env is None else env
    policy = env.get("HYGIENE_POLICY", "")
    app_id = env.get("HYGIENE_APP_ID", "bounce-hygiene")
    return Settings(
        bootstrap_servers=env.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
        topics={spec.role: env.get(spec.env, spec.default) if spec.env else f"{app_id}-{spec.default}"
                for spec in TOPICS},
        app_id=app_id,
        data_dir=Path(env.get("HYGIENE_DATA_DIR", "var/worker-data")),
        policy_file=Path(policy) if policy else None,
        grace_seconds=float(env.get("HYGIENE_GRACE_SECONDS", "300")),
        lateness_seconds=float(env.get("HYGIENE_LATENESS_SECONDS", "180")),
        idle_seconds=float(env.get("HYGIENE_IDLE_SECONDS", "30")),
        tick_seconds=float(env.get("HYGIENE_TICK_SECONDS", "1.0")),
        partitions=int(env.get("HYGIENE_PARTITIONS", str(PARTITIONS))),
        replication_factor=int(env.get("HYGIENE_REPLICATION_FACTOR", "1")),
    )
