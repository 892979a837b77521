"""Appeal instructions (Muutoksenhaku): the versioned text of the record's
route in the document's language, in force on the decision's date, filled
only from the deciding municipality's registry (its name, registry
office, administrative court and example diary number).

Texts live in ``templates/appeal/<route>/<valid-from>.txt.j2`` (Finnish)
and ``<valid-from>.sv.txt.j2`` (Swedish); a route's variant
(``Appeal.variant``: the wording for a plan) in
``templates/appeal/<route>/<variant>/``. A text adapted rather than copied
from a published one has its note beside it, ``<valid-from>[.sv].yaml``
(`TextNote`). Their line markup: ``# `` a title line (OHJEET
OIKAISUVAATIMUKSEN TEKEMISEKSI), ``## `` a subheading, ``- `` a list item,
``> `` an address line, anything else a paragraph; blank lines only separate.

What cannot be given is a located error (`appeal_problems`): no text in
the language, a decision older than every version, a registry that lacks
a field the text prints, a court the record names that is not the
registry's.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import yaml

from govdocs.describe import fi_date
from govdocs.document.model import Block, BulletList, Heading, Paragraph
from govdocs.model.common import Date, Text
from govdocs.model.common import Record as Model
from govdocs.model.decision import Appeal, AppealRoute, Decision
from govdocs.model.registry import MakerKind, Municipality
from govdocs.problems import Problem, RecordsInvalid, Severity
from govdocs.repository import Repository
from govdocs.resources import TEMPLATES_DIR

__all__ = [
    "APPEAL_DIR",
    "LANGUAGES",
    "Memo",
    "AppealText",
    "AppealTextError",
    "TextNote",
    "Version",
    "appeal_authority",
    "appeal_blocks",
    "appeal_problems",
    "choose_version",
    "describe_appeal",
    "parse_markup",
    "variants",
    "versions",
]

APPEAL_DIR = TEMPLATES_DIR / "appeal"

LANGUAGES = {"fi": "", "sv": ".sv"}
"""A text's language → the suffix before ``.txt.j2`` in its file name."""

_LANGUAGE_NAMES = {"fi": "Finnish", "sv": "Swedish"}


class TextNote(Model):
    """``<valid-from>[.sv].yaml`` beside a text adapted rather than copied
    from a published one: what it was adapted from, what changed, and who
    signed it off (empty until someone has)."""

    adapted_from: Text
    """The published text it was adapted from."""
    changes: Text
    """What the adaptation changed, and why."""
    signed_off_by: str | None = None
    """Who approved the wording (a municipal lawyer); empty: not yet."""
    signed_off_on: Date | None = None
    """When."""


@dataclass(frozen=True)
class Version:
    """One text of a route (or of its variant) in one language."""

    route: str
    variant: str | None
    lang: str
    valid_from: date
    path: Path
    note: TextNote | None = None
    """Its note beside it, for a text adapted rather than copied."""

    @property
    def name(self) -> str:
        """'kunnallisvalitus/kaava 2025-01-01 (sv)'."""
        return f"{_text_folder(self.route, self.variant)} {self.valid_from.isoformat()} ({self.lang})"

    @property
    def template(self) -> str:
        return self.path.relative_to(APPEAL_DIR).as_posix()

    @property
    def note_path(self) -> Path:
        return _note_path(self.path)


@dataclass(frozen=True)
class AppealText:
    """The chosen text: its version and the blocks it renders to."""

    version: Version
    blocks: tuple[Block, ...]


