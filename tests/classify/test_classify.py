"""classify(): real-world replies land on the right reason, every table stays inside the vocabulary,
and no input makes it raise."""
from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.classify import bounce_class, classify, phrases, rhosts, temporary
from streams.classify.match import Table, normalise, words
from streams.classify.status import REPLY, STATUS, SUBJECT
from streams.model import Bounce, BounceClass, Reason
from streams.policyfile import default_policy
from tests.classify.replies import REPLIES

DEFAULT_POLICY = default_policy()

# Reasons only a format (or the fallback) produces: an ARF report, no information at all.
FORMAT_ONLY = {Reason.FEEDBACK, Reason.UNDEFINED, Reason.ONHOLD, Reason.DELIVERED}


@pytest.mark.parametrize(("source", "text", "status", "host", "expected"), REPLIES, ids=[r[0] for r in REPLIES])
def test_real_world_reply(source, text, status, host, expected):
    verdict = classify(Bounce("a@example.org", status=status, diagnostic=text, remote_host=host))
    assert verdict.reason is expected, verdict.rule_id


def test_every_reason_has_a_fixture():
    covered = {row[4] for row in REPLIES}
    assert set(Reason) - FORMAT_ONLY - covered == set()


def _tables() -> list[Table]:
    return [phrases.PHRASES, phrases.LATE] + [
        provider.RULES for provider in rhosts.PROVIDERS if hasattr(provider, "RULES")
    ]


def test_every_table_lands_inside_the_vocabulary():
    for table in _tables():
        for row in table.rows:
            assert isinstance(row.reason, Reason), row
    for mapping in (STATUS, SUBJECT, REPLY):
        assert all(isinstance(reason, Reason) for reason in mapping.values())
    assert all(isinstance(code[0], Reason) for code in rhosts.franceptt.CODES.values())


def test_rule_ids_are_unique_and_name_their_table():
    for table in _tables():
        names = [row.name for row in table.rows]
        assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
        assert all(re.fullmatch(r"(phrase|rhost):[a-z0-9]+:[a-z0-9.-]+", name) for name in names)


def test_every_phrase_row_matches_its_own_wording():
    # The word index must never hide a row from the text it was written for.
    for table in _tables():
        for row in table.rows:
            if isinstance(row.pattern, re.Pattern):
                continue
            sample = " x ".join(row.pattern) if isinstance(row.pattern, tuple) else row.pattern
            text = normalise(f"x {sample} x")
            assert table.first(text, words(text)) is not None, row


def test_wording_beats_a_misused_status():
    blocked = classify(Bounce("a@b.org", status="5.1.1", diagnostic="550 5.1.1 blocked using zen.spamhaus.org"))
    assert blocked.reason is Reason.BLOCKED


def test_unknown_user_after_data_is_filtered():
    text = "550 Unknown user a@b.org"
    assert classify(Bounce("a@b.org", diagnostic=text, smtp_command="DATA")).reason is Reason.FILTERED
    assert classify(Bounce("a@b.org", diagnostic=text, smtp_command="RCPT")).reason is Reason.USERUNKNOWN


def test_unknown_user_follows_status_and_command():
    text = "550 User unknown"
    assert classify(Bounce("a@b.org", status="5.1.1", diagnostic=text, smtp_command="DATA")).reason \
        is Reason.USERUNKNOWN  # the status names the mailbox: it wins over the command
    assert classify(Bounce("a@b.org", diagnostic=text)).reason is Reason.FILTERED
    # Before RCPT TO the phrase is not about the recipient; a refusal of MAIL FROM is about the sender.
    assert classify(Bounce("a@b.org", diagnostic=text, smtp_command="MAIL")).reason is Reason.REJECTED


def test_refusal_of_mail_from_is_about_the_sender():
    verdict = classify(Bounce("a@b.org", status="5.7.1", diagnostic="550 5.7.1 <me@example.org>... Access denied",
                              smtp_command="MAIL"))
    assert verdict.reason is Reason.REJECTED


@pytest.mark.parametrize(("command", "text", "status"), [
    ("CONN", "550 Access denied", ""),  # Exim, refused at connect
    ("EHLO", "550 Rejected", "5.0.0"),
    ("HELO", "501 5.0.0 Invalid domain name", "5.0.0"),  # qmail-smtpd on a bad HELO argument
])
def test_refusal_at_the_greeting_is_blocked(command, text, status):
    verdict = classify(Bounce("a@b.org", status=status, diagnostic=text, smtp_command=command))
    assert verdict.reason is Reason.BLOCKED


def test_hint_decides_and_names_its_rule():
    verdict = classify(Bounce("a@b.org", diagnostic="550 5.1.1 user unknown", reason_hint=Reason.FEEDBACK,
                              hint_rule="arf:abuse"))
    assert verdict == verdict.__class__(Reason.FEEDBACK, "hint:arf:abuse")


