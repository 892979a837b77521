"""The phrasing generator: standard Finnish sentences from structured data.

A kind's section templates (Jinja, in ``templates/kinds/*.yaml``, and the
shared ones in ``templates/sections/*.yaml``) see the decision ``d``, its
maker ``maker``, its first mandate ``m``, the kind's inputs ``v``, its
references ``refs``, ``motion(id)``, a motion of the handling, the
meeting the decision is an item of (``meeting``; ``roll_call(meeting)``
gives its deputies called in and its members absent,
``checkers(meeting)`` its minute checkers and deputy checkers) and
``unphrased(what)``, which fails the section for a case the template has
no published wording for rather than leave it out. Names go into sentences only
through the case filters (``{{ m | genitive }}``, ``{{ t.to | allative }}``),
which take the inflected forms from registry.yaml or the mandate's
``forms``; a missing form is reported, never replaced by the nominative."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
import yaml
from pydantic_core import PydanticCustomError

from govdocs.derive.meetings import roll_call
from govdocs.describe import fi_date
from govdocs.drafting.kinds import BlockTemplate, Items, KindSet, SectionTemplate
from govdocs.errors import InputError
from govdocs.model.common import NotStated, effective_date, normalise
from govdocs.model.decision import Decision, Section
from govdocs.model.effects import Mandate, Member, Term
from govdocs.model.items import Motion
from govdocs.model.meeting import Attendee, Checker, Meeting
from govdocs.model.registry import Names, Registry
from govdocs.resources import TEMPLATES_DIR

CASES = (
    "genitive",
    "elative",
    "illative",
    "inessive",
    "allative",
    "adessive",
    "ablative",
    "partitive",
    "essive",
    "genitive_sv",
)


class MissingForm(InputError):
    """A sentence needs an inflected form the data does not have."""

    def __init__(self, owner: str, case: str, where: tuple[str, ...]):
        super().__init__(f"{owner} has no '{case}' form")
        self.owner, self.case, self.where = owner, case, where


@dataclass(frozen=True)
class PhrasingIssue:
    """Why a generated section could not be written: a missing form, or a
    template error in a kind file."""

    section: int
    message: str
    where: tuple[str, ...] = ()
    """('registry', section, id, case) or ('decision', *path) or ('kind', name, *path)."""
    reported_as: str | None = None
    """The problem's code when it is not the usual one for ``where``."""


@dataclass
class Generation:
    """The decision with its generated sections rewritten, and what failed."""

    decision: Decision
    issues: list[PhrasingIssue] = field(default_factory=list)


@cache
def words() -> dict[str, Any]:
    """templates/drafting/fi.yaml: the words the filters need."""
    data: dict[str, Any] = yaml.safe_load(
        (TEMPLATES_DIR / "drafting" / "fi.yaml").read_text(encoding="utf-8")
    )
    return data


BUILTIN_FILTERS = ("length", "lower", "upper", "first", "last", "join", "default", "trim")
"""Jinja's own filters a kind template may use; the rest (``attr``,
``format``, ``map`` over attribute names...) are not offered."""


def sandbox() -> jinja2.sandbox.ImmutableSandboxedEnvironment:
    """The environment every kind template renders in. Kind files come
    from records repositories, edited through pull requests by anyone: the
    sandbox refuses attributes that lead to code (``__globals__``,
    ``__class__``...) and mutation of the data, and only the filters the
    phrasing needs and no global functions are offered."""
    env = jinja2.sandbox.ImmutableSandboxedEnvironment(
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False
    )
    env.filters = {name: env.filters[name] for name in BUILTIN_FILTERS}
    env.globals = {}
    return env


