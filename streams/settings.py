"""The one settings object, read from the environment (prefix HYGIENE_) at the edge, in cli.py.

Every value is checked when it is read: `load` raises SettingsError naming each bad one (all of
them at once), so a typo costs one run, not a traceback.
"""
from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
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
    # -- observability: the worker's HTTP endpoint and the logs of every command
    http_port: int  # /metrics, /healthz, /readyz of the worker; 0: none
    log_format: str  # "text" or "json" (one JSON object a line)
    log_level: str  # a logging level name: DEBUG, INFO, WARNING, ERROR
    # -- Kafka security (last: it has a default)
    kafka_security: KafkaSecurity = KafkaSecurity()

    def topic(self, role: str) -> str:
        return self.topics[role]


LOG_FORMATS = ("text", "json")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class _Reader:
    """Reads values of the environment, each with its check; collects what is wrong instead of raising."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env
        self.problems: list[str] = []

    def text(self, name: str, default: str) -> str:
        value = self.env.get(name, default)
        if not value.strip():
            self.problems.append(f"{name} is empty: unset it for the default ({default}) or give a value")
            return default
        return value

    def seconds(self, name: str, default: float, positive: bool = False) -> float:
        raw = self.env.get(name)
        if raw is None:
            return default
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0 or (positive and value == 0):
            least = "above 0" if positive else "0 or more"
            self.problems.append(f"{name}={raw!r}: not a number of seconds {least} (default {default:g})")
            return default
        return value

    def integer(self, name: str, default: int, least: int, most: int | None = None) -> int:
        raw = self.env.get(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            value = least - 1
        if value < least or (most is not None and value > most):
            span = f"from {least} to {most}" if most is not None else f"of {least} or more"
            self.problems.append(f"{name}={raw!r}: not a whole number {span} (default {default})")
            return default
        return value

    def choice(self, name: str, default: str, choices: tuple[str, ...], fold=str.lower) -> str:
        raw = self.env.get(name)
        if raw is None:
            return default
        if fold(raw.strip()) not in choices:
            self.problems.append(f"{name}={raw!r}: not one of {', '.join(choices)} (default {default})")
            return default
        return fold(raw.strip())


def load(env: Mapping[str, str] | None = None) -> Settings:
    """Build Settings from `env` (default: the process environment); SettingsError lists every bad value."""
    env = os.environ if env is None else env
    read = _Reader(env)
    policy = env.get("HYGIENE_POLICY", "")
    app_id = read.text("HYGIENE_APP_ID", "bounce-hygiene")
    settings = Settings(
        bootstrap_servers=read.text("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
        topics={spec.role: read.text(spec.env, spec.default) if spec.env else f"{app_id}-{spec.default}"
                for spec in TOPICS},
        app_id=app_id,
        data_dir=Path(read.text("HYGIENE_DATA_DIR", "var/worker-data")),
        policy_file=Path(policy) if policy else None,
        grace_seconds=read.seconds("HYGIENE_GRACE_SECONDS", 300),
        lateness_seconds=read.seconds("HYGIENE_LATENESS_SECONDS", 180),
        idle_seconds=read.seconds("HYGIENE_IDLE_SECONDS", 30),
        tick_seconds=read.seconds("HYGIENE_TICK_SECONDS", 1.0, positive=True),
        partitions=read.integer("HYGIENE_PARTITIONS", PARTITIONS, least=1),
        replication_factor=read.integer("HYGIENE_REPLICATION_FACTOR", 1, least=1),
        # -- observability
        http_port=read.integer("HYGIENE_HTTP_PORT", 8080, least=0, most=65535),
        log_format=read.choice("HYGIENE_LOG_FORMAT", "text", LOG_FORMATS),
        log_level=read.choice("HYGIENE_LOG_LEVEL", "INFO", LOG_LEVELS, fold=str.upper),
        # -- Kafka security: its problems join the others, one line each
        kafka_security=read_kafka_security(env, read.problems),
    )
    if read.problems:
        raise SettingsError(read.problems)
    return settings


def with_bootstrap(settings: Settings, servers: str | None) -> Settings:
    """`settings` with the brokers of a --bootstrap-servers option, when one was given."""
    return settings if not servers else replace(settings, bootstrap_servers=servers)
