from hypothesis import given, settings
from hypothesis import strategies as st

from streams.bounces.address import extract, normalise, verp


def test_normalise_gives_the_contact_key():
    assert normalise("  rfc822; <Alice@Example.ORG> ") == "alice@example.org"
    assert normalise('"Alice" <alice@example.org>') == "alice@example.org"
    assert normalise("RFC822;bob@example.net") == "bob@example.net"


def test_extract_finds_addresses_in_text_in_order():
    assert extract("550 'a.b+c@example.net' and <d@example.org>, not x@y") == ["a.b+c@example.net", "d@example.org"]
    assert extract("no address @ here @@") == []


def test_extract_is_linear_on_hostile_text():
    assert extract("@" * 100_000) == []
    assert len(extract("a@example.org " * 10_000)) == 200


def test_verp_decodes_the_recipient_from_a_return_path():
    assert verp("<bounces+alice=example.org@sender.example>") == "alice@example.org"
    assert verp("bounces@sender.example") == ""


def test_only_addresses_tells_a_list_of_recipients_from_a_reason():
    from streams.bounces.address import only_addresses
    assert only_addresses("<ann@example.net>, bob@example.org.")
    assert only_addresses("")
    assert not only_addresses("ann@example.net: mailbox full")


def test_only_addresses_is_linear_on_a_long_token():
    import time
    from streams.bounces.address import only_addresses
    start = time.perf_counter()
    assert not only_addresses("x" * 100_000)
    assert only_addresses("(" + "a@b.example " * 40 + ")")
    assert time.perf_counter() - start < 0.05


def test_comments_are_no_part_of_the_contact_key():
    assert normalise("ann@example.org (Ann at work)") == "ann@example.org"
    assert normalise("ann(home)@example.org") == "ann@example.org"
    assert normalise("Ann (work) <Ann@Example.org>") == "ann@example.org"
    assert normalise("ann@example.org (a (nested) comment)") == "ann@example.org"


def test_a_quoted_local_part_keeps_its_parentheses():
    assert normalise('"ann (x)"@example.org') == '"ann (x)"@example.org'


def test_an_international_domain_is_one_contact_in_either_spelling():
    assert normalise("a@Bücher.de") == normalise("a@xn--bcher-kva.de") == "a@xn--bcher-kva.de"
    assert normalise("rfc822; <Ünal@MÜNCHEN.example>") == "ünal@xn--mnchen-3ya.example"  # the local part stays


def test_a_domain_that_is_no_valid_idn_stays_as_written():
    assert normalise("a@bad\u00a0domain.example") == "a@bad\u00a0domain.example"


@settings(deadline=None)  # a loaded machine must not fail it: the property is what is tested
@given(st.emails())
def test_the_contact_key_is_stable(address):
    assert normalise(normalise(address)) == normalise(address)
    assert normalise(f"<{address.upper()}>") == normalise(address)
