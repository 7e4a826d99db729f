"""Symantec / Broadcom Email Security.cloud (MessageLabs) replies:
https://knowledge.broadcom.com/ (Email Security.cloud SMTP error codes)."""
from __future__ import annotations

from streams.classify.match import Table
from streams.classify.rhosts._rows import rows
from streams.model import Reason as R

NAME = "messagelabs"
HOSTS = ("messagelabs.com",)
MARKERS = ("email security.cloud", "messagelabs")

RULES = Table(rows(
    NAME,
    # 550 Please turn on SMTP Authentication in your mail client
    (R.SECURITYERROR, "smtp-authentication", "turn on smtp authentication"),
    # 553 Sorry, that domain isn't in my list of allowed rcpthosts / 553-you are trying to use me as a relay
    (R.NORELAYING, "relay", "as a relay"),
    # 550 Invalid recipient <x>
    (R.USERUNKNOWN, "invalid-recipient", "invalid recipient"),
    # MessageLabs' directory answer at RCPT, in the bounces it signs (Sisimai lhost/via-messagelabs.go)
    (R.USERUNKNOWN, "no-such-user", "no such user"),
    # 553-mail rejected because your IP is in the PBL
    (R.BLOCKED, "pbl", "pbl"),
    # 553 Message filtered. Refer to the Troubleshooting page
    (R.SPAMDETECTED, "message-filtered", "message filtered"),
))
first = RULES.first
