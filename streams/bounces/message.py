"""A bounded reader of RFC 5322 messages and MIME (RFC 2045-2047, RFC 6532) for bounce parsing. Pure.

Faster than the stdlib `email` package on bounces and bounded on hostile input: it reads at most
MAX_BYTES of a payload, MAX_HEADERS header fields per block (each value cut at MAX_HEADER_CHARS),
MAX_PARTS leaf parts down to MAX_DEPTH levels of multipart nesting, and MAX_PART_CHARS of each part's
decoded text. No regular expression here can backtrack catastrophically.

How a format module uses it (see streams/bounces/formats/__init__.py for the FORMATS table):

    from streams.bounces.message import Message, fields

    def parse(msg: Message) -> list[Bounce] | None:
        if "mailer-daemon@example" not in msg.headers.get("from").lower():
            return None                       # not mine: the next module in FORMATS is tried
        text = msg.body_text                  # first text/plain part, decoded, CRLF -> LF
        report = msg.part("message/delivery-status")    # a leaf part or None
        for block in fields(report.text):     # RFC 3464 field groups as Headers
            block.get("final-recipient")
        original = msg.original()             # Headers of the returned message, or None
        ...

- `msg.headers` / `part.headers` are `Headers`: ordered (name, value) pairs, unfolded, RFC 2047
  decoded; `get(name, default="")` (first, case-insensitive), `get_all(name)`, `name in headers`.
- Every part is itself a `Message` (an entity): `msg.parts` are the MIME leaf parts in document
  order (multipart containers are walked, not listed; `msg.children` are the direct ones); a
  non-MIME message has one text/plain part holding its whole body. `part.content_type` is
  lower-case ("text/plain"), `part.params` its parameters (lower-case keys), `part.text` its body
  decoded from base64/quoted-printable and its charset (errors replaced), line ends "\n". A part is
  decoded on first use, so attachments nobody reads cost nothing; line ends are normalised where
  text is read (header blocks, a part when decoded), not over the whole payload.
- message/rfc822 parts are leaves: `part.text` is the embedded message; `part.as_message()` reads it;
  `part.head()` is its header block alone (its body is not decoded).
- `msg.original()` is the header block of the returned original message (message/rfc822,
  text/rfc822-headers, message/global... part), or None. `fields(text)` reads report field groups.
- Broken structure is repaired the way real bounces need: a multipart whose boundary is missing or
  never used takes the first recurring "--token" line as its delimiter.
- This `Message` is the one message model: format modules are written and tested against it (not
  the stdlib `email` package's classes, whose accessors it does not imitate).
"""
from __future__ import annotations

import binascii
import re
from collections.abc import Iterator

__all__ = ["ORIGINAL_TYPES", "Headers", "Message", "fields", "read", "read_headers", "to_text"]

MAX_BYTES = 1 << 20  # bytes of a payload read; the rest (large attachments) is ignored
MAX_HEADERS = 256  # header fields kept per header block
MAX_HEADER_CHARS = 4096  # characters kept of one (unfolded) header value
MAX_PARTS = 64  # MIME leaf parts kept
MAX_DEPTH = 8  # multipart nesting levels walked
MAX_PART_CHARS = 64 * 1024  # characters kept of one part's decoded text

_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,40})\?([bBqQ])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"\?=[ \t]+=\?")
# A parameter of a structured header (RFC 2045 §5.1): name=token or name="quoted string".
_PARAM = re.compile(r';\s*([^\s=;"]+)\s*=\s*("(?:[^"\\]|\\.)*"?|[^;\s]*)')
_TAG = re.compile(r"<[^<>]{0,2000}>")
_ENTITY = {"&nbsp;": " ", "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#39;": "'"}
_ENTITY_RE = re.compile("|".join(_ENTITY))
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
# What is trimmed from a header value: RFC 5322 white space only. A raw 8-bit header is read as one
# character per byte, and str.strip() would also take bytes 0x85 and 0xA0, which end many UTF-8
# characters ("à" is C3 A0): the value would lose half a character.
_BLANKS = " \t"


