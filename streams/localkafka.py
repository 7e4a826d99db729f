"""The local development broker: pinned Apache Kafka jars from Maven Central, one KRaft node on loopback.

Used by `bounce-hygiene kafka start|stop|status`, the Makefile and the integration tests. No Docker:
the broker is the real `kafka.Kafka` main class run on the machine's Java (17+), with its jars
resolved once by Maven (deploy/kafka/pom.xml) into a cache outside the repository. The files of
deploy/kafka/ are the package's resources `streams/kafka/` (so an installed package has them too);
each is written out where Maven or the broker reads it.

A state dir holds everything of one broker: server.properties, data/, logs/kafka.log, the pid
file and the port file (so a restarted broker keeps its address).

Beside its PLAINTEXT listener the broker can have secured ones (SecureListeners: SASL_SSL with PLAIN
and SCRAM users, SSL with client certificates), so the tests run every client over them.
"""
from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

# Keep in step with deploy/kafka/pom.xml and the apache/kafka image in docker-compose.yml.
KAFKA_VERSION = "4.1.1"
DEFAULT_PORT = 9092
HEAP = "-Xmx512m"

_FILES = resources.files("streams") / "kafka"  # deploy/kafka/ of the checkout
_MAIN_CLASS = "kafka.Kafka"
_STORAGE_TOOL = "kafka.tools.StorageTool"


class BrokerError(RuntimeError):
    """The broker could not be resolved, formatted or started; the message says why."""


@dataclass(frozen=True, slots=True)
class LocalBroker:
    bootstrap: str  # host:port for KAFKA_BOOTSTRAP_SERVERS (the PLAINTEXT listener)
    pid: int
    dir: Path  # the state dir
    listeners: Mapping[str, str] = field(default_factory=dict)  # secured listeners: protocol -> host:port


@dataclass(frozen=True, slots=True)
class SecureListeners:
    """Three more listeners: SASL_SSL and SASL_PLAINTEXT (mechanisms PLAIN, SCRAM-SHA-256 and
    SCRAM-SHA-512, one account per entry of `users`; the SCRAM credentials are written when the
    storage is formatted), and SSL that requires a client certificate signed by the CA of `ca_pem`
    (mTLS); the TLS ones present the broker certificate of `key_pem`. For tests of secured clients:
    the secrets sit in the state dir in clear."""
    key_pem: Path  # the broker's private key and certificate chain, PEM (PKCS#8 key, unencrypted)
    ca_pem: Path  # the CA the SSL listener trusts for client certificates
    users: Mapping[str, str]  # SASL user name -> password