class AppealTextError(ValueError):
    """An appeal text that cannot be given, with its problem code."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


def _note_path(text: Path) -> Path:
    return text.with_name(text.name.removesuffix(".txt.j2") + ".yaml")


def _note(text: Path) -> TextNote | None:
    path = _note_path(text)
    if not path.is_file():
        return None
    return TextNote.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def _text_folder(route: str, variant: str | None) -> str:
    return f"{route}/{variant}" if variant else route


@functools.cache
def variants(route: str) -> tuple[str, ...]:
    """The variants of ``route`` that have a text: its subfolders."""
    folder = APPEAL_DIR / route
    return tuple(sorted(p.name for p in folder.iterdir() if p.is_dir() and any(p.glob("*.txt.j2"))))


def _language(path: Path) -> str:
    stem = path.name.removesuffix(".txt.j2")
    return next((lang for lang, suffix in LANGUAGES.items() if suffix and stem.endswith(suffix)), "fi")


@functools.cache
def versions(route: str, variant: str | None = None, lang: str = "fi") -> tuple[Version, ...]:
    """The texts of the route (or of its variant) in ``lang``, oldest first."""
    folder = APPEAL_DIR / _text_folder(route, variant)
    found = [
        Version(route, variant, lang, date.fromisoformat(p.name.split(".")[0]), p, _note(p))
        for p in folder.glob("*.txt.j2")
        if _language(p) == lang
    ]
    return tuple(sorted(found, key=lambda v: v.valid_from))


def choose_version(route: str, day: date | None, variant: str | None = None, lang: str = "fi") -> Version:
    """The version in force on ``day`` (the newest when the day is unknown);
    `AppealTextError` when there is no text in ``lang`` or none yet in force."""
    found = versions(route, variant, lang)
    folder = _text_folder(route, variant)
    if not found:
        raise AppealTextError(
            f"there is no {_LANGUAGE_NAMES.get(lang, lang)} '{folder}' appeal text "
            f"(templates/appeal/{folder}/<valid-from>{LANGUAGES.get(lang, '.' + lang)}.txt.j2); "
            "the decision cannot be rendered in that language",
            "appeal-language",
        )
    in_force = [v for v in found if day is None or v.valid_from <= day]
    if not in_force:
        raise AppealTextError(
            f"no '{folder}' appeal text was in force on {day.isoformat() if day else ''}: the oldest is "
            f"of {found[0].valid_from.isoformat()}; add the version in force then "
            f"(templates/appeal/{folder}/<valid-from>{LANGUAGES[lang]}.txt.j2)",
            "appeal-version",
        )
    return in_force[-1]


# --- the deciding municipality -------------------------------------------------------


def _municipality(repo: Repository, decision: Decision) -> Municipality:
    return repo.municipality_of(decision.id)


def appeal_authority(repo: Repository, decision: Decision, appeal: Appeal) -> str:
    """The authority line's name: 'Helsingin kaupunginhallitus', 'Helsingin
    kaupungin sosiaali- ja terveyslautakunta'."""
    maker = repo.makers.get(decision.maker)
    body_id = appeal.authority or (maker.appeal_authority if maker else None)
    if body_id is None and maker is not None and maker.kind is MakerKind.BODY:
        body_id = maker.id
    body = repo.makers.get(body_id) if body_id else None
    name = body.name.fi if body else (body_id or "")
    municipality = _municipality(repo, decision).name
    genitive = municipality.genitive or municipality.fi
    # A city's own organs are compounds ("kaupunginhallitus"): only the town
    # name goes before them, never "Helsingin kaupungin kaupunginhallitus".
    town, _, kind = genitive.rpartition(" ")
    if town and name.lower().startswith(kind.lower()):
        return f"{town} {name[:1].lower()}{name[1:]}"
    return f"{genitive} {name[:1].lower()}{name[1:]}"


class _MissingField(Exception):
    """A template read a registry field the registry does not give."""

    def __init__(self, path: str):
        super().__init__(path)
        self.path = path


class _Fields:
    """Registry data as a template sees it: reading a field that is not
    given raises `_MissingField` with its path (never an empty line or a
    placeholder); ``get`` reads a field a text prints only when given."""

    def __init__(self, data: Mapping[str, Any], path: str, paths: Mapping[str, str] | None = None):
        self._data = data
        self._path = path
        self._paths = paths or {}

    def _where(self, name: str) -> str:
        return self._paths.get(name, f"{self._path}.{name}")

    def get(self, name: str) -> Any:
        value = self._data.get(name)
        if value is None or value in ("", []):
            return None
        return _Fields(value, self._where(name)) if isinstance(value, Mapping) else value

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        value = self.get(name)
        if value is None:
            raise _MissingField(self._where(name))
        return value


_LOCAL_FIELDS = ("postal_address", "visiting_address", "hours")
"""The fields of a contact written in a language (`Premises`)."""


