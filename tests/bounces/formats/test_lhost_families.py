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
    "activehunter": [("ann@example.jp", "5.1.1", "550", "User Unknown", "userunknown")],
    "aol": [("ann@example.jp", "5.4.4", "", "Host or domain name not found", "hostunknown")],
    "apachejames": [("ann@example.jp", "", "550", "550 Requested action not taken: no such user here",
                     "filtered")],
    "biglobe": [("ann@biglobe.ne.jp", "5.0.0", "", "mailbox exceeded the local limit", "mailboxfull")],
    "biglobe-two-recipients": [
        ("ann@biglobe.ne.jp", "5.0.0", "", "mailbox exceeded the local limit", "mailboxfull"),
        ("bob@biglobe.ne.jp", "5.0.0", "", "mailbox exceeded the local limit", "mailboxfull")],
    "courier": [("ann@example.co.jp", "5.0.0", "550", "550 User unknown", "userunknown")],
    "domino-cannot-route": [("ann@example.jp", "5.0.0", "", "Cannot route mail to user", "filtered")],
    "einsundeins": [("ann@example.jp", "5.0.0", "", "Mail size limit exceeded", "mesgtoobig")],
    "exchange2007": [("ann@example.com", "5.1.1", "550", "RESOLVER.ADR.RecipNotFound", "userunknown")],
    "exim-host-lookup": [("ann@example.net", "5.0.0", "", "all host address lookups failed permanently",
                          "hostunknown")],
    "facebook": [("ann@facebook.com", "5.1.1", "550", "RCP-P1", "userunknown")],
    "exchange2007-ambiguous": [("ann@example.com", "4.2.0", "420", "RESOLVER.ADR.Ambiguous", "systemerror")],
    "exchange2007-two-recipients": [
        ("ann@example.com", "5.1.1", "550", "RESOLVER.ADR.RecipNotFound", "userunknown"),
        ("bob@example.com", "5.2.2", "550", "mailbox full", "mailboxfull")],
    "fml": [("list@ml.example.jp", "5.0.0", "", "You are not a member of this mailing list", "rejected")],
    "fml-loop": [("list@ml.example.jp", "5.0.0", "", "X-ML-Info", "systemerror")],
    "gsuite": [("ann@example.jp", "5.1.1", "550", "User unknown in local recipient table", "userunknown")],
    "kddi": [("ann@ezweb.ne.jp", "5.0.0", "", "As their mailbox is full", "mailboxfull")],
    "kddi-two-recipients": [("ann@ezweb.ne.jp", "5.0.0", "", "As their mailbox is full", "mailboxfull"),
                            ("bob@ezweb.ne.jp", "5.0.0", "", "As their mailbox is full", "mailboxfull")],
    "mailmarshalsmtp-two-recipients": [("ann@example.jp", "5.1.1", "550", "550 5.1.1 User unknown", "userunknown"),
                                       ("bob@example.jp", "5.1.1", "550", "550 5.1.1 User unknown", "userunknown")],
    "mailmarshalsmtp": [("ann@example.jp", "5.1.1", "550", "550 5.1.1 User unknown", "userunknown")],
    "messagelabs": [("ann@example.jp", "5.0.0", "550", "550 No such user", "userunknown")],
    "opensmtpd-no-mx": [("ann@example.net", "5.0.0", "", "No MX found for domain", "networkerror")],
    "sendmail-no-dsn-mail-from": [("dave@example.com", "", "550", "550 Authentication required for this sender",
                                   "securityerror")],
    "sendmail-no-dsn-two-recipients": [
        ("ann@example.jp", "5.1.1", "550", "User Unknown", "userunknown"),
        ("bob@example.jp", "5.7.1", "550", "Relaying denied", "norelaying")],
    "surfcontrol": [("ann@example.com", "", "550", "550 ann@example.com... No such user", "filtered")],
    "verizon-vzwpix": [("5555550100@vzwpix.com", "5.0.0", "", "No valid recipients for this MM", "userunknown")],
    "x1": [("ann@example.jp", "5.0.0", "", "User unknown", "filtered")],
    "x1-two-recipients": [("ann@example.jp", "5.0.0", "", "User unknown", "filtered"),
                          ("bob@example.jp", "5.0.0", "", "Mailbox full", "mailboxfull")],
    "x2": [("ann@example.com", "5.1.1", "", "Sorry, no mailbox here by that name", "userunknown")],
    "x3": [("ann@example.com", "5.1.1", "550", "User Unknown", "userunknown")],
    "x2-three-recipients": [
        ("ann@example.com", "5.0.0", "", "This address no longer accepts mail", "filtered"),
        ("bob@example.com", "5.0.0", "", "this account has been disabled", "suspend"),
        ("carol@example.com", "5.0.0", "", "rejected by the recipient's filter", "onhold")],
    "x3-routing": [("ann@example.com", "5.0.0", "", "Could not find a gateway", "expired")],
    "x4": [("ann@example.net", "5.1.1", "", "Sorry, no mailbox here by that name", "userunknown")],
    "x4-ldap-disabled": [("ann@example.net", "5.2.1", "", "administrativley disabled", "suspend")],
    "yandex": [("ann@example.jp", "5.2.1", "550", "Recipient address rejected: User unknown", "userunknown")],
    "zoho": [("ann@example.jp", "5.1.1", "550", "User Unknown", "userunknown")],
    "zoho-host-not-reachable": [("ann@example.jp", "", "421", "421 Host not reachable", "expired")],
    "zoho-two-recipients": [
        ("ann@example.jp", "5.1.1", "550", "User Unknown", "userunknown"),
        ("bob@example.jp", "", "550", "Invalid Address, 550 Requested action not taken: mailbox unavailable",
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
