"""Settings from the environment: defaults, and one clear line per bad value instead of a traceback."""
from __future__ import annotations

import pytest

from streams import settings


def test_defaults():
    loaded = settings.load({})
    assert (loaded.bootstrap_servers, loaded.grace_seconds, loaded.partitions) == ("localhost:9092", 300, 6)
    assert (loaded.http_port, loaded.log_format, loaded.log_level) == (8080, "text", "INFO")
    assert loaded.topic("contact-events") == "bounce-hygiene-contact-events"


def test_values_are_read():
    loaded = settings.load({"HYGIENE_GRACE_SECONDS": "1.5", "HYGIENE_PARTITIONS": "12", "HYGIENE_HTTP_PORT": "0",
                            "HYGIENE_LOG_FORMAT": "JSON", "HYGIENE_LOG_LEVEL": "debug", "HYGIENE_APP_ID": "x"})
    assert (loaded.grace_seconds, loaded.partitions, loaded.http_port) == (1.5, 12, 0)
    assert (loaded.log_format, loaded.log_level) == ("json", "DEBUG")
    assert loaded.topic("contact-events") == "x-contact-events"


def test_every_bad_value_is_named_once_with_what_is_expected():
    with pytest.raises(settings.SettingsError) as caught:
        settings.load({"HYGIENE_GRACE_SECONDS": "abc", "HYGIENE_LATENESS_SECONDS": "-1", "HYGIENE_TICK_SECONDS": "0",
                       "HYGIENE_IDLE_SECONDS": "nan", "HYGIENE_PARTITIONS": "0", "HYGIENE_REPLICATION_FACTOR": "2.5",
                       "HYGIENE_HTTP_PORT": "70000", "HYGIENE_LOG_FORMAT": "xml", "HYGIENE_LOG_LEVEL": "loud",
                       "KAFKA_BOOTSTRAP_SERVERS": " "})
    problems = caught.value.problems
    assert [problem.split("=")[0].split(" ")[0] for problem in problems] == [
        "KAFKA_BOOTSTRAP_SERVERS", "HYGIENE_GRACE_SECONDS", "HYGIENE_LATENESS_SECONDS", "HYGIENE_IDLE_SECONDS",
        "HYGIENE_TICK_SECONDS", "HYGIENE_PARTITIONS", "HYGIENE_REPLICATION_FACTOR", "HYGIENE_HTTP_PORT",
        "HYGIENE_LOG_FORMAT", "HYGIENE_LOG_LEVEL"]
    assert "HYGIENE_GRACE_SECONDS='abc': not a number of seconds 0 or more (default 300)" in problems
    assert "HYGIENE_TICK_SECONDS='0': not a number of seconds above 0 (default 1)" in problems
    assert "HYGIENE_HTTP_PORT='70000': not a whole number from 0 to 65535 (default 8080)" in problems
    assert "HYGIENE_LOG_FORMAT='xml': not one of text, json (default text)" in problems


def test_bad_security_settings_are_named_with_the_other_bad_values():
    with pytest.raises(settings.SettingsError) as caught:
        settings.load({"HYGIENE_GRACE_SECONDS": "abc", "KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
                       "KAFKA_SASL_MECHANISM": "PLAIN", "KAFKA_SASL_USERNAME": "job"})
    assert caught.value.problems == ["HYGIENE_GRACE_SECONDS='abc': not a number of seconds 0 or more (default 300)",
                                     "KAFKA_SASL_PASSWORD is not set: SASL_SSL needs it"]


def test_a_bootstrap_servers_option_overrides_the_environment():
    loaded = settings.load({"KAFKA_BOOTSTRAP_SERVERS": "a:9092"})
    assert settings.with_bootstrap(loaded, "b:9093").bootstrap_servers == "b:9093"
    assert settings.with_bootstrap(loaded, None) is loaded


def test_a_bootstrap_servers_option_keeps_the_security_settings():
    loaded = settings.load({"KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM": "SCRAM-SHA-256",
                            "KAFKA_SASL_USERNAME": "job", "KAFKA_SASL_PASSWORD": "pw"})
    assert settings.with_bootstrap(loaded, "b:9093").kafka_security == loaded.kafka_security


def test_a_worker_with_an_unreadable_policy_file_says_so_in_one_line(tmp_path):
    from streams import app

    with pytest.raises(app.WorkerError, match=r"^HYGIENE_POLICY=\S+missing.toml: .*No such file"):
        app.Job(settings.load({"HYGIENE_POLICY": str(tmp_path / "missing.toml")}))
