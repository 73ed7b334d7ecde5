"""Whether the sender of a message is who the From header says: read from the results our own mail server
recorded in `Authentication-Results` headers (RFC 8601).

Anyone can write any address in From, and any header, `Authentication-Results` included, into a message
they send. What can be trusted is only what the receiving mail server added: the headers carrying its
authserv-id (FRAMSTEG_SAFETY_MAIL_AUTHSERV_ID), and of those only the first run at the top of the message,
among the trace headers where the server adds them: the run ends at an Authentication-Results header of
another authserv-id and at the first header a sender writes (From, Subject, DKIM-Signature, …). Headers from
other authserv-ids, and trusted-looking ones further down (written by the sender, or by a server on the
way), are ignored. Within the run, the first header to report a method
decides it.

The From domain counts as verified when DMARC passed for it, or when DKIM passed with a signing domain
aligned with it (the same domain or a parent of it), or when SPF passed for an aligned envelope sender.

RFC 8601 section 5 requires the receiving server to remove headers bearing its own authserv-id from
incoming messages; the server that delivers to the safety mailbox must do so (see the README).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.message import EmailMessage

from django.conf import settings

HEADER = "authentication-results"

# Why a sender is or is not verified; kept with the case and explained to staff.
VERIFIED = "verified"
NOT_CONFIGURED = "not_configured"  # no trusted authserv-id is set: nothing can be verified
NO_RESULTS = "no_results"  # the trusted server recorded nothing for this message
FAILED = "failed"  # the trusted server's results do not vouch for the From domain
NO_FROM = "no_from"  # the message has no usable From address

# Headers the sender writes (RFC 5322, MIME, DKIM): a receiving server adds its own above all of them.
MESSAGE_HEADERS = {
    "from",
    "sender",
    "reply-to",
    "to",
    "cc",
    "bcc",
    "subject",
    "date",
    "message-id",
    "in-reply-to",
    "references",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "content-language",
    "dkim-signature",
}

_TOKEN = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;=]+))')
_METHOD = re.compile(r"^\s*([A-Za-z0-9_.-]+)(?:\s*/\s*\d+)?\s*=\s*([A-Za-z0-9_-]+)")
_PROPERTY = re.compile(r'([A-Za-z0-9_-]+)\.([A-Za-z0-9_.-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s;]+)')


@dataclass
class Result:
    """One `method=result` of an Authentication-Results header, with its properties ("header.from": …)."""

    method: str
    result: str
    properties: dict[str, str] = field(default_factory=dict)


@dataclass
class Results:
    """One Authentication-Results header: who wrote it and what it found."""

    authserv_id: str
    results: list[Result]


@dataclass(frozen=True)
class Verification:
    """What the trusted results say about the From domain: `status` is one of the constants above."""

    status: str
    domain: str = ""
    method: str = ""  # the method that vouched for it: "dmarc", "dkim" or "spf"

    @property
    def verified(self) -> bool:
        return self.status == VERIFIED


def trusted_ids() -> list[str]:
    """The authserv-ids of our own mail servers, lower case (the setting may name several, with commas)."""
    raw = getattr(settings, "SAFETY_MAIL_AUTHSERV_ID", "") or ""
    return [item.strip().lower() for item in raw.split(",") if item.strip()]


def _without_comments(value: str) -> str:
    """The header value with its (possibly nested) comments removed; quoted strings are kept as they are."""
    out, depth, quoted, escaped = [], 0, False, False
    for char in value:
        if escaped:
            if depth == 0:
                out.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
            if depth == 0:
                out.append(char)
        elif quoted:
            out.append(char)
            if char == '"':
                quoted = False
        elif char == '"' and depth == 0:
            quoted = True
            out.append(char)
        elif char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif depth == 0:
            out.append(char)
    return "".join(out)


def _split(value: str) -> list[str]:
    """The header's ";"-separated pieces, not splitting inside quoted strings."""
    pieces, current, quoted, escaped = [], [], False, False
    for char in value:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            pieces.append("".join(current))
            current = []
            continue
        current.append(char)
    pieces.append("".join(current))
    return pieces


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def parse_results(value: str) -> Results | None:
    """One Authentication-Results header value; None if it has no authserv-id."""
    pieces = _split(_without_comments(" ".join(str(value).split())))
    head = _TOKEN.match(pieces[0])
    if head is None:
        return None
    authserv_id = (head.group(1) if head.group(1) is not None else head.group(2) or "").strip().lower()
    if not authserv_id:
        return None
    results = []
    for piece in pieces[1:]:
        method = _METHOD.match(piece)
        if method is None:  # "none", or something unreadable
            continue
        rest = piece[method.end() :]
        properties = {
            f"{ptype.lower()}.{name.lower()}": _unquote(raw)
            for ptype, name, raw in _PROPERTY.findall(rest)
            if ptype.lower() != "reason"
        }
        results.append(Result(method.group(1).lower(), method.group(2).lower(), properties))
    return Results(authserv_id, results)


