"""One short bounce per Sisimai lhost family (tests/vectors/lhost/<family>.eml, written for these tests
in the shape each family's module expects): the parser finds the recipient, status, reply code and
the server's words, and the classifier the reason Sisimai gives it."""
from __future__ import annotations

import pytest

from streams.bounces.formats import parse_email
from streams.classify import classify
from tests.bounces.formats.emailvectors import raw

# family: [(recipient, status, reply code, words of the diagnostic, reason)], one tuple per row.
FAMILIES = {
    "activehunter": [("kijitora@example.jp", "5.1.1", "550", "User Unknown", "userunknown")],
    "aol": [("kijitora@example.jp", "5.4.4", "", "Host or domain name not found", "hostunknown")],
    "apachejames": [("kijitora@example.jp", "", "550", "550 Requested action not taken: no such user here",
                     "filtered")],
    "biglobe": [("kijitora@biglobe.ne.jp", "5.0.0", "", "mailbox exceeded the local limit", "mailboxfull")],
    "biglobe-two-recipients": [
        ("kijitora@biglobe.ne.jp", "5.0.0", "", "mailbox exceeded the local limit", "mailboxfull"),
        ("mikeneko@biglobe.ne.jp", "5.0.0", "", "mailbox exceeded the local limit", "mailboxfull")],
    "courier": [("kijitora@example.co.jp", "5.0.0", "550", "550 User unknown", "userunknown")],
    "domino-cannot-route": [("kijitora@example.jp", "5.0.0", "", "Cannot route mail to user", "filtered")],
    "einsundeins": [("kijitora@example.jp", "5.0.0", "", "Mail size limit exceeded", "mesgtoobig")],
    "exchange2007": [("kijitora@example.com", "5.1.1", "550", "RESOLVER.ADR.RecipNotFound", "userunknown")],
    "exim-host-lookup": [("kijitora@example.net", "5.0.0", "", "all host address lookups failed permanently",
                          "hostunknown")],
    "facebook": [("kijitora@facebook.com", "5.1.1", "550", "RCP-P1", "userunknown")],
    "exchange2007-ambiguous": [("kijitora@example.com", "4.2.0", "420", "RESOLVER.ADR.Ambiguous", "systemerror")],
    "exchange2007-two-recipients": [
        ("kijitora@example.com", "5.1.1", "550", "RESOLVER.ADR.RecipNotFound", "userunknown"),
        ("mikeneko@example.com", "5.2.2", "550", "mailbox full", "mailboxfull")],
    "fml": [("list@ml.example.jp", "5.0.0", "", "You are not a member of this mailing list", "rejected")],
    "fml-loop": [("list@ml.example.jp", "5.0.0", "", "X-ML-Info", "systemerror")],
    "gsuite": [("kijitora@example.jp", "5.1.1", "550", "User unknown in local recipient table", "userunknown")],
    "kddi": [("kijitora@ezweb.ne.jp", "5.0.0", "", "As their mailbox is full", "mailboxfull")],
    "kddi-two-recipients": [("kijitora@ezweb.ne.jp", "5.0.0", "", "As their mailbox is full", "mailboxfull"),
                            ("mikeneko@ezweb.ne.jp", "5.0.0", "", "As their mailbox is full", "mailboxfull")],
    "mailmarshalsmtp-two-recipients": [("kijitora@example.jp", "5.1.1", "550", "550 5.1.1 User unknown", "userunknown"),
                                       ("mikeneko@example.jp", "5.1.1", "550", "550 5.1.1 User unknown", "userunknown")],
    "mailmarshalsmtp": [("kijitora@example.jp", "5.1.1", "550", "550 5.1.1 User unknown", "userunknown")],
    "messagelabs": [("kijitora@example.jp", "5.0.0", "550", "550 No such user", "userunknown")],
    "opensmtpd-no-mx": [("kijitora@example.net", "5.0.0", "", "No MX found for domain", "networkerror")],
    "sendmail-no-dsn-mail-from": [("sironeko@example.com", "", "550", "550 Unauthenticated senders not allowed",
                                   "securityerror")],
    "sendmail-no-dsn-two-recipients": [
        ("kijitora@example.jp", "5.1.1", "550", "User Unknown", "userunknown"),
        ("mikeneko@example.jp", "5.7.1", "550", "Relaying denied", "norelaying")],
    "surfcontrol": [("kijitora@example.com", "", "550", "550 kijitora@example.com... No such user", "filtered")],
    "verizon-vzwpix": [("5555550100@vzwpix.com", "5.0.0", "", "No valid recipients for this MM", "userunknown")],
    "x1": [("kijitora@example.jp", "5.0.0", "", "User unknown", "filtered")],
    "x1-two-recipients": [("kijitora@example.jp", "5.0.0", "", "User unknown", "filtered"),
                          ("mikeneko@example.jp", "5.0.0", "", "Mailbox full", "mailboxfull")],
    "x2": [("kijitora@example.com", "5.1.1", "", "Sorry, no mailbox here by that name", "userunknown")],
    "x3": [("kijitora@example.com", "5.1.1", "550", "User Unknown", "userunknown")],
    "x2-three-recipients": [
        ("kijitora@example.com", "5.0.0", "", "This address no longer accepts mail", "filtered"),
        ("mikeneko@example.com", "5.0.0", "", "this account has been disabled", "suspend"),
        ("shironeko@example.com", "5.0.0", "", "rejected by the recipient's filter", "onhold")],
    "x3-routing": [("kijitora@example.com", "5.0.0", "", "Could not find a gateway", "expired")],
    "x4": [("kijitora@example.net", "5.1.1", "", "Sorry, no mailbox here by that name", "userunknown")],
    "x4-ldap-disabled": [("kijitora@example.net", "5.2.1", "", "administrativley disabled", "suspend")],
    "yandex": [("kijitora@example.jp", "5.2.1", "550", "Recipient address rejected: User unknown", "userunknown")],
    "zoho": [("kijitora@example.jp", "5.1.1", "550", "User Unknown", "userunknown")],
    "zoho-host-not-reachable": [("kijitora@example.jp", "", "421", "421 Host not reachable", "expired")],
    "zoho-two-recipients": [
        ("kijitora@example.jp", "5.1.1", "550", "User Unknown", "userunknown"),
        ("mikeneko@example.jp", "", "550", "Invalid Address, 550 Requested action not taken: mailbox unavailable",
         "filtered")],
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_each_family_gives_its_rows(family):
    rows = parse_email(raw(f"lhost/{family}.eml"))
    got = [(r.recipient, r.status, r.reply_code, r.diagnostic, classify(r).reason.value) for r in rows]
    wanted = FAMILIES[family]
    assert [(g[0], g[1], g[2], g[4]) for g in got] == [(w[0], w[1], w[2], w[4]) for w in wanted]
    for (_, _, _, diagnostic, _), (_, _, _, words, _) in zip(got, wanted):
        assert words in diagnostic
