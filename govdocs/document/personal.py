"""Personal data a public copy must not show unmarked (Kuntalaki 140 §,
the GDPR): henkilötunnus-shaped codes, personal e-mail addresses and
phone numbers found in the text of a record.

The rule, written once here so `check`, `render --public` and
`build --public` agree:

- a **henkilötunnus** is any ``DDMMYY`` + century sign + ``NNN`` + check
  character with a day 01–31 and a month 01–12; every century sign counts
  (``+``, ``-``, ``A``, the 2023 signs ``B``–``F`` and ``U``–``Y``), and a
  wrong check character does not make it safe: it is a typo of a real code
  as often as not;
- an **e-mail address** may be published only when the registry lists it
  (the registry office's address, a person under ``people``) or it is the
  address of one of the decision's own contacts (an official's work
  address, which Hallintolaki 44 § asks for). Any other address, even
  ``firstname.lastname@`` of the municipality's own domain, is personal
  data until it is marked (listed under the decision's ``personal_data``)
  or its owner is added to the registry;
- a **phone number** in a Finnish format (``+358 40 123 4567``,
  ``040 123 4567``, ``050-1234567``, ``09 310 13700``, ``(09) 310 13700``)
  follows the same rule: the registry office's and registry people's
  numbers and the contacts' numbers may be published, any other is
  personal data until marked. Numbers without an area code
  (``310 76461``) cannot be told from other figures and are not looked for.

The detection works on `TextField` values (a piece of text and where it was
written), so any part of any record (titles, metadata, report rows) can be
checked with `personal_data_problems`; `public_copy_problems` applies it to
what a decision's public copy prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from govdocs.problems import Problem, Severity, Span
from govdocs.read.yamlsource import SourceDoc

if TYPE_CHECKING:
    from govdocs.model.decision import Decision, Section
    from govdocs.model.registry import Registry
    from govdocs.repository import Origin, Repository

_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
# The century sign: + 1800s; - Y X W V U 1900s; A B C D E F 2000s (VN asetus 128/2010, 2023 change).
_CENTURY = {"+": 1800, **{c: 1900 for c in "-YXWVU"}, **{c: 2000 for c in "ABCDEF"}}
_HETU = re.compile(
    r"(?<![0-9A-Za-z])(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Za-z])(?![0-9A-Za-z])"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SEP = r"[ \u00a0-]"
# Not inside a word or a longer number ('2 050 000 000 euroa' is money, not a number starting 050).
_PHONE = re.compile(
    rf"(?<![\w+])(?<!\d[ \u00a0.,])"
    rf"(?:\+358{_SEP}?(?:\(0\){_SEP}?)?[1-9]\d{{0,2}}|\(0[1-9]\d{{0,2}}\)|0(?:4\d|50)|0[1-9]\d?(?={_SEP}))"
    rf"(?:{_SEP}?\d){{5,9}}(?!\w)"
)

_TASK_CODE = re.compile(r"\d{2}(?: \d{2}){2,}")


@dataclass(frozen=True)
class TextField:
    """A piece of text of a record and where it was written: the file, the
    position its value starts at, and the file's text (to point at the
    finding itself rather than at the start of a long paragraph)."""

    text: str
    file: str
    span: Span | None = None
    source: str = ""


@dataclass(frozen=True)
class Finding:
    """A piece of personal data in a text."""

    what: str
    """'henkilötunnus', 'e-mail' or 'phone'."""
    value: str
    """As written."""
    note: str = ""
    """Why it is worth a second look ('its check character is wrong')."""


@dataclass(frozen=True)
class Known:
    """Addresses and numbers that may be published: the registry's (the
    registry office, the people it lists) and the decision's contacts'."""

    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    """National digits: '0931013700'."""

    @classmethod
    def of(cls, registry: Registry | None, decision: Decision | None = None) -> Known:
        emails: list[str | None] = []
        phones: list[str | None] = []
        if registry is not None:
            office = registry.municipality.registry_office
            court = registry.municipality.administrative_court
            emails += [office.email, *(p.email for p in registry.people)]
            phones += [office.phone, *(p.phone for p in registry.people)]
            if court is not None:  # the court's numbers are published in every appeal text
                emails.append(court.email)
                phones += [court.phone, court.fax]
        if decision is not None:
            emails += [c.email for c in decision.contacts]
            phones += [c.phone for c in decision.contacts]
        return cls(
            frozenset(e.strip().lower() for e in emails if e),
            frozenset(d for p in phones if p and (d := phone_digits(p))),
        )

    def email(self, value: str) -> bool:
        return value.lower() in self.emails

    def phone(self, value: str) -> bool:
        digits = phone_digits(value)
        # A contact's '310 76461' is the same number as '09 310 76461'.
        return any(digits == k or (len(k) >= 7 and digits.endswith(k)) for k in self.phones)


def phone_digits(value: str) -> str:
    """A phone number's digits in national form: '+358 40 123' → '040123'."""
    digits = re.sub(r"\D", "", value.replace("(0)", ""))
    return "0" + digits[3:] if value.lstrip().startswith("+358") else digits


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
    """Every valid henkilötunnus in ``text`` (what the public copy masks
    even unmarked; a shape with a wrong check character is refused by
    `public_copy_problems` instead)."""
    for match in _HETU.finditer(text):
        if is_identity_code(match.group(0)):
            yield match.group(0)


