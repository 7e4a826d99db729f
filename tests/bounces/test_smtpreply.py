"""reply_code() and enhanced_status(): RFC 5321 reply codes and RFC 3463 status codes in text."""
from __future__ import annotations

import pytest

from streams.bounces.smtpreply import enhanced_status, reply_code


@pytest.mark.parametrize(("text", "code", "status"), [
    ("550 5.1.1 <a@b.org>: User unknown", "550", "5.1.1"),
    ("smtp; 550-5.7.1 blocked", "550", "5.7.1"),
    ("host x[192.0.2.1] said: 452 4.2.2 Mailbox full", "452", "4.2.2"),
    ("550 5.1.10 RESOLVER.ADR.RecipientNotFound", "550", "5.1.10"),
    ("421 Service not available", "421", ""),
    ("5.7.26 Unauthenticated email", "", "5.7.26"),
    ("version 10.5.1.2 of the server at 192.0.2.1", "", ""),
    ("no codes here", "", ""),
    # Gmail quotes the remote's reply: "The recipient server did not accept our requests ... returned '550 ..."
    ("retry: the remote server returned '550 5.1.1 No such user'", "550", "5.1.1"),
    # Exchange 2007's "Diagnostic information for administrators" marks the reply with '#'.
    ("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##", "550", "5.1.1"),
])
def test_codes_in_text(text, code, status):
    assert (reply_code(text), enhanced_status(text)) == (code, status)