def test_delay_notice_is_expired_and_nothing_is_onhold_or_undefined():
    assert classify(Bounce("a@b.org", action="delayed")).reason is Reason.EXPIRED
    assert classify(Bounce("a@b.org", diagnostic="550 something odd")).reason is Reason.ONHOLD
    assert classify(Bounce("a@b.org")).reason is Reason.UNDEFINED
    assert classify(Bounce("a@b.org", status="2.0.0", action="delivered")).reason is Reason.DELIVERED


def test_a_text_of_addresses_alone_says_nothing():
    assert classify(Bounce("a@b.org", status="5.0.0", diagnostic="* a@b.org")).reason is Reason.UNDEFINED
    assert classify(Bounce("a@b.org", diagnostic="<a@b.org>")).reason is Reason.UNDEFINED


def test_hostile_text_costs_bounded_time():
    hostile = ("550 " + "ip " * 200_000 + "blocked " + "a" * 1_000_000, "x@" * 300_000, "\x00\xff" * 100_000)
    for text in hostile:
        started = time.perf_counter()
        classify(Bounce("a@b.org", diagnostic=text))
        assert time.perf_counter() - started < 0.5


def test_fast_enough_per_row():
    rows = [Bounce("a@example.org", status=status, diagnostic=text, remote_host=host)
            for _source, text, status, host, _reason in REPLIES]
    started = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        for row in rows:
            classify(row)
    per_row = (time.perf_counter() - started) / (rounds * len(rows))
    assert per_row < 200e-6  # the target is well under 50 µs; the bound leaves room for a busy machine


_text = st.text(max_size=600) | st.sampled_from([r[1] for r in REPLIES])


@settings(max_examples=300, deadline=None)
@given(
    text=_text,
    status=st.text(max_size=12) | st.from_regex(r"\A[245]\.\d{1,3}\.\d{1,3}\Z"),
    reply=st.text(max_size=5),
    action=st.sampled_from(["", "failed", "delayed", "delivered", "Expanded", "junk"]),
    command=st.sampled_from(["", "RCPT", "DATA", "MAIL", "rcpt", "??"]),
    host=st.text(max_size=40) | st.sampled_from(["mx.google.com", "orange.fr", "x.cox.net"]),
    hint=st.none() | st.sampled_from(list(Reason)),
)
def test_never_raises_and_always_answers_a_reason(text, status, reply, action, command, host, hint):
    verdict = classify(Bounce("a@b.org", status=status, reply_code=reply, diagnostic=text, action=action,
                              smtp_command=command, remote_host=host, reason_hint=hint))
    assert isinstance(verdict.reason, Reason)
    assert verdict.rule_id


@pytest.mark.parametrize(("status", "reply", "text", "expected"), [
    ("4.3.2", "", "452 4.3.2 System not accepting network messages", Reason.NOTACCEPT),
    ("4.0.0", "", "DNS Error: the domain example.org doesn't receive email: returned Null MX", Reason.NOTACCEPT),
    ("4.1.1", "450", "450 4.1.1 <a@example.org>: Recipient address rejected: User unknown", Reason.USERUNKNOWN),
    ("", "451", "451 Host unknown, try again later", Reason.HOSTUNKNOWN),
    ("5.3.2", "", "552 5.3.2 System not accepting network messages", Reason.NOTACCEPT),
])
def test_the_reason_is_the_stated_cause_and_a_transient_failure_is_never_hard(status, reply, text, expected):
    bounce = Bounce("a@example.org", status=status, reply_code=reply, diagnostic=text, smtp_command="RCPT")
    verdict = classify(bounce)
    assert verdict.reason is expected, verdict.rule_id
    cls = bounce_class(DEFAULT_POLICY, verdict.reason, bounce.status, bounce.reply_code, bounce.diagnostic)
    assert cls is (BounceClass.SOFT if (status or reply)[:1] == "4" else BounceClass.HARD)


@pytest.mark.parametrize(("status", "reply", "text"), [
    ("", "", "450 4.1.1 <a@example.org>: user unknown"),  # the status is read from the text
    ("", "", "451 no such domain, try again later"),  # so is a reply code when there is no status
    ("", "450", "user unknown"),
])
def test_temporary_reads_the_status_then_the_reply_code(status, reply, text):
    assert temporary(status, reply, text)
    assert not temporary("5.1.1", reply, text)


def test_exit_code_of_local_program_beats_undefined_system_status():
    # Sendmail: "Diagnostic-Code: X-Unix; 255" with the transcript's "554 5.3.0 unknown mailer error 255"
    verdict = classify(Bounce("a@example.org", status="5.3.0", reply_code="554", diagnostic="255"))
    assert verdict.reason is Reason.MAILERERROR, verdict.rule_id
    verdict = classify(Bounce("a@example.org", status="5.3.4", diagnostic="255"))
    assert verdict.reason is Reason.MESGTOOBIG, verdict.rule_id
