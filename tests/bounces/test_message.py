from streams.bounces import message
from streams.bounces.message import fields, read


def test_headers_are_unfolded_decoded_and_case_insensitive():
    msg = read(b"Subject: =?UTF-8?B?w4ljaGVj?= =?UTF-8?Q?_de_livraison?=\nX-A: one\n two\nx-a: three\n\nbody")
    assert msg.headers.get("SUBJECT") == "\u00c9chec de livraison"
    assert msg.headers.get_all("X-A") == ["one two", "three"]
    assert msg.headers.get("missing") == "" and "x-a" in msg.headers


def test_non_mime_message_has_one_text_part():
    msg = read("From: a@example.org\r\nSubject: hi\r\n\r\nline 1\r\nline 2\r\n")
    assert [p.content_type for p in msg.parts] == ["text/plain"]
    assert msg.body_text == "line 1\nline 2\n"


def test_parts_are_decoded_with_their_transfer_encoding_and_charset():
    text = (b'Content-Type: multipart/mixed; boundary="x"\n\n--x\nContent-Type: text/plain; charset=iso-8859-1\n'
            b"Content-Transfer-Encoding: quoted-printable\n\nB=FCro\n--x\nContent-Type: text/html; charset=utf-8\n"
            b"Content-Transfer-Encoding: base64\n\nPGI+SMOkbGxvPC9iPg==\n--x--\n")
    msg = read(text)
    assert [p.content_type for p in msg.parts] == ["text/plain", "text/html"]
    assert msg.parts[0].text == "B\u00fcro"  # the line end before a delimiter belongs to it (RFC 2046)
    assert msg.parts[1].text == "<b>H\u00e4llo</b>"


def test_html_only_body_text_has_its_tags_removed():
    msg = read(b"Content-Type: text/html\n\n<p>User&nbsp;unknown</p><br>bye")
    assert msg.body_text == "User unknown\n\nbye"


def test_wrong_or_unknown_charset_and_bad_base64_do_not_fail():
    msg = read(b"Content-Type: text/plain; charset=x-nonsense\nContent-Transfer-Encoding: base64\n\nw6k=!!\n=")
    assert msg.body_text == "\u00e9"
    assert read(b"Content-Type: text/plain; charset=utf-8\n\n\xff\xfeok").body_text.endswith("ok")
    # A charset label with a NUL in it (codecs.lookup raises ValueError, not LookupError).
    assert read(b"Content-Type: text/plain; charset=us-\x00ascii\n\n\xe9t\xe9").body_text.endswith("t\xe9")
    assert read(b"Subject: =?us-\x00ascii?Q?caf=E9?=\n\nx").headers.get("subject")


def test_returned_original_and_report_fields_are_reachable():
    text = (b"Content-Type: multipart/report; boundary=b\n\n--b\nContent-Type: message/delivery-status\n\n"
            b"Reporting-MTA: dns; mx\n\nFinal-Recipient: rfc822; a@example.org\nStatus: 5.1.1\n"
            b"--b\nContent-Type: message/rfc822\n\nMessage-ID: <m@x>\nTo: a@example.org\n\nhello\n--b--\n")
    msg = read(text)
    groups = fields(msg.part("message/delivery-status").text)
    assert [g.get("final-recipient") for g in groups] == ["", "rfc822; a@example.org"]
    assert msg.original().get("message-id") == "<m@x>"
    assert msg.part("message/rfc822").as_message().body_text == "hello"


def test_nested_multipart_is_walked_in_document_order():
    text = (b"Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/alternative; boundary=i\n\n"
            b"--i\nContent-Type: text/plain\n\nplain\n--i\nContent-Type: text/html\n\n<p>x</p>\n--i--\n"
            b"--o\nContent-Type: message/delivery-status\n\nAction: failed\n--o--\n")
    assert [p.content_type for p in read(text).parts] == ["text/plain", "text/html", "message/delivery-status"]


def test_reading_is_capped():
    many = b"".join(b"X-H%d: v\n" % i for i in range(5000)) + b"\nbody"
    assert len(read(many).headers) == message.MAX_HEADERS
    parts = b"Content-Type: multipart/mixed; boundary=b\n\n" + b"--b\n\nx\n" * 1000
    assert len(read(parts).parts) <= message.MAX_PARTS
    big = b"Subject: big\n\n" + b"a" * (5 * message.MAX_BYTES)
    assert len(read(big).body_text) <= message.MAX_PART_CHARS


def test_the_originals_raw_utf8_headers_are_read_and_cached():
    text = ("Content-Type: multipart/report; boundary=b\n\n--b\nContent-Type: text/plain\n\nfailed\n"
            "--b\nContent-Type: message/rfc822\n\nSubject: \u65e5\u672c\u8a9e\nTo: ann@example.net\n\nbody\n--b--\n")
    msg = read(text.encode())
    original = msg.original()
    assert original is not None and original.get("subject") == "\u65e5\u672c\u8a9e"
    assert msg.original() is original


def test_header_reading_keeps_field_boundaries_and_caps():
    headers, body = message.read_headers("A: one\n two \n\tthree\nB:\nnot a field\n c\n\nrest")
    assert headers.items == (("A", "one two three"), ("B", ""))
    assert body == "not a field\n c\n\nrest"
    headers, _ = message.read_headers("A: " + "x" * 5000 + "\n more")
    assert headers.get("a") == "x" * message.MAX_HEADER_CHARS


def test_a_seven_bit_iso_2022_jp_part_is_decoded_with_its_charset():
    text = (b'Content-Type: multipart/mixed; boundary="x"\n\n--x\nContent-Type: text/plain; charset="iso-2022-jp"\n\n'
            + "\u5b9b\u5148\u4e0d\u660e".encode("iso-2022-jp") + b"\n--x--\n")
    assert read(text).parts[0].text.strip() == "\u5b9b\u5148\u4e0d\u660e"


def test_raw_utf8_header_values_keep_their_last_character():
    # RFC 6532: 8-bit UTF-8 in a header. "à" ends in byte A0 and "ぅ" in 85, both white space
    # to str.strip() when read one byte per character: they must survive the trimming.
    msg = read("Subject: voilà\nX-Note: テスト\n ぅ\nFrom: a@example.org\n\nbody\n".encode())
    assert msg.headers.get("subject") == "voilà"
    assert msg.headers.get("x-note") == "テスト ぅ"
