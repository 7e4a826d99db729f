"""Rule families taken from MTA sources and Sisimai's reason tables, each checked on a reply written here
in the shape that MTA emits (our own wording around the MTA's fixed sentence), with the class a
contact gets under the default policy: the reason is the cause stated, a 4.x.x is never hard."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.classify import bounce_class, classify
from streams.model import Bounce, BounceClass, Reason
from streams.policyfile import default_policy

R, C = Reason, BounceClass
POLICY = default_policy()

# (family, diagnostic, status, command, reason, class)
CASES = [
    # transient unknown users: the cause is the mailbox, the failure is temporary
    ("postfix-450-unknown-user", "450 4.1.1 <ann@example.net>: Recipient address rejected: User unknown in "
     "virtual mailbox table", "4.1.1", "RCPT", R.USERUNKNOWN, C.SOFT),
    ("4.1.1-without-command", "450 4.1.1 <ann@example.net>... No such user here", "4.1.1", "", R.USERUNKNOWN, C.SOFT),
    ("5.1.1-unknown-user", "550 5.1.1 <ann@example.net>... User unknown", "5.1.1", "RCPT", R.USERUNKNOWN, C.HARD),
    ("postfix-bare-rcpt-refusal", "550 Recipient address rejected.", "", "RCPT", R.USERUNKNOWN, C.HARD),
    ("bare-refusal-after-data", "554 Recipient address rejected.", "", "DATA", R.FILTERED, C.SOFT),
    ("qmail-does-not-like-recipient", "Sorry, mx.example.net does not like recipient. Remote host said: 550 "
     "sorry, no such account", "", "RCPT", R.USERUNKNOWN, C.HARD),
    # Exchange's own directory look-up, whatever the command and status (5.1.10 is also RFC 7505's null MX)
    ("exchange-recipient-not-found", "Remote server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; "
     "Recipient not found by SMTP address lookup'", "5.1.10", "", R.USERUNKNOWN, C.HARD),
    ("exchange-2003-not-recognized", "The recipient name is not recognized MSEXCH:IMS:ACME:HQ:MAIL1 0 (000C05A6) "
     "Unknown Recipient", "", "", R.USERUNKNOWN, C.HARD),
    ("exchange-online-dbeb", "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)", "5.4.1", "",
     R.USERUNKNOWN, C.HARD),
    ("exchange-online-5.7.708", "550 5.7.708 Access denied, traffic not accepted from this IP.", "5.7.708", "",
     R.BLOCKED, C.BLOCK),
    ("qmail-remote-text-wins", "Sorry, mx.example.net does not like recipient. Remote host said: 554 your "
     "IP is blacklisted", "", "RCPT", R.BLOCKED, C.BLOCK),
    # an MTA giving up after retrying
    ("sendmail-cannot-send", "Cannot send message for 5 days", "4.4.7", "", R.EXPIRED, C.SOFT),
    ("sendmail-could-not-be-delivered", "Message could not be delivered for 3 days", "", "", R.EXPIRED, C.SOFT),
    ("dma-giving-up", "Could not deliver for the last 432000 seconds. Giving up.", "", "", R.EXPIRED, C.SOFT),
    ("gmail-dns-give-up", "DNS Error: Could not contact DNS servers", "", "", R.EXPIRED, C.SOFT),
    ("ses-delivery-expired", "Delivery expired", "", "", R.EXPIRED, C.SOFT),
    # DNS: a domain that does not exist (the class says whether for good)
    ("gmail-domain-name-not-found", "DNS Error: Domain name not found: example.invalid", "", "", R.HOSTUNKNOWN,
     C.HARD),
    ("dma-dns-failure", "DNS lookup failure: host example.invalid not found", "", "", R.HOSTUNKNOWN, C.HARD),
    ("domain-x-does-not-exist", "550 Domain example.invalid does not exist", "", "RCPT", R.HOSTUNKNOWN, C.HARD),
    ("sendmail-host-not-found", "Name server: example.invalid: host not found", "5.1.2", "", R.HOSTUNKNOWN, C.HARD),
    ("transient-host-unknown", "451 4.1.2 Host unknown, try again later", "4.1.2", "RCPT", R.HOSTUNKNOWN, C.SOFT),
    ("sendmail-temporary-dns", "Host not found, try again", "4.4.3", "", R.NETWORKERROR, C.SOFT),
    ("exchange-dns-records", "550 5.4.4 The DNS records for the destination computer could not be found",
     "5.4.4", "", R.NETWORKERROR, C.SOFT),
    ("helo-domain-refused", "501 5.0.0 HELO domain example.invalid does not exist", "5.0.0", "HELO", R.BLOCKED,
     C.BLOCK),
    # a domain that takes no mail
    ("transient-not-accepting", "452 4.3.2 System not accepting network messages", "4.3.2", "", R.NOTACCEPT,
     C.SOFT),
    # relaying refused (not a security error)
    ("insecure-relay", "554 5.7.1 Insecure mail relay", "5.7.1", "RCPT", R.NORELAYING, C.BLOCK),
    ("no-relaying", "550 5.7.1 No relaying allowed for that domain", "5.7.1", "RCPT", R.NORELAYING, C.BLOCK),
    # disabled, not unknown
    ("rfc3463-mailbox-disabled", "550 5.2.1 Mailbox disabled for this recipient", "5.2.1", "RCPT", R.SUSPEND,
     C.SOFT),
    ("reply-525", "525 this account is off for now", "", "RCPT", R.SUSPEND, C.SOFT),
    # size: the status says whose limit
    ("too-large-system-limit", "552 5.3.4 Message too large (limit 10 MB)", "5.3.4", "DATA", R.MESGTOOBIG, C.BLOCK),
    ("too-large-mailbox-limit", "552 5.2.3 Message too large for this recipient", "5.2.3", "DATA",
     R.EXCEEDLIMIT, C.SOFT),
    ("too-large-no-status", "552 message too large", "", "DATA", R.EXCEEDLIMIT, C.SOFT),
    # a generic word defers to a status that names the cause; a specific phrase does not
    ("generic-word-vs-specific-status", "552 5.2.2 local policy: this mailbox is over its limit", "5.2.2", "",
     R.MAILBOXFULL, C.SOFT),
    ("generic-word-vs-vague-status", "550 5.7.1 rejected by local policy", "5.7.1", "", R.POLICYVIOLATION,
     C.BLOCK),
    ("moved-with-generic-error", "550 5.1.6 internal error, try another address", "5.1.6", "", R.HASMOVED,
     C.HARD),
    # amavisd-new's reject prefix names nothing; its category word does
    ("amavis-infected", "554 5.7.0 Reject, id=04211-07 - INFECTED: Test-Virus", "5.7.0", "DATA", R.VIRUSDETECTED,
     C.BLOCK),
    ("amavis-bad-header", "554 5.7.0 Reject, id=04211-07 - BAD HEADER: non-encoded 8-bit data", "5.7.0", "DATA",
     R.CONTENTERROR, C.BLOCK),
    # protocol refusals and the mailbox quota, whoever reports them
    ("refused-command-vague-status", "503 5.5.0 need RCPT command first", "5.5.0", "DATA", R.SYNTAXERROR, C.BLOCK),
    ("exim-syntax", "malformed address: angle-brackets nested too deep", "", "RCPT", R.SYNTAXERROR, C.BLOCK),
    ("exim-quota", "error: quota exceed", "", "", R.MAILBOXFULL, C.SOFT),
]


@pytest.mark.parametrize(("family", "text", "status", "command", "reason", "cls"), CASES, ids=[c[0] for c in CASES])
def test_rule_family(family, text, status, command, reason, cls):
    bounce = Bounce("ann@example.net", status=status, diagnostic=text, smtp_command=command)
    verdict = classify(bounce)
    assert verdict.reason is reason, verdict.rule_id
    assert bounce_class(POLICY, verdict.reason, status, "", text) is cls


def test_a_temporary_failure_is_never_hard():
    for _family, text, status, command, _reason, _cls in CASES:
        bounce = Bounce("ann@example.net", status=status, diagnostic=text, smtp_command=command)
        verdict = classify(bounce)
        if status.startswith("4."):
            assert bounce_class(POLICY, verdict.reason, status, "", text) is not BounceClass.HARD


def test_a_provider_answers_for_its_own_mailboxes_without_a_remote_host():
    # Sisimai rhost/lib.go: the recipient's domain chooses the provider first; Outlook.com's bare
    # "mailbox unavailable" is its unknown-address reply, not a content filter's verdict
    text = "550 Requested action not taken: mailbox unavailable (-1234:5678:-9)"
    verdict = classify(Bounce("ann@hotmail.com", diagnostic=text))
    assert (verdict.reason, verdict.rule_id) == (R.USERUNKNOWN, "rhost:microsoft:mailbox-unavailable")
    assert classify(Bounce("ann@example.net", diagnostic=text)).reason is R.FILTERED


@settings(max_examples=300, deadline=None)
@given(
    reason=st.sampled_from(list(Reason)),
    status=st.from_regex(r"\A4\.\d{1,3}\.\d{1,3}\Z") | st.just(""),
    reply=st.sampled_from(["", "421", "450", "451", "452"]),
    text=st.text(alphabet="abcdefghijklmnopqrstuvwxyz :;<>@.", max_size=80),
)
def test_no_temporary_failure_is_ever_hard(reason, status, reply, text):
    # a 4.x.x status, or (without a status) a 4xx reply, whichever reason and wording
    if not status and not reply:
        reply = "450"
    assert bounce_class(POLICY, reason, status, reply, text) is not BounceClass.HARD


@pytest.mark.parametrize(("status", "reason"), [("5.2.3", R.EXCEEDLIMIT), ("5.3.4", R.MESGTOOBIG)])
def test_a_providers_size_wording_defers_to_the_status(status, reason):
    # Google answers both codes with the same sentence (Sisimai rhost/for-google.go lists it twice)
    text = f"552 {status} Your message exceeded Google's message size limits. - gsmtp"
    assert classify(Bounce("ann@gmail.com", status=status, diagnostic=text)).reason is reason
