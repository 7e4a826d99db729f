"""Every module of FORMATS answers None or rows, and never raises, on input that is not its own."""
from __future__ import annotations

import pytest

from streams.bounces import message
from streams.bounces.formats import FORMATS
from streams.model import Bounce

NOT_BOUNCES = [
    b"",
    b"\x00\xff\xfe" * 3000,
    b"Subject: x\n\n" + b"@" * 100_000,
    b"Content-Type: multipart/report; report-type=delivery-status; boundary=x\n\n--x\n\n--x--\n",
    b"Content-Type: multipart/report; report-type=feedback-report; boundary=x\n\n--x\n"
    b"Content-Type: message/feedback-report\n\n--x--\n",
    b"Content-Type: text/plain; charset=no-such-charset\nContent-Transfer-Encoding: base64\n\n!!!not base64",
    b"From: Bob <bob@example.org>\nTo: ann@example.net\nSubject: lunch on Friday?\n\nShall we meet at noon?\n",
    b"From: news@shop.example\nTo: ann@example.net\nSubject: Our spring catalogue\n\n{\"not\": \"ses\"}\n",
]


@pytest.mark.parametrize("module", FORMATS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
@pytest.mark.parametrize("data", NOT_BOUNCES, ids=range(len(NOT_BOUNCES)))
def test_a_module_answers_none_or_rows_and_never_raises(module, data):
    rows = module.parse(message.read(data))
    assert rows is None or all(isinstance(row, Bounce) for row in rows)


@pytest.mark.parametrize("module", FORMATS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_an_ordinary_letter_is_no_format_s_bounce(module):
    assert module.parse(message.read(NOT_BOUNCES[6])) is None
