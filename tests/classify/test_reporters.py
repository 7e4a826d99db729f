"""The reporting MTA's own words: the parser names who reported, streams/classify reads what it means."""
from __future__ import annotations

from streams.bounces.formats import parse_email
from streams.classify import classify, reporters, rhosts
from streams.classify.phrases import PHRASES
from streams.model import Bounce, Reason


def test_a_reporters_own_sentence_states_the_reason():
    verdict = classify(Bounce("ann@example.org", diagnostic="Error: user not listed in public name & address book",
                              reporter="notes"))
    assert (verdict.reason, verdict.rule_id) == (
        Reason.USERUNKNOWN, "reporter:notes:user-not-listed-in-public-name-address-book")


def test_the_same_words_from_an_unnamed_mta_are_read_as_generic_text():
    verdict = classify(Bounce("ann@example.org", diagnostic="message has exceeded maximum hop count"))
    assert not verdict.rule_id.startswith("reporter:")


def test_exims_own_words_are_not_read_in_a_remote_servers_reply():
    own = Bounce("ann@example.org", diagnostic="Unrouteable address", reporter="exim")
    quoted = Bounce("ann@example.org", diagnostic="550 unrouteable address", smtp_command="RCPT", reporter="exim")
    assert classify(own).rule_id == "reporter:exim:unrouteable-address"
    assert not classify(quoted).rule_id.startswith("reporter:")


def test_a_format_hint_outranks_the_reporters_table():
    row = Bounce("ann@example.org", diagnostic="mailbox is full", reporter="exim",
                 reason_hint=Reason.SYNTAXERROR, hint_rule="exim:malformed-address")
    assert classify(row).reason is Reason.SYNTAXERROR


def test_a_provider_that_signs_its_bounce_is_read_by_its_receiving_provider_rules():
    # AOL's relay signs with X-AOL-IP; its words are in rhosts/aol, whatever host the row names
    row = Bounce("ann@example.net", diagnostic="Host or domain name not found. Name service error",
                 remote_host="mx.example.net", reporter="aol")
    assert classify(row).rule_id == "rhost:aol:host-not-found"
    unsigned = Bounce("ann@example.net", diagnostic="Host or domain name not found. Name service error",
                      remote_host="mx.example.net")
    assert not classify(unsigned).rule_id.startswith("rhost:aol")


def test_parse_email_names_the_mta_that_signed_the_headers():
    text = (b"From: Postmaster <postmaster@hub.example.org>\nTo: news@sender.example\n"
            b"Subject: DELIVERY FAILURE: User gil (gil@example.org) not listed in Domino Directory\n\n"
            b"Your message\n\n  Subject: news\n\nwas not delivered to:\n\n  gil@example.org\n\n"
            b"because:\n\n  User gil (gil@example.org) not listed in Domino Directory\n")
    rows = parse_email(text)
    assert [row.reporter for row in rows] == ["domino"] * len(rows) and rows
    assert classify(rows[0]).rule_id == "reporter:domino:not-listed-in-domino-directory"


def test_reporter_rows_are_named_once_and_repeat_no_provider_row():
    names = [row.name for rows in reporters.TABLES.values() for row in rows]
    assert len(names) == len(set(names))
    assert not set(reporters.TABLES) & {provider.NAME for provider in rhosts.PROVIDERS}
    # a reporter row whose phrase holds a provider row's phrase with the same reason would be a copy
    provider_rows = [row for provider in rhosts.PROVIDERS for row in getattr(provider, "RULES", PHRASES).rows
                     if isinstance(row.pattern, str) and row.name.startswith("rhost:")]
    copies = [(mine.name, theirs.name) for rows in reporters.TABLES.values() for mine in rows for theirs in provider_rows
              if theirs.pattern in mine.pattern and theirs.reason is mine.reason]
    assert copies == []


def test_a_providers_own_failure_type_states_the_reason_before_its_text():
    row = Bounce("ann@example.org", diagnostic="550 5.1.1 user unknown", status="5.1.1", reporter="ses",
                 reporter_code="delay:IPFailure")
    assert (classify(row).reason, classify(row).rule_id) == (Reason.BLOCKED, "reporter:ses:delay:IPFailure")


def test_a_type_that_states_nothing_leaves_the_reason_to_the_servers_text():
    row = Bounce("ann@example.org", diagnostic="550 5.1.1 user unknown", status="5.1.1", smtp_command="RCPT",
                 reporter="ses", reporter_code="bounce:Permanent/General")
    assert classify(row).reason is Reason.USERUNKNOWN and not classify(row).rule_id.startswith("reporter:")