class Headers:
    """An ordered, case-insensitive header block: (name, value) pairs, unfolded and decoded."""

    __slots__ = ("items", "_index")

    def __init__(self, items: list[tuple[str, str]]) -> None:
        self.items: tuple[tuple[str, str], ...] = tuple(items)
        self._index: dict[str, list[str]] | None = None  # built on the first look-up by name

    def _by_name(self) -> dict[str, list[str]]:
        index = self._index
        if index is None:
            index = self._index = {}
            for name, value in self.items:
                key = name.lower()
                if key in index:
                    index[key].append(value)
                else:
                    index[key] = [value]
        return index

    def get(self, name: str, default: str = "") -> str:
        """The first value of field `name` (any case), or `default`."""
        index = self._index
        if index is None:
            index = self._by_name()
        values = index.get(name) or index.get(name.lower())  # callers mostly ask in lower case already
        return values[0] if values else default

    def get_all(self, name: str) -> list[str]:
        """Every value of field `name` (any case), in order."""
        return list(self._by_name().get(name.lower(), ()))

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        index = self._index
        if index is None:
            index = self._by_name()
        return name in index or name.lower() in index

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return f"Headers({list(self.items)!r})"


class Message:
    """One MIME entity: the whole message, a multipart container, or a leaf part.

    `headers`, lower-case `content_type` and `params` always; `children` for a multipart
    container; `text` for a leaf (decoded body) and for message/rfc822 (the embedded message).
    `parts` (on any entity) lists the leaf parts beneath it in document order.
    """

    __slots__ = ("headers", "content_type", "params", "children", "_raw", "_text", "_parts", "_body_text",
                 "_embedded", "_head", "_original", "__weakref__")

    def __init__(self, headers: Headers, content_type: str, params: dict[str, str],
                 children: list[Message] | None = None, raw: str = "") -> None:
        self.headers = headers
        self.content_type = content_type
        self.params = params
        self.children: tuple[Message, ...] = tuple(children or ())
        self._raw = raw  # the body as it came (one character per byte, line ends as they came)
        self._text: str | None = None  # decoded on first use: most parts (attachments) are never read
        self._parts: tuple[Message, ...] | None = None
        self._body_text: str | None = None
        self._embedded: Message | None = None
        self._head: Headers | None = None
        self._original: Headers | None | bool = False  # False: not looked for yet

    @property
    def text(self) -> str:
        """The body decoded from its transfer encoding and charset, line ends "\n", capped at MAX_PART_CHARS."""
        if self._text is None:
            self._text = _decode_body(self.headers, self.params, self._raw)
        return self._text

    def _encoded(self) -> bool:
        return self.headers.get("content-transfer-encoding").strip().lower() in ("base64", "quoted-printable")

    @property
    def parts(self) -> tuple[Message, ...]:
        """The leaf parts in document order (containers walked; message/rfc822 is a leaf)."""
        if self._parts is None:
            if not self.children:
                self._parts = (self,)
            else:
                self._parts = tuple(leaf for child in self.children for leaf in child.parts)
        return self._parts

    @property
    def subject(self) -> str:
        return self.headers.get("subject")

    @property
    def body_text(self) -> str:
        """The first text/plain part (non-MIME: the whole body); else the first text/html, tags removed."""
        if self._body_text is None:
            found = self.part("text/plain")
            if found is not None:
                self._body_text = found.text
            else:
                html = self.part("text/html")
                self._body_text = html_to_text(html.text) if html is not None else ""
        return self._body_text

    def part(self, *content_types: str) -> Message | None:
        """The first leaf part of one of `content_types` (lower-case, e.g. "message/delivery-status")."""
        for candidate in self.parts:
            if candidate.content_type in content_types:
                return candidate
        return None

    def as_message(self) -> Message:
        """This part's text read as a message (for message/rfc822 and text/rfc822-headers parts)."""
        if self._embedded is None:
            if self._encoded():
                self._embedded = read(self.text)
            else:  # the bytes as they came: each part of the embedded message decodes by its own charset
                self._embedded = _read_text(self._raw[:MAX_PART_CHARS])
        return self._embedded

    def head(self) -> Headers:
        """The header block of the message this part embeds (message/rfc822, text/rfc822-headers...),
        read without decoding the embedded body (a returned original's body is not needed)."""
        if self._head is None:
            if self._encoded() or self.params.get("charset"):
                self._head = read_headers(self.text)[0]
            else:
                self._head = _head(self._raw)[0]
        return self._head

    def original(self) -> Headers | None:
        """The header block of the returned original message, when the bounce carries one as a part."""
        if self._original is False:
            found = self.part(*ORIGINAL_TYPES)
            self._original = found.head() if found is not None else None
        return self._original

    def __repr__(self) -> str:
        if self.children:
            return f"Message({self.content_type!r}, {list(self.children)!r})"
        return f"Message({self.content_type!r}, {len(self.text)} chars)"


ORIGINAL_TYPES = ("message/rfc822", "text/rfc822-headers", "message/rfc822-headers", "message/global",
                  "message/global-headers")


def read(payload: str | bytes) -> Message:
    """Read a message. Never raises: anything unreadable becomes an empty or text/plain part."""
    return _read_text(_latin1(payload))