class Phraser:
    """Evaluates one kind's templates against one decision."""

    def __init__(self, decision: Decision, registry: Registry, meeting: Meeting | None = None):
        self.d, self.registry, self.meeting = decision, registry, meeting
        self.env = sandbox()
        self.env.filters.update(self._filters())
        self.context = self._context()

    def _context(self) -> dict[str, Any]:
        d = self.d
        makers = {m.id: m for m in self.registry.decision_makers}
        return {
            "d": d,
            "maker": makers.get(d.maker),
            "m": d.mandates[0] if d.mandates else None,
            "v": dict(d.drafting.values) if d.drafting else {},
            "refs": {r.id: r for r in d.references},
            "officers": officers,
            "functions": self.functions,
            "stated": lambda value: value is not None and not isinstance(value, NotStated),
            "motion": lambda motion_id: next((m for m in d.motions if m.id == motion_id), None),
            "meeting": self.meeting,
            "roll_call": _roll_call,
            "checkers": _checkers,
            "unphrased": unphrased,
        }

    def _filters(self) -> dict[str, Callable[..., Any]]:
        filters: dict[str, Callable[..., Any]] = {case: _case_filter(self, case) for case in CASES}
        filters.update(
            nominative=_case_filter(self, "fi"),
            swedish=_case_filter(self, "sv"),
            fi_date=lambda v: fi_date(_as_date(v)),
            capfirst=lambda s: s[:1].upper() + s[1:],
            clause=clause,
            term=term_phrase,
            member_line=self.member_line,
            who=who,
            role_essive=lambda role: words()["role_essive"].get(role, role),
            every=lambda period: words()["every"][str(period)],
            join_fi=join_fi,
        )
        return filters

    # --- names ---------------------------------------------------------
    def forms(self, value: Any, case: str, short: bool = False) -> str:
        """``value`` (a mandate, an organisation or maker id, a Names) in ``case``."""
        names, owner, where = self._names(value, short)
        form = getattr(names, case, None) if names is not None else None
        if not form:
            raise MissingForm(owner, case, where)
        return str(form)

    def _names(self, value: Any, short: bool) -> tuple[Names | None, str, tuple[str, ...]]:
        if isinstance(value, Mandate):
            index = str(self.d.mandates.index(value))
            key = "short" if short and value.short else "forms"
            return getattr(value, key), f"mandate '{value.id}'", ("decision", "mandates", index, key)
        if isinstance(value, Motion):
            index = str(self.d.motions.index(value))
            where = ("decision", "motions", index, "proposer_forms")
            return value.proposer_forms, f"the proposer of motion '{value.id}'", where
        if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], Motion):
            # (motion, n): the motion's n-th seconder
            motion, n = value
            where = ("decision", "motions", str(self.d.motions.index(motion)), "seconder_forms")
            forms = motion.seconder_forms[n] if n < len(motion.seconder_forms) else None
            return forms, f"seconder {n + 1} of motion '{motion.id}'", where
        if isinstance(value, Names):
            return value, f"'{value.fi}'", ()
        for section in ("organisations", "decision_makers"):
            for item in getattr(self.registry, section):
                if item.id == value:
                    return (
                        item.name,
                        f"registry {section[:-1].replace('_', ' ')} '{value}'",
                        ("registry", section, value),
                    )
        for mandate in self.d.mandates:
            if mandate.id == value:
                return self._names(mandate, short)
        raise MissingForm(f"'{value}' (not in registry.yaml)", "fi", ())

    def functions(self, ids: Iterable[str]) -> str:
        """Function names from the registry, joined: 'A ja B'."""
        names = {f.id: f.name for f in self.registry.functions}
        return join_fi([names.get(i, i) for i in ids])

    def organisation_as_printed(self, org: str | None) -> str:
        """A member's organisation inside a line: a registry id gives its
        name, lower-cased when it is a common noun."""
        for item in self.registry.organisations:
            if item.id == org:
                name = item.name.fi
                return name[:1].lower() + name[1:] if item.kind in words()["common_noun_kinds"] else name
        return org or ""

    def member_line(self, member: Member) -> str:
        """'Nina Vesterinen (puheenjohtaja), matkailupäällikkö, kaupunginkanslia'."""
        head = member.name or member.office or member.person or ""
        if member.role:
            head += f" ({member.role})"
        parts = [head, *(p for p in (member.title, self.organisation_as_printed(member.organisation)) if p)]
        return ", ".join(parts)

    # --- rendering -------------------------------------------------------
    def render(self, template: str, **extra: Any) -> str:
        return normalise(self.env.from_string(template).render(**self.context, **extra))

    def true(self, expression: str | None, **extra: Any) -> bool:
        return expression is None or bool(self.env.compile_expression(expression)(**self.context, **extra))

    def items(self, sources: Iterable[Items]) -> list[str]:
        out: list[str] = []
        for source in sources:
            if self.true(source.when):
                for element in self.env.compile_expression(source.each)(**self.context) or []:
                    if text := self.render(source.item, item=element):
                        out.append(text)
        return out

    def blocks(self, template: BlockTemplate) -> list[Any]:
        if not self.true(template.when):
            return []
        if template.text is not None:
            text = self.render(template.text)
            return [text] if text else []
        if template.subheading is not None:
            return [{"subheading": self.render(template.subheading)}]
        if template.paragraphs is not None:
            return self.items([template.paragraphs])
        if template.lines is not None:
            rendered = self.env.from_string(template.lines).render(**self.context)
            return [line for raw in rendered.splitlines() if (line := normalise(raw))]
        items = self.items(template.list or template.numbered or [])
        if not items:
            return []
        return [{"list": items} if template.list is not None else {"numbered": items}]

    def section(self, template: SectionTemplate) -> Section:
        # Blocks are built as the plain data a record file holds, so the
        # section is validated exactly as if read from YAML.
        body = [block for t in template.body for block in self.blocks(t)]
        data = {
            "kind": template.kind,
            "heading": template.heading,
            "generated": template.generated,
            "body": body or ["—"],
        }
        return Section.model_validate({k: v for k, v in data.items() if v is not None})