def _in_language(data: Mapping[str, Any], path: str, lang: str) -> _Fields:
    """A contact (office, court, relocation) with its fields in ``lang``:
    the Swedish addresses come from its ``sv`` block only, never the Finnish ones."""
    own = {k: v for k, v in data.items() if k != "sv"}
    if lang == "fi":
        return _Fields({k: _in_language(v, f"{path}.{k}", lang) if k == "relocation" else v
                        for k, v in own.items()}, path)
    local = data.get(lang) or {}
    shared = {k: v for k, v in own.items() if k not in _LOCAL_FIELDS}
    merged = {k: _in_language(v, f"{path}.{k}", lang) if k == "relocation" else v for k, v in shared.items()}
    merged.update({k: local.get(k) for k in _LOCAL_FIELDS})
    return _Fields(merged, path, {k: f"{path}.{lang}.{k}" for k in _LOCAL_FIELDS})


def _swedish_genitive(name: str) -> str:
    """'Helsingfors stad' → 'Helsingfors stads' (no s after s, x or z)."""
    return name if name[-1:] in ("s", "x", "z") else f"{name}s"


def _context(repo: Repository, decision: Decision, appeal: Appeal, lang: str) -> dict[str, Any]:
    municipality = _municipality(repo, decision)
    data = municipality.model_dump(mode="python", exclude_none=True)
    names = dict(data["name"])
    if "sv" in names:
        names["sv_genitive"] = _swedish_genitive(names["sv"])
    court = data.get("administrative_court")
    return {
        "town": _Fields(names, "municipality.name"),
        "office": _in_language(data["registry_office"], "municipality.registry_office", lang),
        "court": _in_language(court, "municipality.administrative_court", lang) if court else _Absent(),
        "example_case": municipality.example_case_number,
        "authority": appeal_authority(repo, decision, appeal),
        "law": appeal.law,
        "days": appeal.days,
        "elections": appeal.elections,
    }


class _Absent:
    """The court of a registry that names none: any field read is missing."""

    def get(self, name: str) -> None:
        raise _MissingField("municipality.administrative_court")

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        raise _MissingField("municipality.administrative_court")


def _refuse(message: str, code: str = "appeal-wording") -> str:
    """Called by a text that has no wording for what the record asks."""
    raise AppealTextError(message, code)


@functools.cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(APPEAL_DIR),
        autoescape=False,  # plain text; the HTML writer escapes every string it gets
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["fi_date"] = fi_date
    environment.globals["refuse"] = _refuse
    return environment


def parse_markup(text: str) -> tuple[Block, ...]:
    """Turn the line markup of an appeal text into document blocks."""
    blocks: list[Block] = []
    items: list[str] = []
    for line in [*text.splitlines(), ""]:
        if items and not line.startswith("- "):
            blocks.append(BulletList(tuple(items), role="appeal-list"))
            items = []
        if not line.strip():
            continue
        if line.startswith("## "):
            blocks.append(Heading(line[3:], level=3, role="appeal-heading"))
        elif line.startswith("# "):
            blocks.append(Paragraph(line[2:], role="appeal-title"))
        elif line.startswith("- "):
            items.append(line[2:])
        elif line.startswith("> "):
            blocks.append(Paragraph(line[2:], role="address-line"))
        else:
            blocks.append(Paragraph(line, role="appeal-text"))
    return tuple(blocks)


def _court_stated(repo: Repository, decision: Decision, appeal: Appeal) -> None:
    court = _municipality(repo, decision).administrative_court
    if appeal.court and court is not None and appeal.court != court.name.fi:
        raise AppealTextError(
            f"the record names the court '{appeal.court}', but the decisions of "
            f"{_municipality(repo, decision).name.fi} are appealed to {court.name.fi} "
            "(municipality.administrative_court in the registry); correct or remove 'court'",
            "appeal-court",
        )


def _rendered(repo: Repository, decision: Decision, appeal: Appeal, lang: str) -> tuple[Version, str]:
    route = AppealRoute(appeal.route).value
    version = choose_version(route, decision.day, appeal.variant, lang)
    _court_stated(repo, decision, appeal)
    template = _environment().get_template(version.template)
    try:
        return version, template.render(_context(repo, decision, appeal, lang))
    except _MissingField as missing:
        raise AppealTextError(
            f"the {version.name} appeal text prints {missing.path}, which the registry "
            f"of {_municipality(repo, decision).name.fi} does not give; add it to the registry",
            "appeal-registry",
        ) from None


