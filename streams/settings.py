"""The one settings object, read from the environment (prefix HYGIENE_) at the edge, in cli.py."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from streams.topics import PARTITIONS, TOPICS


class SettingsError(ValueError):
    """Settings with bad values; `problems` has one line per value ("NAME=value: what is wrong")."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


# -- Kafka security: one block that every Kafka client is configured from (streams/kafkaauth.py)

SECURITY_PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
SASL_MECHANISMS = ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")


class Secret:
    """A password: '***' in repr, str and f-strings, so printing or logging settings never shows it;
    `reveal()` hands it to a Kafka client."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    def __str__(self) -> str:
        return "***"

    def __format__(self, _spec: str) -> str:
        return "***"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True, slots=True)
class KafkaSecurity:
    """How the clients authenticate to the brokers and encrypt the connection."""

    protocol: str = "PLAINTEXT"  # one of SECURITY_PROTOCOLS
    sasl_mechanism: str | None = None  # one of SASL_MECHANISMS, with SASL_* protocols
    sasl_username: str | None = None
    sasl_password: Secret | None = None
    ca_file: Path | None = None  # the CA that signed the brokers' certificates (default: the system's)
    cert_file: Path | None = None  # the client's certificate, for brokers that require one (mTLS)
    key_file: Path | None = None  # its private key (PEM)
    key_password: Secret | None = None  # of an encrypted key_file

    @property
    def sasl(self) -> bool:
        return self.protocol.startswith("SASL_")

    @property
    def tls(self) -> bool:
        return self.protocol.endswith("SSL")


def read_kafka_security(env: Mapping[str, str], problems: list[str]) -> KafkaSecurity:
    """KafkaSecurity from the KAFKA_* variables; each bad or missing value adds a line to `problems`."""
    def get(name: str) -> str | None:
        return env.get(name, "").strip() or None

    protocol = (get("KAFKA_SECURITY_PROTOCOL") or "PLAINTEXT").upper()
    if protocol not in SECURITY_PROTOCOLS:
        problems.append(f"KAFKA_SECURITY_PROTOCOL={env['KAFKA_SECURITY_PROTOCOL']!r}: not one of "
                        f"{', '.join(SECURITY_PROTOCOLS)} (default PLAINTEXT)")
        return KafkaSecurity()
    security = KafkaSecurity(
        protocol=protocol,
        sasl_mechanism=(get("KAFKA_SASL_MECHANISM") or "").upper() or None,
        sasl_username=get("KAFKA_SASL_USERNAME"),
        sasl_password=Secret(env["KAFKA_SASL_PASSWORD"]) if env.get("KAFKA_SASL_PASSWORD") else None,
        ca_file=Path(ca) if (ca := get("KAFKA_SSL_CA_FILE")) else None,
        cert_file=Path(cert) if (cert := get("KAFKA_SSL_CERT_FILE")) else None,
        key_file=Path(key) if (key := get("KAFKA_SSL_KEY_FILE")) else None,
        key_password=Secret(env["KAFKA_SSL_KEY_PASSWORD"]) if env.get("KAFKA_SSL_KEY_PASSWORD") else None,
    )
    if security.sasl:
        if security.sasl_mechanism not in SASL_MECHANISMS:
            given = f"={env['KAFKA_SASL_MECHANISM']!r}:" if security.sasl_mechanism else " is not set:"
            problems.append(f"KAFKA_SASL_MECHANISM{given} {protocol} needs one of {', '.join(SASL_MECHANISMS)}")
        for name, value in (("KAFKA_SASL_USERNAME", security.sasl_username),
                            ("KAFKA_SASL_PASSWORD", security.sasl_password)):
            if value is None:
                problems.append(f"{name} is not set: {protocol} needs it")
    else:
        problems.extend(f"{name} is set but KAFKA_SECURITY_PROTOCOL={protocol} does not use SASL "
                        f"(SASL_SSL or SASL_PLAINTEXT do)" for name in
                        ("KAFKA_SASL_MECHANISM", "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD") if env.get(name))
    tls_files = ("KAFKA_SSL_CA_FILE", security.ca_file), ("KAFKA_SSL_CERT_FILE", security.cert_file), \
        ("KAFKA_SSL_KEY_FILE", security.key_file)
    if security.tls:
        problems.extend(f"{name}={str(path)!r}: no such file" for name, path in tls_files
                        if path is not None and not path.is_file())
        if (security.cert_file is None) != (security.key_file is None):
            problems.append("KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together: set both or neither")
    else:
        problems.extend(f"{name} is set but KAFKA_SECURITY_PROTOCOL={protocol} does not use TLS "
                        f"(SSL or SASL_SSL do)" for name, path in tls_files if path is not None)
    return security


# -- the settings of the job

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
    kafka_security: KafkaSecurity = KafkaSecurity()

    def topic(self, role: str) -> str:
        return self.topics[role]


def load(env: Mapping[str, str] | None = None) -> Settings:
    """Build Settings from `env` (default: the process environment); SettingsError lists every bad value."""
    env = os.environ if env is None else env
    problems: list[str] = []
    security = read_kafka_security(env, problems)
    if problems:
        raise SettingsError(problems)
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
        kafka_security=security,
    )