def default_dir(env: Mapping[str, str] | None = None) -> Path:
    """The state dir: HYGIENE_KAFKA_DIR, else var/kafka under the current directory."""
    env = os.environ if env is None else env
    return Path(env.get("HYGIENE_KAFKA_DIR") or "var/kafka")


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where resolved jars live (one kafka-<version>/lib per version): HYGIENE_KAFKA_CACHE,
    else $XDG_CACHE_HOME/bounce-hygiene, else ~/.cache/bounce-hygiene."""
    env = os.environ if env is None else env
    if env.get("HYGIENE_KAFKA_CACHE"):
        return Path(env["HYGIENE_KAFKA_CACHE"])
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "bounce-hygiene"


def _say(message: str) -> None:
    # Progress goes to stderr: stdout of `kafka start` ends with the bootstrap address alone.
    print(message, file=sys.stderr, flush=True)


def resolve_jars(version: str = KAFKA_VERSION, cache: Path | None = None,
                 say: Callable[[str], None] = _say) -> Path:
    """The lib dir holding the broker's jars, resolved with Maven on first use.

    A lock serialises concurrent first resolves (the Makefile and a test run); the jars are copied
    into a temporary dir and renamed into place, so a half-finished resolve is never used.
    """
    root = (cache or cache_dir()) / f"kafka-{version}"
    lib = root / "lib"
    if (lib / f"kafka_2.13-{version}.jar").is_file():
        return lib
    mvn = shutil.which("mvn")
    if mvn is None:
        raise BrokerError("Maven (mvn) is not on PATH: it resolves the Kafka broker jars")
    root.mkdir(parents=True, exist_ok=True)
    pom = root / "pom.xml"
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (lib / f"kafka_2.13-{version}.jar").is_file():
            return lib
        pom.write_text((_FILES / "pom.xml").read_text())
        staging = root / f"lib.tmp-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        say(f"resolving Apache Kafka {version} jars with Maven into {lib} ...")
        started = time.monotonic()
        result = subprocess.run(
            [mvn, "-q", "-B", "-f", str(pom), "dependency:copy-dependencies",
             f"-Dkafka.version={version}", "-DincludeScope=runtime", f"-DoutputDirectory={staging}"],
            stdin=subprocess.DEVNULL, capture_output=True, text=True,
        )
        if result.returncode != 0 or not (staging / f"kafka_2.13-{version}.jar").is_file():
            shutil.rmtree(staging, ignore_errors=True)
            raise BrokerError(f"mvn could not resolve Kafka {version}:\n{result.stdout}{result.stderr}")
        shutil.rmtree(lib, ignore_errors=True)
        staging.rename(lib)
        say(f"resolved in {time.monotonic() - started:.1f} s")
    return lib


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _alive(pid: int) -> bool:
    """Whether `pid` is a running Kafka broker (not a zombie, not a recycled pid)."""
    with contextlib.suppress(ChildProcessError):
        # Our own child (the test fixture's broker) stays a zombie until reaped.
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X") and _MAIN_CLASS.encode() in cmdline.split(b"\0")


def _read_int(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def answers(bootstrap: str, timeout: float = 2.0) -> bool:
    """Whether a broker at `bootstrap` returns cluster metadata with at least one broker in it."""
    from confluent_kafka.admin import AdminClient

    quiet = logging.getLogger("streams.localkafka.librdkafka")
    quiet.addHandler(logging.NullHandler())
    quiet.propagate = False
    admin = AdminClient({"bootstrap.servers": bootstrap, "socket.connection.setup.timeout.ms": 1000},
                        logger=quiet)
    try:
        return bool(admin.list_topics(timeout=timeout).brokers)
    except Exception:  # KafkaException while the broker is still starting
        return False


def status(state_dir: Path) -> LocalBroker | None:
    """The broker of this state dir if its process runs, else None."""
    pid = _read_int(state_dir / "kafka.pid")
    port = _read_int(state_dir / "port")
    if pid is None or port is None or not _alive(pid):
        return None
    try:
        listeners = json.loads((state_dir / "listeners.json").read_text())
    except FileNotFoundError:
        listeners = {}
    return LocalBroker(f"127.0.0.1:{port}", pid, state_dir, listeners)


def _choose_port(stored: int | None, wanted: int | None) -> int:
    if wanted:
        return wanted
    if wanted is None:
        for candidate in (stored, DEFAULT_PORT):
            if candidate and _port_is_free(candidate):
                return candidate
    return free_port()


_SCRAM = ("SCRAM-SHA-256", "SCRAM-SHA-512")
_SECURED = ("SASL_SSL", "SASL_PLAINTEXT", "SSL")  # the secured listeners, named for their protocols


def _secure_config(secure: SecureListeners) -> str:
    """The server.properties lines of the secured listeners (each listener is named for its protocol)."""
    plain_users = " ".join(f'user_{user}="{password}"' for user, password in secure.users.items())
    lines = [
        "", "# The secured listeners (streams.localkafka.SecureListeners)",
        "ssl.keystore.type=PEM", f"ssl.keystore.location={secure.key_pem.resolve()}",
        "ssl.truststore.type=PEM", f"ssl.truststore.location={secure.ca_pem.resolve()}",
        "listener.name.ssl.ssl.client.auth=required",
    ]
    for listener in ("sasl_ssl", "sasl_plaintext"):
        lines += [
            f"listener.name.{listener}.sasl.enabled.mechanisms=PLAIN,{','.join(_SCRAM)}",
            f"listener.name.{listener}.plain.sasl.jaas.config="
            f"org.apache.kafka.common.security.plain.PlainLoginModule required {plain_users};",
            *(f"listener.name.{listener}.{mechanism.lower()}.sasl.jaas.config="
              "org.apache.kafka.common.security.scram.ScramLoginModule required;" for mechanism in _SCRAM),
        ]
    return "\n".join([*lines, ""])


def _configure(state_dir: Path, port: int, controller_port: int,
               secure: SecureListeners | None) -> tuple[Path, dict[str, str]]:
    """Write the broker's config into the state dir; returns it and the secured listeners' addresses."""
    template = (_FILES / "server.properties").read_text()
    (state_dir / "log4j2.xml").write_text((_FILES / "log4j2.xml").read_text())
    listeners = {name: f"127.0.0.1:{free_port()}" for name in _SECURED} if secure else {}
    config = state_dir / "server.properties"
    config.write_text(template.format(
        port=port, controller_port=controller_port, data_dir=(state_dir / "data").resolve(),
        secure_listeners="".join(f",{name}://{address}" for name, address in listeners.items()),
    ) + (_secure_config(secure) if secure else ""))
    (state_dir / "port").write_text(f"{port}\n")
    (state_dir / "controller-port").write_text(f"{controller_port}\n")
    (state_dir / "listeners.json").write_text(json.dumps(listeners))
    return config, listeners


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java:
        raise BrokerError("java is not on PATH (Java 17 or newer runs the Kafka broker)")
    return java


def _jvm(lib: Path, state_dir: Path) -> list[str]:
    return [
        _java(), HEAP, "-Xms64m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
        f"-Dlog4j2.configurationFile={(state_dir / 'log4j2.xml').resolve()}",
        f"-Dkafka.logs.dir={(state_dir / 'logs').resolve()}",
        "-cp", f"{lib}/*",
    ]


def _format(lib: Path, state_dir: Path, config: Path, cluster_id: str | None = None,
            users: Mapping[str, str] | None = None) -> None:
    """Format the KRaft storage once; a formatted data dir keeps its topics across restarts.

    `users` get SCRAM-SHA-256 and SCRAM-SHA-512 credentials (KRaft keeps them in its metadata log).
    """
    if (state_dir / "data" / "meta.properties").is_file():
        return
    # A cluster id is a random UUID in URL-safe base64 without padding (Kafka's Uuid.toString). One
    # in 64 starts with "-": given as "--cluster-id=ID", the tool never takes it for an option.
    cluster_id = cluster_id or base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
    result = subprocess.run(
        [*_jvm(lib, state_dir), _STORAGE_TOOL, "format", f"--cluster-id={cluster_id}", "-c", str(config),
         *(arg for user, password in (users or {}).items() for mechanism in _SCRAM
           for arg in ("--add-scram", f"{mechanism}=[name={user},password={password}]"))],
        stdin=subprocess.DEVNULL, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise BrokerError(f"formatting KRaft storage failed:\n{result.stdout}{result.stderr}")


def _log_tail(state_dir: Path, lines: int = 30) -> str:
    try:
        return "\n".join((state_dir / "logs" / "kafka.log").read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


def start(state_dir: Path | None = None, *, port: int | None = None, version: str = KAFKA_VERSION,
          cache: Path | None = None, timeout: float = 120.0,
          say: Callable[[str], None] = _say, secure: SecureListeners | None = None) -> LocalBroker:
    """Start the broker of `state_dir` (or return it if it already runs and answers).

    port: None = the port stored in the state dir, else 9092, if free, else any free port;
    0 = any free port; a number = that port. `secure`: the secured listeners too, on free ports
    (LocalBroker.listeners); their users are made when the state dir is formatted, so give them to
    the first start of a state dir. Returns once the broker answers metadata requests;
    raises BrokerError (with the end of the broker's log) if it exits or `timeout` runs out first.
    """
    state_dir = state_dir or default_dir()
    running = status(state_dir)
    if running is not None:
        if _wait_until_answers(running, timeout, state_dir, lambda: _alive(running.pid)):
            return running
        raise BrokerError(f"broker pid {running.pid} runs but does not answer at {running.bootstrap}; "
                          f"stop it with `bounce-hygiene kafka stop`\n{_log_tail(state_dir)}")
    lib = resolve_jars(version, cache, say)
    for sub in ("data", "logs"):
        (state_dir / sub).mkdir(parents=True, exist_ok=True)
    chosen = _choose_port(_read_int(state_dir / "port"), port)
    stored_controller = _read_int(state_dir / "controller-port")
    controller = stored_controller if stored_controller and stored_controller != chosen \
        and _port_is_free(stored_controller) else free_port()
    config, listeners = _configure(state_dir, chosen, controller, secure)
    _format(lib, state_dir, config, users=secure.users if secure else None)
    started = time.monotonic()
    with open(state_dir / "logs" / "kafka.log", "ab") as log:
        process = subprocess.Popen(
            [*_jvm(lib, state_dir), _MAIN_CLASS, str(config.resolve())],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,  # outlives `kafka start` and is not hit by the terminal's Ctrl-C
        )
    (state_dir / "kafka.pid").write_text(f"{process.pid}\n")
    broker = LocalBroker(f"127.0.0.1:{chosen}", process.pid, state_dir, listeners)
    if not _wait_until_answers(broker, timeout, state_dir, lambda: process.poll() is None):
        stop(state_dir)
        raise BrokerError(f"the broker did not answer at {broker.bootstrap} within {timeout:.0f} s; "
                          f"end of {state_dir / 'logs' / 'kafka.log'}:\n{_log_tail(state_dir)}")
    say(f"Kafka {version} answers at {broker.bootstrap} (pid {broker.pid}) "
        f"after {time.monotonic() - started:.1f} s")
    return broker


def _wait_until_answers(broker: LocalBroker, timeout: float, state_dir: Path,
                        running: Callable[[], bool]) -> bool:
    # `running` is Popen.poll for a broker just started: its /proc/<pid>/cmdline can still be empty
    # right after exec, which _alive would take for a recycled pid.
    deadline = time.monotonic() + timeout
    host, port = broker.bootstrap.rsplit(":", 1)
    while time.monotonic() < deadline:
        if not running():
            raise BrokerError(f"the broker exited while starting; end of its log:\n{_log_tail(state_dir)}")
        # A cheap TCP probe first: librdkafka is only asked once the listener is up.
        with contextlib.suppress(OSError), socket.create_connection((host, int(port)), timeout=0.5):
            if answers(broker.bootstrap, timeout=min(5.0, max(0.5, deadline - time.monotonic()))):
                return True
        time.sleep(0.2)  # poll interval of the readiness loop, not synchronisation
    return False


def stop(state_dir: Path | None = None, timeout: float = 30.0) -> bool:
    """Stop the broker of `state_dir`: SIGTERM, wait up to `timeout`, then SIGKILL.

    Returns whether a running broker was stopped. Its data stays for the next start.
    """
    state_dir = state_dir or default_dir()
    running = status(state_dir)
    if running is None:
        (state_dir / "kafka.pid").unlink(missing_ok=True)
        return False
    with contextlib.suppress(ProcessLookupError):
        os.kill(running.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(running.pid) and time.monotonic() < deadline:
        time.sleep(0.1)  # poll interval of the exit wait
    if _alive(running.pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(running.pid, signal.SIGKILL)
        deadline = time.monotonic() + 10.0
        while _alive(running.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
    (state_dir / "kafka.pid").unlink(missing_ok=True)
    return True