def find_personal_data(text: str, known: Known = Known()) -> Iterator[Finding]:
    """Every henkilötunnus-shaped code, and every e-mail address and phone
    number ``known`` does not allow, in ``text``, in order."""
    found: list[tuple[int, Finding]] = []
    for match in _HETU.finditer(text):
        code = match.group(0)
        note = "" if is_identity_code(code) else "its check character or date is wrong, but it has the shape"
        found.append((match.start(), Finding("henkilötunnus", code, note)))
    for match in _EMAIL.finditer(text) if "@" in text else ():
        if not known.email(match.group(0)):
            found.append((match.start(), Finding("e-mail", match.group(0))))
    for match in _PHONE.finditer(text):
        if _TASK_CODE.fullmatch(match.group(0)):
            continue  # a task-classification code: 'T 02 08 01 00'
        if not known.phone(match.group(0)):
            found.append((match.start(), Finding("phone", match.group(0))))
    for _, finding in sorted(found, key=lambda pair: pair[0]):
        yield finding


def is_marked(finding: Finding, marked: Iterable[str]) -> bool:
    """Whether a `personal_data` entry covers ``finding`` (phone numbers by digits)."""
    entries = list(marked)
    if any(finding.value in entry for entry in entries):
        return True
    if finding.what == "phone":
        digits = phone_digits(finding.value)
        return any(digits and digits in phone_digits(entry) for entry in entries)
    return False


def personal_data_problems(
    fields: Iterable[TextField],
    known: Known,
    marked: Iterable[str] = (),
    *,
    severity: Severity = Severity.ERROR,
    where: str = "the public copy",
) -> list[Problem]:
    """A located problem for each unmarked piece of personal data in
    ``fields`` (code ``personal-data-unmarked``)."""
    marks = list(marked)
    problems: list[Problem] = []
    for field in fields:
        for finding in find_personal_data(field.text, known):
            if is_marked(finding, marks):
                continue
            note = f" ({finding.note})" if finding.note else ""
            problems.append(
                Problem(
                    field.file,
                    _locate(field, finding.value),
                    f"{finding.what} '{finding.value}'{note} would be published in {where}; list it under "
                    "personal_data so the web copy hides it, or remove it",
                    severity,
                    "personal-data-unmarked",
                )
            )
    return list(dict.fromkeys(problems))


def _locate(field: TextField, value: str) -> Span | None:
    """Where ``value`` is written: searched from the field's start, so a
    code that occurs twice is reported at each field it is in."""
    if field.span is None or not field.source:
        return field.span
    lines = field.source.splitlines()
    first = field.span.line - 1
    for number in range(first, min(len(lines), first + 200)):
        column = lines[number].find(value, field.span.column - 1 if number == first else 0)
        if column >= 0:
            return Span(number + 1, column + 1)
    return field.span


def record_fields(origin: Origin, value: Any, *path: str | int) -> Iterator[TextField]:
    """Every string in ``value`` (a model, a list, a dict or a string) as a
    `TextField` located in ``origin``'s file; ``path`` is where ``value``
    sits in the record."""
    if isinstance(value, str):
        yield TextField(value, origin.file, origin.span(*path), origin.doc.text)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from record_fields(origin, getattr(value, name), *path, name)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from record_fields(origin, item, *path, i)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from record_fields(origin, item, *path, str(key))


PRINTED = ("title", "public_title", "sections", "presenter", "signature", "attachments", "distribution")
"""The parts of a decision its public copy prints as text (contacts apart:
their addresses and numbers are published by law, their names are checked)."""


def decision_fields(origin: Origin, decision: Decision, lang: str | None = None) -> Iterator[TextField]:
    """The text of ``decision`` its public copy prints (in ``lang``, default
    the record's: a Swedish copy prints the Swedish version); secret
    sections are left out (the public copy shows only a mention of them)."""
    swedish = lang == "sv" and decision.language != "sv" and decision.sv is not None
    for name in PRINTED:
        value = getattr(decision, name)
        if name == "sections":
            yield from _section_fields(origin, value, ())
        else:
            yield from record_fields(origin, value, name)
    for i, contact in enumerate(decision.contacts):
        yield from record_fields(origin, contact.name, "contacts", i, "name")
        yield from record_fields(origin, contact.title, "contacts", i, "title")
    if swedish and decision.sv is not None:
        from govdocs.swedish import pairs

        yield from record_fields(origin, decision.sv.title, "sv", "title")
        yield from _section_fields(origin, decision.sv.sections, ("sv",))
        for pair in pairs(decision):
            if isinstance(pair.swedish, str):
                yield from record_fields(origin, pair.swedish, *pair.sv_at)


def _section_fields(origin: Origin, sections: list[Section], at: tuple[str, ...]) -> Iterator[TextField]:
    for i, section in enumerate(sections):
        if section.publicity is None:
            yield from record_fields(origin, section.heading, *at, "sections", i, "heading")
            yield from record_fields(origin, section.body, *at, "sections", i, "body")


def public_copy_problems(
    repo: Repository, decision: Decision, *, severity: Severity = Severity.ERROR, lang: str | None = None
) -> list[Problem]:
    """Unmarked personal data the public copy of ``decision`` (in ``lang``)
    would show, located in its record; `render --public` and `build
    --public` refuse a decision that has any."""
    origin = repo.origins[decision.id]
    known = Known.of(repo.registry_of(decision.id), decision)
    marks = list(decision.personal_data)
    # Positions cost a second read of the file: look at the text alone first.
    text = "\n".join(f.text for f in decision_fields(_UNLOCATED, decision, lang))
    if not any(not is_marked(f, marks) for f in find_personal_data(text, known)):
        return []
    return personal_data_problems(decision_fields(origin, decision, lang), known, marks, severity=severity)


class _Unlocated:
    """An origin that knows no positions: for looking at a record's text
    before paying for its positions."""

    file = ""
    doc = SourceDoc("", None, "")

    def span(self, *sub: str | int, key: bool = False) -> Span | None:
        return None


_UNLOCATED: Any = _Unlocated()
