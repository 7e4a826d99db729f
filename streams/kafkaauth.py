"""The Kafka security settings (settings.KafkaSecurity) as each client library takes them: librdkafka
configuration keys for the confluent-kafka producers, consumers and admin clients, and faust's broker
credentials for the worker's aiokafka consumer. Pure: builds configuration, opens no connection
(only ssl_context reads the certificate files, as the ssl module does)."""
from __future__ import annotations

import ssl

import faust

from streams.settings import KafkaSecurity


def librdkafka_config(security: KafkaSecurity) -> dict[str, str]:
    """The librdkafka keys (CONFIGURATION.md) of `security`; secrets revealed, so never log the result."""
    config = {"security.protocol": security.protocol}
    if security.sasl:
        config |= {"sasl.mechanism": security.sasl_mechanism, "sasl.username": security.sasl_username,
                   "sasl.password": security.sasl_password.reveal()}
    if security.tls:
        if security.ca_file:
            config["ssl.ca.location"] = str(security.ca_file)
        if security.cert_file:
            config |= {"ssl.certificate.location": str(security.cert_file),
                       "ssl.key.location": str(security.key_file)}
        if security.key_password:
            config["ssl.key.password"] = security.key_password.reveal()
    return config


def ssl_context(security: KafkaSecurity) -> ssl.SSLContext:
    """A client TLS context: the brokers' certificates checked against ca_file (else the system's CAs)
    and their host names verified, the client certificate presented when one is set."""
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH,
                                         cafile=str(security.ca_file) if security.ca_file else None)
    if security.cert_file:
        context.load_cert_chain(str(security.cert_file), str(security.key_file),
                                password=security.key_password.reveal() if security.key_password else None)
    return context


def faust_credentials(security: KafkaSecurity) -> faust.types.auth.CredentialsT | None:
    """faust's `broker_credentials` for `security`; None for PLAINTEXT."""
    context = ssl_context(security) if security.tls else None
    if security.sasl:
        return faust.SASLCredentials(username=security.sasl_username, password=security.sasl_password.reveal(),
                                     ssl_context=context, mechanism=security.sasl_mechanism)
    if context is not None:
        return faust.SSLCredentials(context)
    return None