def _read_text(text: str) -> Message:
    """Read a message from one-character-per-byte text whose line ends may be CRLF.

    Line ends are normalised where text is read (header blocks; a part's body when it is decoded),
    not over the whole payload: most of a large bounce is a returned original nobody reads.
    """
    if _lone_cr(text):
        text = _lf(text)
    headers, body = _head(text)
    content_type, params = _content_type(headers)
    return _entity(headers, content_type, params, body, 0, [0])


def _lone_cr(text: str) -> bool:
    """Whether the first line ends with a bare CR (old Mac line ends): then the text is normalised whole."""
    first = text.find("\n")
    cr = text.find("\r", 0, first if first >= 0 else len(text))
    return cr >= 0 and cr != first - 1


def _head(text: str) -> tuple[Headers, str]:
    """read_headers for text whose line ends may be CRLF (or mixed: an mbox "From " line ending in LF
    before CRLF fields): the header block is normalised, the body after it is returned as it came."""
    first = text.find("\n")
    crlf = first > 0 and text[first - 1] == "\r"
    if crlf and text.startswith("\r\n"):
        return Headers([]), text[2:]
    end = text.find("\r\n\r\n" if crlf else "\n\n")
    if end < 0:
        return read_headers(_lf(text))  # no blank line of that style: normalise all (rare, or small)
    block = text[:end]
    if not crlf and "\r" not in block:
        return read_headers(text)
    headers, rest = read_headers(_lf(block))
    body = text[end + (4 if crlf else 2) :]
    return headers, rest + "\n\n" + body if rest else body


def read_headers(text: str) -> tuple[Headers, str]:
    """Split `text` (line ends "\\n") into its unfolded, decoded header block and the body after it.

    The header block ends at the first empty line, or at the first line that is neither a field nor
    a continuation (the rest is body, as a lenient reader must treat broken messages). A leading
    mbox "From " line is skipped.
    """
    if text.startswith("From "):
        text = text[text.find("\n") + 1 :] if "\n" in text else ""
    end = text.find("\n\n")
    if text.startswith("\n"):
        return Headers([]), text[1:]
    block, body = (text, "") if end < 0 else (text[:end], text[end + 2 :])
    # Each field as [name, first line's value, continuation lines...], joined once at the end.
    found: list[list[str]] = []
    current: list[str] | None = None
    size = 0  # characters of the current field's value so far: continuations stop at MAX_HEADER_CHARS
    lines = block.split("\n")
    for position, line in enumerate(lines):
        if line and line[0] in " \t":
            if current is not None and size < MAX_HEADER_CHARS:
                more = line.strip(_BLANKS)
                current.append(more)
                size += len(more) + 1
            continue
        colon = line.find(":")
        name = line[:colon].strip() if colon > 0 else ""
        if not name or " " in name or len(name) > 76:
            # Not a field: the header block ends here and the rest is body.
            rest = "\n".join(lines[position:])
            body = rest + "\n\n" + body if end >= 0 else rest
            break
        if len(found) >= MAX_HEADERS:
            break  # the rest of the block is not read (its fields would be dropped)
        value = line[colon + 1 :].strip(_BLANKS)
        current = [name, value]
        size = len(value)
        found.append(current)
    items = []
    for field in found:
        value = field[1] if len(field) == 2 else " ".join(field[1:])
        value = value[:MAX_HEADER_CHARS]
        items.append((field[0], value if value.isascii() and "=?" not in value else _decode_header(value)))
    return Headers(items), body


def fields(text: str) -> list[Headers]:
    """The field groups of a report body (RFC 3464 §2.1, RFC 5965 §3), one Headers per group.

    Groups are separated by blank lines; a line that is not a field continues the one before it
    (leading lines that are not fields are skipped).
    """
    groups = []
    for chunk in _BLANK_LINES.split(text.replace("\r", "")):
        if not chunk.strip():
            continue
        items: list[tuple[str, str]] = []
        for line in chunk.split("\n"):
            if line[:1] in (" ", "\t"):
                if items and len(items[-1][1]) < MAX_HEADER_CHARS:
                    items[-1] = (items[-1][0], (items[-1][1] + " " + line.strip()).strip())
                continue
            colon = line.find(":")
            name = line[:colon].strip() if colon > 0 else ""
            if name and " " not in name:
                if len(items) < MAX_HEADERS:
                    items.append((name, line[colon + 1 :].strip()))
            elif items and len(items[-1][1]) < MAX_HEADER_CHARS:
                # A continuation its writer forgot to indent ("550-..." lines of a Diagnostic-Code).
                items[-1] = (items[-1][0], (items[-1][1] + " " + line.strip()).strip())
        if items:
            groups.append(Headers(items))
    return groups