def _held(meeting: Meeting | None) -> Meeting:
    if meeting is None:
        raise ValueError("the decision is an item of no meeting record (give 'meeting:')")
    return meeting


def _roll_call(meeting: Meeting | None) -> tuple[list[Attendee], list[Attendee]]:
    return roll_call(_held(meeting))


def _checkers(meeting: Meeting | None) -> tuple[list[Checker], list[Checker]]:
    """(the minute checkers, the deputy checkers) of the meeting, in the record's order."""
    checkers = _held(meeting).minutes.checkers
    return [c for c in checkers if not c.deputy], [c for c in checkers if c.deputy]


def unphrased(what: str) -> str:
    """Called by a template for a case it has no published wording for."""
    raise ValueError(f"the template has no published wording for {what}; write the section by hand")


def _case_filter(phraser: Phraser, case: str) -> Callable[..., str]:
    def inflect(value: Any, short: bool = False) -> str:
        return phraser.forms(value, case, short)

    return inflect


def _as_date(value: Any) -> date:
    """A stated or assumed date, or a date written as text (a kind input)."""
    from govdocs.model.common import parse_date

    if isinstance(value, NotStated) and value.assumed:
        return value.assumed
    try:
        return parse_date(value)
    except PydanticCustomError as exc:
        raise ValueError(str(exc)) from None


