"""The one rule for the owner's opt-out link, wherever it is typed or printed.

The questionnaire (``Question.check`` for url questions), the printed QR
code (``signdesk.documents.qr.validate_optout_url``) and the chain stores
table all call :func:`check_optout_url`, so an address is accepted or
refused with the same message in the app, the CLI, a document and a batch
row. The link ends up in a QR code that visitors scan with their own
phones, so it must be an absolute https address on a public website name:
``https://optout`` or ``https://localhost/x`` only open inside the shop's
own network, and ``http://`` would send visitors' choices unencrypted.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from signdesk.errors import UserInputError
from signdesk.i18n import N_

#: Longest opt-out link accepted. Longer links make the QR code so dense
#: that the sign needs a bigger code; 300 leaves room for any page address.
MAX_URL_LENGTH = 300

#: Characters a web address cannot contain as typed (besides spaces and
#: invisible characters); browsers and QR readers would cut the link there.
_FORBIDDEN = frozenset('<>"')

#: Full stops a Chinese input method types instead of "." in a website name.
_WIDE_STOPS = "。．｡"

#: Website names that only resolve inside one network (RFC 6761, RFC 8375,
#: mDNS and common router defaults), never for a visitor's phone.
_PRIVATE_NAMES = ("localhost", "localdomain", "local", "lan", "home", "internal", "intranet", "corp",
                  "home.arpa", "test", "invalid")

_MAX_LABEL = 63
_MAX_HOST = 253


class OptOutUrlError(UserInputError):
    """The opt-out link breaks the rule; the message says what to type instead."""


def check_optout_url(url: str) -> str:
    """The owner's opt-out link, checked and ready to store or encode.

    Surrounding whitespace (a paste artefact) is dropped and the scheme is
    written in lower case. Raises :class:`OptOutUrlError` unless the link is
    an absolute ``https://`` address on a public website name (at least two
    dot-separated parts, no ``localhost``-style or numeric host, Chinese and
    other non-Latin names allowed), has no user name before the host, a port
    (if any) from 1 to 65535, no spaces, invisible characters or ``< > "``,
    and at most :data:`MAX_URL_LENGTH` characters.
    """
    url = url.strip()
    if not url:
        raise OptOutUrlError(N_("Enter the web address of your opt-out page, for example https://example.cn/optout."))
    if len(url) > MAX_URL_LENGTH:
        raise OptOutUrlError(
            N_("The opt-out link is {length} characters long; use a shorter page address of at most "
               "{limit} characters."),
            length=len(url), limit=MAX_URL_LENGTH)
    if any(c.isspace() or c in _FORBIDDEN or unicodedata.category(c)[0] == "C" for c in url):
        raise OptOutUrlError(
            N_("The opt-out link must not contain spaces, invisible characters, quotation marks (\") or "
               "angle brackets (< >); type the address again without them."))
    scheme = url[:8].lower()
    if scheme.startswith("http://"):
        raise OptOutUrlError(N_("The opt-out link must start with https:// (a secure link), not http://."))
    if scheme != "https://":
        raise OptOutUrlError(
            N_("The opt-out link must be a full web address starting with https://, "
               "for example https://example.cn/optout."))
    url = "https://" + url[8:]
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:  # an unclosed "[" of a numeric IPv6 host
        raise _no_public_name() from None
    if any(stop in parts.netloc for stop in _WIDE_STOPS):
        raise OptOutUrlError(
            N_("The website name in the opt-out link contains a Chinese full stop “。”; type an English "
               "full stop “.” instead, for example https://example.cn/optout."))
    # "@" would let a link show one site's name and open another.
    if "@" in parts.netloc or not _is_public_name(host):
        raise _no_public_name()
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        raise OptOutUrlError(
            N_("The number after “:” in the opt-out link must be a port from 1 to 65535; most links have "
               "none, for example https://example.cn/optout."))
    return url


def _no_public_name() -> OptOutUrlError:
    return OptOutUrlError(
        N_("Right after https:// the opt-out link needs your website's public name, for example "
           "https://example.cn/optout. A single word, localhost or a numeric address only works "
           "inside your own network, not on visitors' phones."))


def _is_public_name(host: str) -> bool:
    """Whether ``host`` is a website name a phone anywhere could look up."""
    host = host[:-1] if host.endswith(".") else host  # "example.cn." is the same site
    labels = host.split(".")
    if len(labels) < 2 or any(host == n or host.endswith("." + n) for n in _PRIVATE_NAMES):
        return False
    try:
        ascii_labels = [label.encode("idna").decode("ascii") for label in labels]
    except UnicodeError:  # an empty label ("a..cn") or one too long to encode
        return False
    if len(".".join(ascii_labels)) > _MAX_HOST:
        return False
    for label, ascii_label in zip(labels, ascii_labels):
        if not 0 < len(ascii_label) <= _MAX_LABEL or label[0] == "-" or label[-1] == "-":
            return False
        if not all(_name_char(c) for c in label):
            return False
    # Top-level names are letters (or punycode); digits there mean an IPv4 address.
    top = labels[-1]
    return top.startswith("xn--") or (len(top) >= 2 and all(unicodedata.category(c)[0] in "LM" for c in top))


def _name_char(c: str) -> bool:
    if c.isascii():
        return c.isalnum() or c == "-"
    return unicodedata.category(c)[0] in "LMN"