def trusted_results(message: EmailMessage, ids: list[str] | None = None) -> list[Result]:
    """The results our own server recorded: its headers in the first run at the top of the message.

    Headers are in the order they stand in the message, and a server adds its own at the top. The run of
    trusted headers ends at the first Authentication-Results of another authserv-id, or at the first header
    a sender writes (From, Subject, DKIM-Signature, …); whatever comes after may come from the sender and is
    ignored, as is every header of another authserv-id.
    """
    ids = trusted_ids() if ids is None else ids
    if not ids:
        return []
    by_method: dict[str, list[Result]] = {}
    in_run = False
    for name, value in message.items():
        if name.lower() != HEADER:
            if name.lower() in MESSAGE_HEADERS:
                break  # below this, every header was written by the sender
            continue  # a trace header (Received, Received-SPF, X-Spam-Status, …)
        parsed = parse_results(str(value))
        if parsed is None or parsed.authserv_id not in ids:
            if in_run:
                break
            continue
        in_run = True
        # The first header that reports a method decides it (all its results for it, e.g. two DKIM
        # signatures); a later header cannot overrule it.
        own: dict[str, list[Result]] = {}
        for result in parsed.results:
            own.setdefault(result.method, []).append(result)
        for method, results in own.items():
            by_method.setdefault(method, results)
    return [result for results in by_method.values() for result in results]


def _domain_of(value: str) -> str:
    value = value.strip().strip("<>").rstrip(".").lower()
    return value.rsplit("@", 1)[-1] if value else ""


def aligned(domain: str, from_domain: str) -> bool:
    """Relaxed alignment, conservatively: the same domain, or a parent domain of the From domain."""
    domain, from_domain = domain.lower().rstrip("."), from_domain.lower().rstrip(".")
    if not domain or not from_domain:
        return False
    return from_domain == domain or (from_domain.endswith("." + domain) and "." in domain)


def verify(message: EmailMessage, from_address: str) -> Verification:
    """Whether our mail server vouched for the domain of `from_address` (the message's From)."""
    from_domain = _domain_of(from_address) if "@" in from_address else ""
    if not from_domain:
        return Verification(NO_FROM)
    ids = trusted_ids()
    if not ids:
        return Verification(NOT_CONFIGURED, from_domain)
    results = trusted_results(message, ids)
    if not results:
        return Verification(NO_RESULTS, from_domain)
    for result in results:
        if result.result != "pass":
            continue
        if result.method == "dmarc":
            header_from = _domain_of(result.properties.get("header.from", from_domain))
            if header_from == from_domain:
                return Verification(VERIFIED, from_domain, "dmarc")
        elif result.method == "dkim":
            signer = _domain_of(
                result.properties.get("header.d", "") or result.properties.get("header.i", "")
            )
            if aligned(signer, from_domain):
                return Verification(VERIFIED, from_domain, "dkim")
        elif result.method == "spf":
            envelope = _domain_of(result.properties.get("smtp.mailfrom", ""))
            if aligned(envelope, from_domain):
                return Verification(VERIFIED, from_domain, "spf")
    return Verification(FAILED, from_domain)