def clause(text: str) -> str:
    """A stored sentence continued inside another: 'Poikkihallinnollisesti
    ... kasvua.' → 'poikkihallinnollisesti ... kasvua'."""
    text = normalise(text).rstrip(".")
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def join_fi(items: list[str]) -> str:
    """'a, b ja c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {words()['and']} " + items[-1]


def term_phrase(term: Term) -> str:
    """'vuosille 2022–2025', 'ajalle 10.1.2022–30.6.2023', 'toistaiseksi 10.1.2022 alkaen'."""
    start, end = effective_date(term.start), effective_date(term.end)
    patterns = words()["term"]
    if start is None:
        raise ValueError("the term has no start")
    if end is None:
        return str(patterns["open"]).format(start=fi_date(start))
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        key = "year" if start.year == end.year else "years"
        return str(patterns[key]).format(start=start.year, end=end.year)
    return str(patterns["range"]).format(start=fi_date(start), end=fi_date(end))


def officers(mandate: Mandate) -> list[Member]:
    """Chair, vice chair and secretary, in that order."""
    order = words()["officer_roles"]
    found = [m for m in mandate.members if m.role in order]
    return sorted(found, key=lambda m: order.index(m.role))


def who(member: Member) -> str:
    """How an officer is named in a sentence: the office, or 'title Name'."""
    if member.office:
        return member.office
    return " ".join(p for p in (member.title, member.name) if p)


def generate(
    decision: Decision, registry: Registry, kinds: KindSet, meeting: Meeting | None = None
) -> Generation:
    """Rewrite every section marked ``generated`` from the data (and from
    ``meeting``, the meeting the decision is an item of, if any): the
    sections of the text and those of its Swedish version (``sv``)."""
    phraser = Phraser(decision, registry, meeting)
    templates = kinds.section_templates()
    sections, issues = _generated(decision, decision.sections, ("sections",), phraser, templates)
    update: dict[str, Any] = {"sections": sections}
    if decision.sv is not None:
        swedish, more = _generated(decision, decision.sv.sections, ("sv", "sections"), phraser, templates)
        issues += more
        update["sv"] = decision.sv.model_copy(update={"sections": swedish})
    return Generation(decision.model_copy(update=update), issues)


def _generated(
    decision: Decision,
    stored: list[Section],
    at: tuple[str, ...],
    phraser: Phraser,
    templates: dict[str, tuple[str, int, SectionTemplate]],
) -> tuple[list[Section], list[PhrasingIssue]]:
    """``stored`` (the sections at ``at`` in the record) with the generated ones rewritten."""
    sections, issues = list(stored), []
    for i, section in enumerate(sections):
        if section.generated is None:
            continue
        found = templates.get(section.generated)
        if found is None:
            issues.append(
                PhrasingIssue(
                    i,
                    f"no kind has a section template '{section.generated}'",
                    ("decision", *at, str(i), "generated"),
                )
            )
            continue
        try:
            sections[i] = phraser.section(found[2]).model_copy(update={"publicity": section.publicity})
        except MissingForm as exc:
            issues.append(_missing(decision, i, exc))
        except (jinja2.TemplateError, ValueError, TypeError, KeyError, AttributeError) as exc:
            issues.append(_failed(decision, (stored, at, i), (found[0], found[1]), exc))
    return sections, issues


def _unknown_name(exc: Exception) -> bool:
    """A name the template uses that no context offers ('lipsum' is
    undefined), as against an attribute the data lacks."""
    return isinstance(exc, jinja2.UndefinedError) and bool(re.fullmatch(r"'\w+' is undefined", str(exc)))


def _failed(
    decision: Decision, section: tuple[list[Section], tuple[str, ...], int], template: tuple[str, int],
    exc: Exception,
) -> PhrasingIssue:
    """Why section ``section`` (its list, where the list is, its index)
    could not be written, located where to fix it: the kind file for a
    broken or unsafe template, else the record."""
    stored, at, index = section
    name = stored[index].generated
    in_kind = ("kind", template[0], "sections", str(template[1]), "body")
    if isinstance(exc, jinja2.sandbox.SecurityError):
        message = f"template '{name}' uses what kind templates may not ({exc}); kind files cannot run code"
        return PhrasingIssue(index, message, in_kind)
    if isinstance(exc, (jinja2.TemplateSyntaxError, jinja2.TemplateAssertionError)) or _unknown_name(exc):
        return PhrasingIssue(index, f"template '{name}' failed: {exc}", in_kind)
    # The template is sound; the decision's data does not fit it (a date
    # input still holding its placeholder): the record is what to fix.
    where = ("decision", "drafting", "values") if decision.drafting else ("decision", *at, str(index))
    message = f"section {index + 1} cannot be generated ({name}) from the data: {exc}"
    return PhrasingIssue(index, message, where, reported_as="generated-data")


def _missing(decision: Decision, index: int, exc: MissingForm) -> PhrasingIssue:
    if exc.case == "fi":
        # An id the registry does not know comes from the record's data.
        where = exc.where or (("decision", "drafting", "values") if decision.drafting else ("decision",))
        return PhrasingIssue(index, f"generated text names {exc.owner}", where)
    return PhrasingIssue(
        index,
        f"{exc.owner} has no '{exc.case}' form, which the generated text needs; add it "
        f"(name.{exc.case}) so the sentence is not written with the nominative",
        exc.where + (exc.case,),
    )


def expand(
    decision: Decision,
    registry: Registry,
    kinds: KindSet | None = None,
    root: Path | None = None,
    meeting: Meeting | None = None,
) -> Decision:
    """The decision with its generated sections written from the data
    (sections that cannot be generated keep their stored text). Pure: for
    the live preview and for renderers that want the current phrasing."""
    from govdocs.drafting.kinds import load_kinds

    kinds = kinds or load_kinds(root, registry.drafting.override_kinds)
    return generate(decision, registry, kinds, meeting).decision
