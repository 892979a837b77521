"""Personal data the public web copy must not show unmarked (Kuntalaki
140 §): Finnish personal identity codes (henkilötunnus, check character
validated so that case numbers and phone numbers are not mistaken for
them) and e-mail addresses of private persons."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
# The century sign: + 1800s; - Y X W V U 1900s; A B C D E F 2000s (VN asetus 128/2010, 2023 change).
_CENTURY = {"+": 1800, **{c: 1900 for c in "-YXWVU"}, **{c: 2000 for c in "ABCDEF"}}
_HETU = re.compile(r"(?<![0-9A-Za-z])(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])(?![0-9A-Za-z])")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")


@dataclass(frozen=True)
class Finding:
    """A piece of personal data in a text."""

    what: str
    """'henkilötunnus' or 'e-mail'."""
    value: str
    """As written."""


def is_identity_code(code: str) -> bool:
    """Whether ``code`` is a valid henkilötunnus: a real birth date and the
    right check character."""
    match = _HETU.fullmatch(code)
    if not match:
        return False
    dd, mm, yy, sign, serial, check = match.groups()
    try:
        date(_CENTURY[sign] + int(yy), int(mm), int(dd))
    except ValueError:
        return False
    return _CHECK[int(dd + mm + yy + serial) % 31] == check


def identity_codes(text: str) -> Iterator[str]:
    """Every valid henkilötunnus in ``text``."""
    for match in _HETU.finditer(text):
        if is_identity_code(match.group(0)):
            yield match.group(0)


def private_emails(text: str, official_domains: Iterable[str]) -> Iterator[str]:
    """E-mail addresses outside the municipality's own domains: those of
    private persons (an official's work address may be published)."""
    domains = {d.lower() for d in official_domains}
    for match in _EMAIL.finditer(text):
        domain = match.group(1).lower()
        if not any(domain == d or domain.endswith("." + d) for d in domains):
            yield match.group(0)


def personal_data(
    texts: Iterable[str], official_domains: Iterable[str], marked: Iterable[str]
) -> list[Finding]:
    """Identity codes and private e-mail addresses in ``texts`` that are not
    listed in ``marked`` (the decision's `personal_data`)."""
    hidden = " ".join(marked)
    domains = list(official_domains)
    found: list[Finding] = []
    for text in texts:
        found += [Finding("henkilötunnus", c) for c in identity_codes(text) if c not in hidden]
        found += [Finding("e-mail", e) for e in private_emails(text, domains) if e not in hidden]
    return list(dict.fromkeys(found))
