"""AOL Mail replies (now served by Yahoo; legacy AOL relays still answer), and the bounces AOL's
relays sign (X-AOL-IP): their own words on the recipient's DNS (Sisimai lhost/via-aol.go)."""
from __future__ import annotations

from streams.classify.match import Table
from streams.classify.rhosts._rows import rows
from streams.model import Reason as R

NAME = "aol"
HOSTS = ("aol.com", "aol.jp", "mx.aol.com")
MARKERS = ()

RULES = Table(rows(
    NAME,
    # The MX look-up of the recipient domain gives a malformed answer: the domain takes no mail.
    (R.NOTACCEPT, "mx-malformed", ("type=mx", "malformed or unexpected name server reply")),
    (R.HOSTUNKNOWN, "host-not-found", "host or domain name not found"),
))
first = RULES.first