def _text(repo: Repository, decision: Decision, appeal: Appeal, lang: str) -> AppealText:
    version, text = _rendered(repo, decision, appeal, lang)
    return AppealText(version, parse_markup(text))


def _problem(repo: Repository, decision: Decision, error: AppealTextError) -> Problem:
    return repo.origins[decision.id].problem(str(error), "appeal", "route", code=error.code)


def appeal_blocks(repo: Repository, decision: Decision, appeal: Appeal, lang: str = "fi") -> AppealText:
    """The appeal instructions of ``decision`` in ``lang`` ('fi', 'sv') as
    document blocks; `RecordsInvalid` with the located problem when the
    text cannot be given (see `appeal_problems`)."""
    try:
        return _text(repo, decision, appeal, lang)
    except AppealTextError as error:
        raise RecordsInvalid([_problem(repo, decision, error)]) from None


Memo = dict[tuple[object, ...], Version | AppealTextError]
"""`appeal_problems`' answers by what decides them, for one pass over a
repository (the municipality by identity: it lives as long as the pass)."""


def _checked(repo: Repository, decision: Decision, appeal: Appeal, lang: str,
             memo: Memo) -> Version | AppealTextError:
    try:
        version = choose_version(appeal.route.value, decision.day, appeal.variant, lang)
    except AppealTextError as error:
        return error
    municipality = _municipality(repo, decision)
    key = (id(municipality), version.path, appeal.law, appeal.days, appeal.elections, appeal.court)
    if key not in memo:
        try:
            memo[key] = _rendered(repo, decision, appeal, lang)[0]
        except AppealTextError as error:
            memo[key] = error
    return memo[key]


def appeal_problems(repo: Repository, decision: Decision, lang: str | None = None, *,
                    memo: Memo | None = None) -> Iterator[Problem]:
    """Why the appeal text of ``decision`` in ``lang`` (default: the
    decision's language) cannot be given (errors), and a text adapted
    rather than published that nobody has signed off (a warning). ``memo``
    shares the rendering between the decisions of one pass."""
    appeal = decision.appeal
    if not isinstance(appeal, Appeal):
        return
    if appeal.variant and appeal.variant not in variants(appeal.route.value):
        return  # reported as an unknown variant (`govdocs.checks.rules.record_references`)
    found = _checked(repo, decision, appeal, lang or decision.language, {} if memo is None else memo)
    if isinstance(found, AppealTextError):
        yield _problem(repo, decision, found)
        return
    note = found.note
    if note is not None and not note.signed_off_by:
        yield repo.origins[decision.id].problem(
            f"the {found.name} appeal text is adapted from {note.adapted_from} ({note.changes}) "
            f"and nobody has signed it off: a municipal lawyer approves it in "
            f"templates/appeal/{found.note_path.relative_to(APPEAL_DIR).as_posix()} (signed_off_by)",
            "appeal", "route", severity=Severity.WARNING, code="appeal-sign-off",
        )


def describe_appeal(repo: Repository, decision: Decision) -> str | None:
    """`govdocs show`'s line: the route, the text chosen (file) and, for an
    adapted text, its sign-off; or why there is none."""
    appeal = decision.appeal
    if not isinstance(appeal, Appeal):
        return None
    try:
        version = _text(repo, decision, appeal, decision.language).version
    except AppealTextError as error:
        return f"appeal: {appeal.route.value}: {error}"
    line = (f"appeal: {appeal.route.value}, text of {version.valid_from.isoformat()} "
            f"(templates/appeal/{version.template})")
    note = version.note
    if note is None:
        return line
    if note.signed_off_by:
        on = f" on {fi_date(note.signed_off_on)}" if note.signed_off_on else ""
        return f"{line}; adapted from {note.adapted_from}, signed off by {note.signed_off_by}{on}"
    return f"{line}; adapted from {note.adapted_from}, not signed off"