def html_to_text(html: str) -> str:
    """Visible text of an HTML body: tags removed, block ends as line breaks, common entities decoded."""
    html = re.sub(r"(?i)<\s*(?:br|/p|/div|/tr|/li|/h\d)\b[^<>]{0,200}>", "\n", html)
    return _ENTITY_RE.sub(lambda m: _ENTITY[m.group(0)], _TAG.sub("", html))


def to_text(payload: str | bytes) -> str:
    """Payload -> str in which every character is one byte (latin-1), line ends "\\n", capped.

    Working on bytes-as-latin-1 keeps every part's raw bytes, so each part is decoded later with
    its own charset. A str payload is first encoded as UTF-8, its surrogate escapes back to the bytes
    they stand for (detect() decodes a mail file so, keeping 8-bit text in other charsets).
    """
    text = _latin1(payload)
    return _lf(text)


def _lf(text: str) -> str:
    """`text` with its line ends (CRLF, bare CR) as "\\n". Split and joined: str.replace is slower
    on text of many short lines."""
    if "\r" not in text:
        return text
    text = "\n".join(text.split("\r\n"))
    return text.replace("\r", "\n") if "\r" in text else text


def _latin1(payload: str | bytes) -> str:
    """to_text without the line-end normalisation (one pass over the payload fewer)."""
    if isinstance(payload, str):
        try:
            payload = payload[:MAX_BYTES].encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a lone surrogate that is no escaped byte (from a JSON "\ud800")
            payload = payload[:MAX_BYTES].encode("utf-8", "replace")
    return payload[:MAX_BYTES].decode("latin-1")


def _content_type(headers: Headers) -> tuple[str, dict[str, str]]:
    value = headers.get("content-type")
    if not value:
        return "text/plain", {}
    semicolon = value.find(";")
    kind = (value if semicolon < 0 else value[:semicolon]).strip().lower()
    if "/" not in kind:
        kind = "text/plain"
    return kind, _params(value[semicolon:]) if semicolon >= 0 else {}


def _params(text: str) -> dict[str, str]:
    params: dict[str, str] = {}
    for name, value in _PARAM.findall(text[:MAX_HEADER_CHARS]):
        if value.startswith('"'):
            value = value[1:-1] if value.endswith('"') and len(value) > 1 else value[1:]
            value = value.replace('\\"', '"').replace("\\\\", "\\")
        params.setdefault(name.lower().rstrip("*"), value)
    return params


def _entity(headers: Headers, content_type: str, params: dict[str, str], body: str, depth: int,
            count: list[int]) -> Message:
    """The entity of `body`; `count` holds the number of entities made so far (capped at MAX_PARTS)."""
    count[0] += 1
    if content_type.startswith("multipart/") and depth < MAX_DEPTH:
        chunks = _split_multipart(body, params.get("boundary", ""))
        if chunks is not None:
            children = []
            for chunk in chunks:
                if count[0] >= MAX_PARTS:
                    break
                part_headers, part_body = _head(chunk)
                if not part_headers.items and not part_body.strip():
                    continue
                part_type, part_params = _content_type(part_headers)
                if "content-type" not in part_headers and content_type == "multipart/digest":
                    part_type = "message/rfc822"
                children.append(_entity(part_headers, part_type, part_params, part_body, depth + 1, count))
            if children:
                return Message(headers, content_type, params, children)
        content_type = "text/plain"  # a multipart whose delimiters cannot be found: read the body as text
    return Message(headers, content_type, params, raw=body)


def _split_multipart(body: str, boundary: str) -> list[str] | None:
    """The bodies between "--boundary" lines (RFC 2046 §5.1.1), or None when there are none.

    When the declared boundary is missing or never used (seen in real bounces: a Content-Type cut
    after "report-type=delivery-status;", a boundary renamed by a relay), the first "--token" line
    that recurs in the body is taken as the delimiter.
    """
    text = "\n" + body
    if not boundary or text.find("\n--" + boundary) < 0:
        boundary = _infer_boundary(text)
        if not boundary:
            return None
    delimiter = "--" + boundary
    start = text.find("\n" + delimiter)
    chunks = []
    while start >= 0 and len(chunks) < MAX_PARTS:
        line_end = text.find("\n", start + 1)
        if text.startswith(delimiter + "--", start + 1) or line_end < 0:
            break
        following = text.find("\n" + delimiter, line_end)
        end = following if following >= 0 else len(text)
        if text[end - 1 : end] == "\r":  # CRLF line ends: the CR before the delimiter line is not the part's
            end -= 1
        chunks.append(text[line_end + 1 : end])
        start = following
    return chunks or None


