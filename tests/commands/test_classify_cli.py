"""`bounce-hygiene classify`: one JSON line per file, in input order; errors are lines, never crashes."""
from __future__ import annotations

import argparse
from pathlib import Path

import orjson

from streams import settings
from streams.commands import classify

VECTORS = Path(__file__).resolve().parents[1] / "vectors"
VENDORS = VECTORS / "vendors"
EMAILS = VECTORS / "commands"


def main(argv: list[str]) -> int:
    """The command as `bounce-hygiene` runs it, with an empty environment (no HYGIENE_POLICY)."""
    parser = argparse.ArgumentParser()
    classify.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args, settings.load({}))


def run(capsys, *argv: str) -> tuple[int, list[dict]]:
    code = main(["classify", *argv])
    out = capsys.readouterr().out
    return code, [orjson.loads(line) for line in out.splitlines()]


def test_provider_files_are_detected_and_classified(capsys):
    code, lines = run(capsys, str(VENDORS / "ses-bounce-suppressed.json"),
                      str(VENDORS / "postmark-bounce-autoresponder.json"), str(VENDORS / "sendgrid-batch.json"))
    assert code == 0
    assert [line["format"] for line in lines] == ["ses", "postmark", "sendgrid"]
    (suppressed,) = lines[0]["bounces"]
    assert suppressed["recipient"] == "suppressed@recipient.example.org"
    assert (suppressed["reason"], suppressed["class"]) == ("userunknown", "hard")
    assert suppressed["rule_id"] == "reporter:ses:bounce:Permanent/Suppressed"
    (auto,) = lines[1]["bounces"]
    assert (auto["reason"], auto["class"]) == ("vacation", "none")
    assert [b["recipient"] for b in lines[2]["bounces"]] == [
        "gone@recipient.example.org", "blocked@recipient.example.org", "old@recipient.example.org",
        "slow@recipient.example.org", "annoyed@recipient.example.org"]
    assert lines[2]["bounces"][-1]["class"] == "complaint"


def test_every_row_has_the_documented_fields(capsys):
    _code, (line,) = run(capsys, str(VENDORS / "mailgun-failed-permanent.json"))
    (row,) = line["bounces"]
    assert set(row) == {"recipient", "status", "reply_code", "reason", "class", "rule_id", "diagnostic", "action",
                        "remote_host", "message_id", "feedback_type", "contact_hints"}
    assert (row["status"], row["reply_code"], row["remote_host"]) == ("5.1.1", "550", "mx.recipient.example.org")
    assert ["user-variables.contact_id", "c-7"] in row["contact_hints"]


def test_an_email_is_read_as_a_bounce_message(capsys):
    code, (line,) = run(capsys, str(EMAILS / "dsn-userunknown.eml"))
    assert code == 0 and line["format"] == "dsn"
    (row,) = line["bounces"]
    assert (row["recipient"], row["status"], row["reason"], row["class"]) == (
        "gone@recipient.example.org", "5.1.1", "userunknown", "hard")


def test_unreadable_files_get_an_error_line_in_place_and_the_rest_go_on(capsys, tmp_path):
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b'{"hello": "world"}')
    broken = tmp_path / "broken.json"
    broken.write_bytes(b"[{")
    missing = tmp_path / "missing.eml"
    code, lines = run(capsys, str(garbage), str(missing), str(broken), str(VENDORS / "ses-delivery.json"))
    assert code == 1
    assert [line["file"] for line in lines] == [str(garbage), str(missing), str(broken), str(VENDORS / "ses-delivery.json")]
    assert ["error" in line for line in lines] == [True, True, True, False]
    assert "cannot read" in lines[1]["error"]
    assert lines[3]["bounces"][0]["reason"] == "delivered"


def test_explicit_smtp_format_with_the_producers_recipient(capsys, tmp_path):
    record = tmp_path / "reply.txt"
    record.write_text("550 5.1.1 <a@recipient.example.org>: Recipient address rejected: User unknown\n")
    code, (line,) = run(capsys, "--format", "smtp", "--recipient", "a@recipient.example.org", str(record))
    assert code == 0
    (row,) = line["bounces"]
    assert (row["recipient"], row["reason"], row["class"]) == ("a@recipient.example.org", "userunknown", "hard")


def test_a_policy_file_decides_the_class(capsys, tmp_path):
    policy = tmp_path / "policy.toml"
    policy.write_text('[default.classes]\nmailboxfull = "block"\n')
    _code, (line,) = run(capsys, "--policy", str(policy), str(VENDORS / "ses-event-bounce-transient-mailboxfull.json"))
    assert [(b["reason"], b["class"]) for b in line["bounces"]] == [("mailboxfull", "block")]


def test_a_temporary_failure_is_never_hard_whatever_the_policy_says(capsys, tmp_path):
    policy = tmp_path / "policy.toml"
    policy.write_text('[default.classes]\nmailboxfull = "hard"\n')
    _code, (line,) = run(capsys, "--policy", str(policy), str(VENDORS / "ses-event-bounce-transient-mailboxfull.json"))
    assert [(b["reason"], b["class"]) for b in line["bounces"]] == [("mailboxfull", "soft")]
