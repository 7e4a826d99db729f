"""The Kafka security settings (issue 8, item 2): read and checked from KAFKA_*, the same for every
client (librdkafka keys, faust's credentials for aiokafka), and never shown."""
from __future__ import annotations

import ssl

import faust
import pytest
from faust.transport.drivers.aiokafka import credentials_to_aiokafka_auth

from streams import kafkaauth, kafkaio, settings
from streams.settings import KafkaSecurity, Secret, SettingsError

SCRAM = {"KAFKA_SECURITY_PROTOCOL": "sasl_ssl", "KAFKA_SASL_MECHANISM": "scram-sha-512",
         "KAFKA_SASL_USERNAME": "job", "KAFKA_SASL_PASSWORD": "hunter2-secret"}


def problems(env: dict[str, str]) -> list[str]:
    with pytest.raises(SettingsError) as raised:
        settings.load(env)
    return raised.value.problems


def test_plaintext_is_the_default_and_adds_nothing_but_the_protocol():
    loaded = settings.load({})
    assert loaded.kafka_security == KafkaSecurity()
    assert kafkaauth.librdkafka_config(loaded.kafka_security) == {"security.protocol": "PLAINTEXT"}
    assert kafkaauth.faust_credentials(loaded.kafka_security) is None


def test_the_password_is_in_no_repr_str_or_format_of_the_settings():
    loaded = settings.load(SCRAM)
    for shown in (repr(loaded), str(loaded), f"{loaded}", f"{loaded.kafka_security.sasl_password}",
                  repr(kafkaauth.faust_credentials(loaded.kafka_security))):
        assert "hunter2-secret" not in shown
    assert loaded.kafka_security.sasl_password.reveal() == "hunter2-secret"
    assert "Secret('***')" in repr(loaded)


def test_every_confluent_client_gets_the_same_sasl_settings():
    loaded = settings.load(SCRAM | {"KAFKA_BOOTSTRAP_SERVERS": "b1:9096,b2:9096"})
    wanted = {"bootstrap.servers": "b1:9096,b2:9096", "security.protocol": "SASL_SSL",
              "sasl.mechanism": "SCRAM-SHA-512", "sasl.username": "job", "sasl.password": "hunter2-secret"}
    for config in (kafkaio.producer_config(loaded), kafkaio.worker_producer_config(loaded),
                   kafkaio.consumer_config(loaded, "g"), kafkaio.client_config(loaded)):
        assert wanted.items() <= config.items()


def test_client_certificate_settings_become_librdkafka_locations(tmp_path):
    files = {name: tmp_path / name for name in ("ca.pem", "client.pem", "client.key")}
    for path in files.values():
        path.write_text("-")
    loaded = settings.load({"KAFKA_SECURITY_PROTOCOL": "SSL", "KAFKA_SSL_CA_FILE": str(files["ca.pem"]),
                            "KAFKA_SSL_CERT_FILE": str(files["client.pem"]),
                            "KAFKA_SSL_KEY_FILE": str(files["client.key"]), "KAFKA_SSL_KEY_PASSWORD": "k"})
    assert kafkaauth.librdkafka_config(loaded.kafka_security) == {
        "security.protocol": "SSL", "ssl.ca.location": str(files["ca.pem"]),
        "ssl.certificate.location": str(files["client.pem"]), "ssl.key.location": str(files["client.key"]),
        "ssl.key.password": "k"}


@pytest.mark.parametrize(("protocol", "mechanism"), [("SASL_PLAINTEXT", "PLAIN"), ("SASL_SSL", "SCRAM-SHA-256"),
                                                     ("SASL_SSL", "SCRAM-SHA-512")])
def test_the_worker_aiokafka_client_gets_the_same_protocol_mechanism_and_user(protocol, mechanism):
    security = KafkaSecurity(protocol=protocol, sasl_mechanism=mechanism, sasl_username="job",
                             sasl_password=Secret("pw"))
    auth = credentials_to_aiokafka_auth(kafkaauth.faust_credentials(security))  # what faust hands aiokafka
    assert (auth["security_protocol"], auth["sasl_mechanism"]) == (protocol, mechanism)
    assert (auth["sasl_plain_username"], auth["sasl_plain_password"]) == ("job", "pw")
    assert (auth["ssl_context"] is not None) == (protocol == "SASL_SSL")


def test_ssl_without_sasl_gives_aiokafka_a_verifying_tls_context():
    credentials = kafkaauth.faust_credentials(KafkaSecurity(protocol="SSL"))
    assert isinstance(credentials, faust.SSLCredentials)
    auth = credentials_to_aiokafka_auth(credentials)
    assert auth["security_protocol"] == "SSL"
    assert auth["ssl_context"].verify_mode == ssl.CERT_REQUIRED and auth["ssl_context"].check_hostname


def test_each_bad_value_is_named_once():
    assert problems({"KAFKA_SECURITY_PROTOCOL": "TLS"}) == [
        "KAFKA_SECURITY_PROTOCOL='TLS': not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL (default PLAINTEXT)"]
    assert problems({"KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "KAFKA_SASL_MECHANISM": "GSSAPI"}) == [
        "KAFKA_SASL_MECHANISM='GSSAPI': SASL_SSL needs one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512",
        "KAFKA_SASL_USERNAME is not set: SASL_SSL needs it",
        "KAFKA_SASL_PASSWORD is not set: SASL_SSL needs it"]
    assert problems({"KAFKA_SASL_PASSWORD": "x"}) == [
        "KAFKA_SASL_PASSWORD is set but KAFKA_SECURITY_PROTOCOL=PLAINTEXT does not use SASL (SASL_SSL or SASL_PLAINTEXT do)"]
    assert problems({"KAFKA_SECURITY_PROTOCOL": "SSL", "KAFKA_SSL_CA_FILE": "/no/such/ca.pem",
                     "KAFKA_SSL_KEY_FILE": "/no/such/key.pem"}) == [
        "KAFKA_SSL_CA_FILE='/no/such/ca.pem': no such file",
        "KAFKA_SSL_KEY_FILE='/no/such/key.pem': no such file",
        "KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together: set both or neither"]
    assert problems({"KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM": "PLAIN",
                     "KAFKA_SASL_USERNAME": "u", "KAFKA_SASL_PASSWORD": "p", "KAFKA_SSL_CA_FILE": "ca.pem"}) == [
        "KAFKA_SSL_CA_FILE is set but KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT does not use TLS (SSL or SASL_SSL do)"]


def test_a_bad_password_value_is_never_quoted_in_a_problem():
    found = problems({"KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "KAFKA_SASL_PASSWORD": "hunter2-secret"})
    assert not any("hunter2-secret" in line for line in found)