def _infer_boundary(text: str) -> str:
    start = text.find("\n--")
    tried = 0
    while start >= 0 and tried < 20:
        tried += 1
        line_end = text.find("\n", start + 1)
        token = text[start + 3 : line_end if line_end >= 0 else len(text)].rstrip()
        if token.endswith("--"):
            token = token[:-2]
        if 0 < len(token) <= 200 and " " not in token and text.find("\n--" + token, start + 1) >= 0:
            return token
        start = text.find("\n--", start + 1)
    return ""


def _decode_body(headers: Headers, params: dict[str, str], body: str) -> str:
    encoding = headers.get("content-transfer-encoding").strip().lower()
    # Line ends are normalised here, for this part alone and only as far as it is decoded.
    body = body[: MAX_PART_CHARS * 2 if encoding in ("base64", "quoted-printable") else MAX_PART_CHARS]
    body = _lf(body)
    if encoding not in ("base64", "quoted-printable"):
        text = body[:MAX_PART_CHARS]
        if text.isascii() and ("\x1b" not in text or not params.get("charset")):
            return text  # already text with "\n" line ends: nothing to decode
    if encoding == "base64":
        raw = _base64(body[: MAX_PART_CHARS * 2])
    elif encoding == "quoted-printable":
        raw = binascii.a2b_qp(body[: MAX_PART_CHARS * 2].encode("latin-1"))
    else:
        raw = body[:MAX_PART_CHARS].encode("latin-1")
    text = _decode_bytes(raw[: MAX_PART_CHARS * 2], params.get("charset", ""))
    return _lf(text)[:MAX_PART_CHARS]


def _base64(text: str) -> bytes:
    data = text.encode("latin-1")
    try:
        return binascii.a2b_base64(data)
    except binascii.Error:
        # Bad padding or a truncated message: decode the complete 4-character groups only.
        cleaned = bytes(c for c in data if c in _BASE64_ALPHABET)
        try:
            return binascii.a2b_base64(cleaned[: len(cleaned) // 4 * 4])
        except binascii.Error:
            return b""


_BASE64_ALPHABET = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def _decode_bytes(raw: bytes, charset: str) -> str:
    if raw.isascii() and (b"\x1b" not in raw or not charset):
        # ASCII, unless escape sequences switch a 7-bit charset (ISO-2022-JP) to other characters.
        return raw.decode("ascii")
    charset = charset.strip().strip('"').lower()
    for candidate in (charset, "utf-8") if charset else ("utf-8",):
        try:
            return raw.decode(_CHARSET_ALIASES.get(candidate, candidate))
        except (LookupError, ValueError):  # unknown codec, bad bytes, or a label with a NUL in it
            continue
    try:
        return raw.decode(_CHARSET_ALIASES.get(charset, charset) or "utf-8", "replace")
    except (LookupError, ValueError):
        return raw.decode("latin-1")


# Labels seen in real mail that Python's codec registry does not know, or knows too narrowly.
_CHARSET_ALIASES = {"iso-2022-jp": "iso2022_jp_ext", "x-sjis": "shift_jis", "ks_c_5601-1987": "cp949",
                    "gb2312": "gb18030", "gbk": "gb18030", "iso-8859-1": "cp1252", "us-ascii": "cp1252",
                    "ascii": "cp1252", "unknown-8bit": "latin-1", "x-unknown": "latin-1"}


def _decode_header(value: str) -> str:
    """RFC 2047 encoded words decoded; raw 8-bit text (RFC 6532) read as UTF-8, else latin-1."""
    if not value.isascii():
        try:
            raw = value.encode("latin-1")
        except UnicodeEncodeError:
            raw = None  # already text: the header block of a part decoded with its charset (an original)
        if raw is not None:
            try:
                value = raw.decode("utf-8")
            except UnicodeDecodeError:
                value = raw.decode("cp1252", "replace")
    if "=?" not in value:
        return value
    value = _BETWEEN_WORDS.sub("?==?", value)
    return _ENCODED_WORD.sub(_decode_word, value)


def _decode_word(found: re.Match[str]) -> str:
    charset, encoding, text = found.group(1).split("*")[0], found.group(2).lower(), found.group(3)
    try:
        if encoding == "b":
            raw = binascii.a2b_base64(text.encode("latin-1") + b"===")
        else:
            raw = binascii.a2b_qp(text.replace("_", " ").encode("latin-1"), header=True)
    except (binascii.Error, UnicodeEncodeError):
        return found.group(0)
    return _decode_bytes(raw, charset)
