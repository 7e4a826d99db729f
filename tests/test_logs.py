"""Log lines: text or JSON, and never an e-mail address in them (the dead-letter topic keeps the original)."""
from __future__ import annotations

import logging
import sys

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from streams import logs


def record(message: str, *args, level=logging.WARNING, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("streams.app", level, __file__, 1, message, args, exc_info)


@pytest.mark.parametrize("text", [
    "dead-lettering bounces/3: recipient 'Ann@Example.org' is not an e-mail address",
    'does not match the contract: $.recipient: "ann@example.org" is too short',
    "b'{\"recipient\": \"ann@example.org\"}'",
    "<ann@example.org>",
    "mail to ann@example.org.",
    "x \"ann smith\"@example.org y",
    "ünïcode@exämple.org",
])
def test_no_address_survives_and_its_domain_does(text):
    masked = logs.mask(text)
    assert "ann@" not in masked.lower() and "ann smith" not in masked and "ünïcode" not in masked
    assert "@ex" in masked.lower()


def test_one_address_is_one_mask_whatever_its_case():
    assert logs.mask("Ann@Example.org") == logs.mask("ann@example.org").replace("example.org", "Example.org")
    assert logs.mask("ann@example.org") != logs.mask("bob@example.org")
    assert logs.mask("no address: 5.1.1 user unknown") == "no address: 5.1.1 user unknown"


@given(st.from_regex(r"[a-z0-9._%+-]{1,20}@[a-z0-9-]{1,12}\.[a-z]{2,6}", fullmatch=True),
       st.sampled_from(["{}", "'{}'", '"{}"', "<{}>", "({})", "[{}]", "to: {}, cc", "{}."]))
def test_any_address_in_any_quoting_is_masked(address, shape):
    local, domain = address.split("@")
    assert logs.mask(address) == f"~{logs.mask(address)[1:9]}@{domain}"
    assert logs.mask(shape.format(address)) == shape.format(logs.mask(address))


def test_a_text_line_has_time_level_logger_and_the_masked_message():
    line = logs.TextFormatter().format(record("dead-lettering %s", "ann@example.org"))
    assert "[WARNING] streams.app: dead-lettering ~" in line and "ann@" not in line


def test_a_json_line_is_one_object_with_the_masked_message_and_traceback():
    try:
        raise ValueError("recipient ann@example.org refused")
    except ValueError:
        exc_info = sys.exc_info()
    line = logs.JsonFormatter().format(record("failed for %s", "ann@example.org", level=logging.ERROR,
                                              exc_info=exc_info))
    assert "\n" not in line
    doc = orjson.loads(line)
    assert (doc["level"], doc["logger"]) == ("ERROR", "streams.app")
    assert doc["time"].endswith("Z") and doc["message"].startswith("failed for ~")
    assert "ValueError: recipient ~" in doc["exc"] and "ann@" not in line


def test_configure_sets_the_format_and_level_of_every_logger(capsys):
    logs.configure("json", "WARNING")
    try:
        logging.getLogger("streams.test").info("not shown")
        logging.getLogger("streams.test").warning("shown to %s", "ann@example.org")
        lines = capsys.readouterr().err.splitlines()
        assert [orjson.loads(line)["message"] for line in lines] == [logs.mask("shown to ann@example.org")]
    finally:
        logging.getLogger().handlers.clear()
