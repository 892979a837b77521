"""`govdocs check ID`: everything that must be true before a decision goes
for signature. Validation, Hallintolaki 44 § completeness as errors, the §
not taken, nothing left to fill, the appeal route fits the maker and the
kind, generated and written text agree, a signer is named, and the public
copy shows no unmarked henkilötunnus, personal e-mail address or phone
number (`govdocs.document.personal`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from govdocs.api import validate
from govdocs.checks.placeholders import CODE as PLACEHOLDER
from govdocs.checks.placeholders import placeholders_in
from govdocs.document.personal import public_copy_problems
from govdocs.drafting.agreement import disagreements
from govdocs.drafting.kinds import KindSet, repository_kinds
from govdocs.drafting.newdoc import DraftingError
from govdocs.drafting.phrasing import PhrasingIssue, generate
from govdocs.drafting.yamlwrite import section_data
from govdocs.model.decision import Appeal, AppealRoute, Decision, Section, Signature
from govdocs.model.registry import MakerKind
from govdocs.problems import Problem, Severity, did_you_mean, sort_key
from govdocs.repository import Origin, Repository

# Warnings of the validator that are errors once the decision is to be signed.
SIGNING_ERRORS = {"hl44-date", "hl44-contact", "hl45-grounds", "appeal-missing"}


@dataclass
class CheckReport:
    """The outcome of `check`: ready to sign when it has no errors."""

    decision: str
    file: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def check(root: Path | str, decision_id: str) -> CheckReport:
    """Run every pre-signing check on one decision."""
    repo = validate(root)
    if decision_id not in repo.decisions:
        return _unreadable(repo, decision_id)
    decision, origin = repo.decisions[decision_id], repo.origins[decision_id]
    kinds = repository_kinds(repo)
    # a decision of a meeting is not ready while its meeting record is wrong
    # (no quorum, a deputy for a present member): that file's problems count too
    meeting = repo.meeting_of(decision_id)
    files = {origin.file} | ({repo.origins[meeting.id].file} if meeting is not None else set())
    problems = [
        p.escalated() if p.code in SIGNING_ERRORS else p
        for p in repo.problems
        if p.file in files and p.code not in ("number-taken", PLACEHOLDER)
    ]
    problems += number_taken(repo, decision, origin)
    problems += kinds.problems
    problems += placeholders_in(origin.doc, generated_lines(origin, decision), Severity.ERROR)
    problems += appeal_fit(repo, decision, origin, kinds)
    problems += text_agreement(repo, decision, origin, kinds)
    problems += public_copy(repo, decision, origin)
    problems += kind_inputs(decision, origin, kinds)
    problems += contact_details(decision, origin)
    problems += signer(decision, origin)
    return CheckReport(decision_id, origin.file, sorted(problems, key=sort_key))


def _unreadable(repo: Repository, decision_id: str) -> CheckReport:
    """A decision file that does not load: its problems, or an unknown id."""
    problems = [p for p in repo.problems if Path(p.file).stem == decision_id]
    if not problems:
        known = did_you_mean(decision_id, repo.decisions)
        raise DraftingError(f"no decision '{decision_id}' in the records{known}")
    return CheckReport(decision_id, problems[0].file, problems)


def number_taken(repo: Repository, decision: Decision, origin: Origin) -> Iterator[Problem]:
    """The § is not used by another decision of the same maker and year."""
    day = decision.day
    for rid, other in sorted(repo.decisions.items()):
        if rid == decision.id or other.maker != decision.maker or other.number != decision.number:
            continue
        if day is not None and other.day is not None and other.day.year == day.year:
            yield origin.problem(
                f"§ {decision.number} of '{decision.maker}' in {day.year} is taken by '{rid}' "
                f"({repo.where(rid, 'number')}); `govdocs new` gives the next free one",
                "number",
                code="number-taken",
            )


def generated_lines(origin: Origin, decision: Decision) -> set[int]:
    """Lines of the generated sections: a fill marker there only echoes the
    data, which is where it is reported."""
    starts = [s.line for i in range(len(decision.sections)) if (s := origin.span("sections", i))]
    keys = sorted(span.line for path, span in origin.doc.key_spans.items() if len(path) == 1)
    lines: set[int] = set()
    for i, section in enumerate(decision.sections):
        if section.generated and i < len(starts):
            end = (
                starts[i + 1]
                if i + 1 < len(starts)
                else min((k for k in keys if k > starts[i]), default=10**9)
            )
            lines.update(range(starts[i], end))
    return lines


def appeal_fit(repo: Repository, decision: Decision, origin: Origin, kinds: KindSet) -> Iterator[Problem]:
    """The appeal route fits the decision maker and the kind."""
    appeal = decision.appeal
    if not isinstance(appeal, Appeal):
        return
    maker = repo.makers.get(decision.maker)
    kind = kinds.get(decision.drafting.kind) if decision.drafting else None
    if decision.drafting and kind is None:
        yield origin.problem(
            f"unknown kind '{decision.drafting.kind}'{did_you_mean(decision.drafting.kind, kinds.kinds)}",
            "drafting",
            "kind",
            code="kind-unknown",
        )
    if kind is not None and appeal.route not in kind.appeal.routes:
        allowed = ", ".join(sorted(kind.appeal.routes))
        yield origin.problem(
            f"a '{kind.kind}' decision takes {allowed}, not {appeal.route}",
            "appeal",
            "route",
            code="appeal-route-kind",
        )
    if maker is not None:
        yield from _route_for_maker(origin, appeal, maker.kind, maker.appeal_authority)


def _route_for_maker(
    origin: Origin, appeal: Appeal, maker_kind: MakerKind, authority: str | None
) -> Iterator[Problem]:
    route = appeal.route
    if route is AppealRoute.OIKAISUVAATIMUS and not (appeal.authority or authority):
        yield origin.problem(
            "oikaisuvaatimus needs the body that hears it: the decision maker has no appeal_authority "
            "in registry.yaml and the appeal gives no 'authority' "
            "(a council decision takes kunnallisvalitus)",
            "appeal",
            "route",
            code="appeal-route-maker",
        )
    if route is AppealRoute.KUNNALLISVALITUS and maker_kind is MakerKind.OFFICE_HOLDER:
        yield origin.problem(
            "an office holder's decision is first contested by oikaisuvaatimus (Kuntalaki 134 §), "
            "not by kunnallisvalitus",
            "appeal",
            "route",
            code="appeal-route-maker",
        )
    if route is AppealRoute.MUUTOKSENHAKUKIELTO and not appeal.law:
        yield origin.problem(
            "a muutoksenhakukielto names the provision it rests on: law: Kuntalaki 136 §",
            "appeal",
            code="appeal-law",
        )


def text_agreement(repo: Repository, decision: Decision, origin: Origin, kinds: KindSet) -> Iterator[Problem]:
    """Generated sections are current, and the data is in the text."""
    generation = generate(decision, repo.registry, kinds, repo.meeting_of(decision.id))
    for issue in generation.issues:
        yield locate(repo, origin, kinds, issue)
    yield from _stale(decision, origin, decision.sections, generation.decision.sections, ())
    if decision.sv is not None and generation.decision.sv is not None:
        yield from _stale(decision, origin, decision.sv.sections, generation.decision.sv.sections, ("sv",))
    kind = kinds.get(decision.drafting.kind) if decision.drafting else None
    for found in disagreements(decision, kind):
        yield origin.problem(found.message, *found.path, code="text-disagrees")


def _stale(
    decision: Decision, origin: Origin, stored: list[Section], made: list[Section], at: tuple[str | int, ...]
) -> Iterator[Problem]:
    """A generated section of ``stored`` (at ``at``: the text or its
    Swedish version) whose text is not what the data gives (``made``)."""
    for i, (old, new) in enumerate(zip(stored, made, strict=True)):
        if old.generated and section_data(old) != section_data(new):
            where: tuple[str | int, ...] = (*at, "sections", i, "generated")
            yield origin.problem(
                f"section {i + 1} is marked generated ({old.generated}) but its text differs from what the "
                f"data gives; run `govdocs draft regenerate {decision.id}`, or delete 'generated' to keep "
                "your own text",
                *where,
                code="generated-stale",
            )


def locate(repo: Repository, origin: Origin, kinds: KindSet, issue: PhrasingIssue) -> Problem:
    """A phrasing issue at the place to fix it: registry.yaml, the record or the kind file."""
    where = issue.where
    if where[:1] == ("registry",) and len(where) >= 3:
        at = repo.registry_origin(where[1], where[2])
        return at.problem(issue.message, "name", key=True, code="missing-form")
    if where[:1] == ("decision",):
        path = [int(p) if p.isdigit() else p for p in where[1:]]
        return origin.problem(issue.message, *path, code=issue.reported_as or "missing-form")
    if where[:1] == ("kind",) and len(where) > 1:
        steps = tuple(int(p) if p.isdigit() else p for p in where[2:])
        return kinds.problem(where[1], steps, issue.message, code="template-error")
    return Problem("templates/kinds", None, issue.message, code="template-error")


def public_copy(repo: Repository, decision: Decision, origin: Origin) -> list[Problem]:
    """No unmarked henkilötunnus, personal e-mail address or phone number in
    the public copy (the same rule as `render --public`)."""
    return public_copy_problems(repo, decision)


def kind_inputs(decision: Decision, origin: Origin, kinds: KindSet) -> Iterator[Problem]:
    """The kind's required inputs are given, with the right shape."""
    kind = kinds.get(decision.drafting.kind) if decision.drafting else None
    if kind is None or decision.drafting is None:
        return
    values = decision.drafting.values
    for spec in kind.inputs:
        value = values.get(spec.name)
        if value is None:
            if spec.required:
                yield origin.problem(
                    f"kind '{kind.kind}' needs '{spec.name}': {spec.description}",
                    "drafting",
                    "values",
                    code="kind-input-missing",
                )
        elif (spec.type == "list") != isinstance(value, list):
            shape = "a list" if spec.type == "list" else "a single value"
            yield origin.problem(
                f"'{spec.name}' should be {shape}", "drafting", "values", spec.name, code="kind-input-shape"
            )
        elif spec.type == "reference" and value not in {r.id for r in decision.references}:
            yield origin.problem(
                f"'{spec.name}' names '{value}', which is not in this decision's references",
                "drafting",
                "values",
                spec.name,
                code="kind-input-reference",
            )
    for name in sorted(set(values) - {spec.name for spec in kind.inputs}):
        known = did_you_mean(name, [spec.name for spec in kind.inputs])
        yield origin.problem(
            f"kind '{kind.kind}' has no input '{name}'{known}",
            "drafting",
            "values",
            name,
            key=True,
            code="kind-input-unknown",
        )


def contact_details(decision: Decision, origin: Origin) -> Iterator[Problem]:
    """Hallintolaki 44 § 4: the contact person's contact details, not only a name."""
    for i, contact in enumerate(decision.contacts):
        if not (contact.phone or contact.email):
            yield origin.problem(
                f"contact '{contact.name}' has no phone or e-mail; "
                "Hallintolaki 44 § requires contact details",
                "contacts",
                i,
                code="hl44-contact-details",
            )


def signer(decision: Decision, origin: Origin) -> Iterator[Problem]:
    """A decision goes for signature only when it says who signs it."""
    if not isinstance(decision.signature, Signature):
        yield origin.problem(
            "no signer: write signature: {name: ..., title: ...}",
            "signature",
            code="signature-missing",
        )
