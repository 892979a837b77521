"""Cross-record rules: references resolve, quotes are in their decision's
text, fulfilments make sense in time, organisations exist when they act,
and what Hallintolaki 44 § asks of a decision is there (warnings).

Each rule is a function ``Repository -> Iterable[Problem]``; `RULES` lists
them in the order their messages should appear. Later stages (the
responsibility audit) add their own checks to `RULES`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from govdocs.checks import consistency
from govdocs.checks.cycles import CYCLE_RULES
from govdocs.checks.followup_rules import FOLLOWUP_RULES
from govdocs.checks.item_rules import ITEM_RULES
from govdocs.checks.meeting_rules import MEETING_RULES
from govdocs.checks.municipalities import MUNICIPALITY_RULES
from govdocs.checks.placeholders import placeholders
from govdocs.checks.quoting import check_quote
from govdocs.checks.refs import ref as _ref
from govdocs.checks.refs import unknown as _unknown
from govdocs.derive.obligations import closings
from govdocs.describe import fi_date
from govdocs.document.appeal import Memo, appeal_problems, variants
from govdocs.model.common import NotStated, effective_date, normalise
from govdocs.model.decision import Decision, FollowUp, SectionKind
from govdocs.model.effects import Fulfilment, Mandate, MandateChange, Obligation, Outcome, Transfer
from govdocs.model.items import Item, Motion, Vote
from govdocs.model.registry import PatternTooSlow, pattern_matches
from govdocs.problems import Problem, Severity, did_you_mean
from govdocs.repository import Origin, Repository
from govdocs.safepath import output_names

Rule = Callable[[Repository], Iterable[Problem]]


def registry_references(repo: Repository) -> Iterable[Problem]:
    """Ids inside registry.yaml point at entries that exist."""
    orgs, makers = repo.organisations, repo.makers
    for kind, pool, attr in (("organisation", orgs, "parent"), ("organisation", orgs, "successor")):
        for org in repo.registry.organisations:
            yield from _ref(
                repo.registry_origin("organisations", org.id), kind, getattr(org, attr), pool, attr
            )
    for maker in repo.registry.decision_makers:
        origin = repo.registry_origin("decision_makers", maker.id)
        yield from _ref(origin, "organisation", maker.organisation, orgs, "organisation")
        yield from _ref(origin, "decision maker", maker.appeal_authority, makers, "appeal_authority")
    for fn in repo.registry.functions:
        if fn.holder:
            origin = repo.registry_origin("functions", fn.id)
            yield from _ref(origin, "organisation", fn.holder.organisation, orgs, "holder", "organisation")
    for person in repo.registry.people:
        origin = repo.registry_origin("people", person.id)
        yield from _ref(origin, "organisation", person.organisation, orgs, "organisation")


def record_references(repo: Repository) -> Iterable[Problem]:
    """Every id a record uses resolves to the right kind of thing."""
    orgs, makers, people, functions = repo.organisations, repo.makers, repo.people, repo.functions
    duties = {**repo.obligations, **repo.resolutions, **repo.initiative_duties, **repo.reporting_duties}
    for rid, decision in repo.decisions.items():
        origin = repo.origins[rid]
        yield from _ref(origin, "decision maker", decision.maker, makers, "maker")
        if decision.appeal is not None and not isinstance(decision.appeal, NotStated):
            yield from _ref(
                origin, "decision maker", decision.appeal.authority, makers, "appeal", "authority"
            )
            route, variant = decision.appeal.route.value, decision.appeal.variant
            yield from _ref(origin, f"{route} appeal variant", variant, variants(route), "appeal", "variant")
        for i, contact in enumerate(decision.contacts):
            yield from _ref(origin, "person", contact.person, people, "contacts", i, "person")
        for i, ref in enumerate(decision.references):
            yield from _ref(origin, "decision", ref.decision, repo.decisions, "references", i, "decision")
            yield from _ref(origin, "decision maker", ref.maker, makers, "references", i, "maker")
        for i, fulfilment in enumerate(decision.fulfils):
            yield from _fulfilment_refs(repo, duties, origin, fulfilment, ("fulfils", i))
    for rid, mandate in repo.mandates.items():
        origin = repo.origins[rid]
        if isinstance(mandate.established_by, str) and mandate.established_by not in repo.records:
            yield _unknown(
                origin, "decision or reference", mandate.established_by, repo.records, "established_by"
            )
        for j, task in enumerate(mandate.tasks):
            if task.added_by and task.added_by not in repo.records:
                yield _unknown(
                    origin, "decision or reference", task.added_by, repo.records, "tasks", j, "added_by"
                )
        for j, member in enumerate(mandate.members):
            yield from _ref(origin, "person", member.person, people, "members", j, "person")
        for j, duty in enumerate(mandate.reporting):
            yield from _ref(origin, "body", duty.to, makers, "reporting", j, "to")
    for rid, change in repo.mandate_changes.items():
        yield from _change_refs(repo, repo.origins[rid], change)
    for rid, transfer in repo.transfers.items():
        origin = repo.origins[rid]
        for j, fn in enumerate(transfer.what):
            yield from _ref(origin, "function", fn, functions, "what", j)
        if transfer.part and len(transfer.what) == 1 and transfer.what[0] in functions:
            parts = functions[transfer.what[0]].parts
            if transfer.part not in parts:
                yield origin.problem(
                    f"'{transfer.part}' is not a part of '{transfer.what[0]}' "
                    f"(its parts: {', '.join(parts) or 'none listed in the registry'})"
                    + did_you_mean(transfer.part, parts),
                    "part",
                    code="dangling-reference",
                )
        yield from _ref(origin, "organisation", transfer.from_, orgs, "from")
        yield from _ref(origin, "organisation", transfer.to, orgs, "to")
    for rid, obligation in repo.obligations.items():
        origin = repo.origins[rid]
        yield from _ref(origin, "organisation", obligation.owner, orgs, "owner")
        yield from _ref(origin, "body", obligation.addressee, makers, "addressee")
    for rid, initiative in repo.initiatives.items():
        yield from _ref(repo.origins[rid], "body", initiative.addressee, makers, "addressee")
    for rid, followup in repo.followups.items():
        origin = repo.origins[rid]
        yield from _ref(origin, "organisation", followup.by, orgs, "by")
        for i, fulfilment in enumerate(followup.fulfils):
            yield from _fulfilment_refs(repo, duties, origin, fulfilment, ("fulfils", i))


def _change_refs(repo: Repository, origin: Origin, change: MandateChange) -> Iterable[Problem]:
    mandates = repo.mandates
    if change.mandate not in mandates:
        yield _unknown(origin, "mandate", change.mandate, mandates, "mandate")
        return
    if change.task is not None:
        tasks = [t.id for t in mandates[change.mandate].tasks]
        tasks += [
            c.new_task.id for c in repo.mandate_changes.values() if c.new_task and c.mandate == change.mandate
        ]
        if change.task not in tasks:
            yield origin.problem(
                f"mandate '{change.mandate}' has no task '{change.task}'{did_you_mean(change.task, tasks)}",
                "task",
                code="dangling-reference",
            )


def _fulfilment_refs(
    repo: Repository, duties: dict[str, Any], origin: Origin, fulfilment: Fulfilment,
    at: tuple[str | int, ...],
) -> Iterable[Problem]:
    """``duties``: every obligation, resolution, initiative and reporting duty, by id (made once)."""
    yield from _ref(origin, "obligation or reporting duty", fulfilment.obligation, duties, *at, "obligation")
    yield from _ref(origin, "obligation", fulfilment.superseded_by, repo.obligations, *at, "superseded_by")


def quotes(repo: Repository) -> Iterable[Problem]:
    """Every quote appears word for word in its own decision's text."""
    for rid, record in repo.records.items():
        if isinstance(record, Item | Motion | Vote):
            continue  # item_rules.item_quotes checks these, each part at its own place
        quote = getattr(record, "quote", None)
        decision = repo.decision_of(rid)
        if isinstance(quote, str) and quote and decision is not None and record is not decision:
            yield from check_quote(repo.origins[rid], decision, quote, ("quote",))
    for rid, mandate in repo.mandates.items():
        decision = repo.decision_of(rid)
        for j, duty in enumerate(mandate.reporting):
            if duty.quote and decision is not None:
                yield from check_quote(repo.origins[rid], decision, duty.quote, ("reporting", j, "quote"))
    for rid, decision in repo.decisions.items():
        for i, fulfilment in enumerate(decision.fulfils):
            if fulfilment.quote:
                yield from check_quote(repo.origins[rid], decision, fulfilment.quote, ("fulfils", i, "quote"))


def fulfilments(repo: Repository) -> Iterable[Problem]:
    """Nothing is fulfilled before it exists, twice, or after it was
    cancelled; no initiative is answered before it was left, or twice."""
    # where the first record of each (obligation, period) is; its position
    # is looked up only for a message (cached records read it from disk)
    seen: dict[tuple[str, object], tuple[Outcome, Origin, tuple[str | int, ...]]] = {}
    initiatives = repo.initiatives
    for rid, record, fulfilment, at in _all_fulfilments(repo):
        origin = repo.origins[rid]
        obligation = repo.duty(fulfilment.obligation)
        if obligation is None:
            continue
        initiative = initiatives.get(fulfilment.obligation)
        every = obligation.due.every if isinstance(obligation, Obligation) else obligation.every
        created = repo.decision_of(fulfilment.obligation)
        created_on = created.day if created else None
        when = fulfilment.date or _record_day(record)
        if initiative is not None:
            created_on = initiative.date or created_on
            if created_on and when and when < created_on:
                yield origin.problem(
                    f"initiative '{initiative.id}' is answered on {fi_date(when)}, before it was left "
                    f"on {fi_date(created_on)} (recorded by '{created.id if created else '?'}')",
                    *at,
                    code="answered-before-left",
                )
        elif created_on and when and when < created_on:
            yield origin.problem(
                f"'{fulfilment.obligation}' is {fulfilment.outcome} on {fi_date(when)}, before it was "
                f"created on {fi_date(created_on)} by '{created.id if created else '?'}'",
                *at,
                code="fulfilled-before-created",
            )
        recurring = every is not None
        if recurring and fulfilment.period is None:
            yield origin.problem(
                f"'{fulfilment.obligation}' recurs {every}; say which period "
                "(period: YEAR) this record covers",
                *at,
                code="period-missing",
            )
        if not recurring and fulfilment.period is not None:
            yield origin.problem(
                f"'{fulfilment.obligation}' does not recur; remove 'period'",
                *at,
                "period",
                code="period-not-recurring",
            )
        key = (fulfilment.obligation, fulfilment.period)
        if key in seen:
            outcome, first, first_at = seen[key]
            where = first.where(*first_at)
            if initiative is not None:
                yield origin.problem(
                    f"initiative '{initiative.id}' is already answered (or closed) at {where}",
                    *at,
                    code="answered-twice",
                    related=(where,),
                )
                continue
            label = f"{fulfilment.obligation}" + (
                f" (period {fulfilment.period})" if fulfilment.period else ""
            )
            verb = "was already cancelled" if outcome is Outcome.CANCELLED else f"is already {outcome}"
            yield origin.problem(
                f"'{label}' {verb} at {where}", *at, code="fulfilled-twice", related=(where,)
            )
        else:
            seen[key] = (fulfilment.outcome, origin, at)


def _all_fulfilments(
    repo: Repository,
) -> Iterable[tuple[str, Decision | FollowUp, Fulfilment, tuple[str | int, ...]]]:
    records: list[Decision | FollowUp] = [*repo.decisions.values(), *repo.followups.values()]
    records.sort(key=lambda r: (_record_day(r) or date.max, r.id))
    for record in records:
        for fulfilment, at in closings(record):
            yield record.id, record, fulfilment, at


def _record_day(record: Decision | FollowUp) -> date | None:
    return record.day if isinstance(record, Decision) else record.date


def organisations_exist(repo: Repository) -> Iterable[Problem]:
    """An organisation or decision maker is valid on the date it acts."""
    orgs, makers = repo.organisations, repo.makers
    for rid, decision in repo.decisions.items():
        day = decision.day
        maker = makers.get(decision.maker)
        if day and maker and not maker.exists_on(day):
            yield repo.origins[rid].problem(
                f"decision maker '{maker.id}' does not exist on {fi_date(day)} ({_validity(maker)})",
                "maker",
                code="not-valid-on-date",
            )
    # transfers: consistency.transfer_organisations_exist, which knows the timeline
    for rid, obligation in repo.obligations.items():
        holder = repo.decision_of(rid)
        org = orgs.get(obligation.owner) if isinstance(obligation.owner, str) else None
        day = holder.day if holder else None
        if day and org and not org.exists_on(day):
            yield repo.origins[rid].problem(
                f"organisation '{org.id}' does not exist on {fi_date(day)}, the date of the decision "
                f"({_validity(org)})",
                "owner",
                code="not-valid-on-date",
            )


def _validity(item: object) -> str:
    start, end = getattr(item, "valid_from", None), getattr(item, "valid_to", None)
    return f"valid {fi_date(start) if start else '…'}–{fi_date(end) if end else '…'}"


def numbering(repo: Repository) -> Iterable[Problem]:
    """One § number per decision maker and year; diary numbers and task
    codes in the municipality's format."""
    seen: dict[tuple[str, int, int], str] = {}
    for rid, decision in repo.decisions.items():
        origin = repo.origins[rid]
        municipality = repo.municipality_of(rid)
        day = decision.day
        if day:
            key = (decision.maker, day.year, decision.number)
            if key in seen:
                yield origin.problem(
                    f"§ {decision.number} of '{decision.maker}' in {day.year} is already used by "
                    f"'{seen[key]}' ({repo.where(seen[key], 'number')})",
                    "number",
                    code="number-taken",
                    related=(repo.where(seen[key], "number"),),
                )
            else:
                seen[key] = rid
        yield from _pattern(
            repo,
            rid,
            origin,
            "case",
            decision.case,
            "case_number_pattern",
            (
                f"diary number '{decision.case}' is not in the municipality's format "
                f"(registry: {municipality.case_number_pattern}, e.g. "
                f"'{municipality.case_number_format.format(year=2016, serial=1234)}')"
            ),
            "case-number-format",
        )
        yield from _pattern(
            repo,
            rid,
            origin,
            "task_code",
            decision.task_code,
            "task_code_pattern",
            (
                f"task code '{decision.task_code}' is not in the form '00 00 02' "
                f"(registry: {municipality.task_code_pattern})"
            ),
            "task-code-format",
        )


def _pattern(
    repo: Repository, rid: str, origin: Origin, attr: str, value: str | None, setting: str, mismatch: str,
    code: str,
) -> Iterable[Problem]:
    """``value`` checked against the registry pattern ``setting``, under
    the time bound of `pattern_matches`: a pattern that backtracks on this
    value is the registry's fault, located at both."""
    if not value:
        return
    registry = repo.registry_of(rid)
    pattern = getattr(registry.municipality, setting)
    try:
        if not pattern_matches(pattern, value):
            yield origin.problem(mismatch, attr, code=code)
    except PatternTooSlow as exc:
        doc = next(doc for reg, doc in repo.registries if reg is registry)
        at = Origin(doc, ("municipality", setting)).where()
        yield origin.problem(
            f"{attr} '{value[:80]}' cannot be checked: {exc} (registry: {setting} at {at})",
            attr,
            code="pattern-too-slow",
            related=(at,),
        )


def record_consistency(repo: Repository) -> Iterable[Problem]:
    """Small facts that must agree inside one record."""
    for rid, decision in repo.decisions.items():
        origin = repo.origins[rid]
        numbers = [a.number for a in decision.attachments]
        for i, n in enumerate(numbers):
            if numbers.index(n) != i:
                yield origin.problem(
                    f"attachment number {n} is used twice",
                    "attachments",
                    i,
                    "number",
                    code="attachment-number",
                )
        text = decision.plain_text()
        for field in ("personal_data", "published_personal_data"):
            for i, item in enumerate(getattr(decision, field)):
                if normalise(item) not in text and not _occurs(item, decision):
                    yield origin.problem(
                        f"personal data '{item}' does not occur in the text, so the public copy "
                        "would not hide anything; check the spelling",
                        field,
                        i,
                        code="personal-data-not-in-text",
                    )
    for rid, mandate in repo.mandates.items():
        yield from _term_order(repo.origins[rid], mandate)


def _occurs(item: str, decision: Decision) -> bool:
    """Whether the public copy would mask ``item`` anywhere: in any spelling
    or inflection ('Virtaselle' for 'Ville Virtanen'), in any field."""
    from govdocs.document.names import NameMatcher, load_analyser

    signature = decision.signature
    fields = [decision.plain_text(), decision.title, *decision.distribution.for_information]
    fields += [signature.name, signature.title] if signature and not isinstance(signature, NotStated) else []
    fields += [f"{c.name} {c.title or ''}" for c in decision.contacts]
    fields += [a.title for a in decision.attachments]
    fields += [f"{e.to} {' '.join(e.attachments)}" for e in decision.distribution.extracts]
    matcher = NameMatcher([item], load_analyser())
    return any(matcher.spans(field) for field in fields)


def _term_order(origin: Origin, mandate: Mandate) -> Iterable[Problem]:
    start, end = effective_date(mandate.term.start), effective_date(mandate.term.end)
    if start and end and end < start:
        yield origin.problem(
            f"the term ends ({fi_date(end)}) before it starts ({fi_date(start)})",
            "term",
            "end",
            code="term-order",
        )


def appeal_texts(repo: Repository) -> Iterable[Problem]:
    """Every decision's appeal text can be given in its language: a text in
    force on its date, every registry field it prints; an adapted text not
    signed off is a warning."""
    memo: Memo = {}
    for decision in repo.decisions.values():
        yield from appeal_problems(repo, decision, memo=memo)


def completeness(repo: Repository) -> Iterable[Problem]:
    """Hallintolaki 44 § and 45 §: date, authority, grounds, contact; and
    appeal instructions (Hallintolaki 47 §, Kuntalaki 136 §). Warnings:
    the record may faithfully reproduce a source that lacks them."""
    for decision in repo.decisions.values():
        yield from decision_completeness(repo, decision)


def decision_completeness(repo: Repository, decision: Decision) -> Iterable[Problem]:
    """What the law asks of one decision document that its record lacks
    (also checked by `govdocs render` before it writes the document)."""
    origin = repo.origins[decision.id]

    def warn(message: str, *at: str | int, code: str) -> Problem:
        return origin.problem(message, *at, severity=Severity.WARNING, code=code)

    if isinstance(decision.date, NotStated):
        yield warn("the decision date is not stated; Hallintolaki 44 § requires it", "date", code="hl44-date")
    kinds = {s.kind for s in decision.sections}
    if (
        SectionKind.GROUNDS not in kinds
        and SectionKind.PRESENTER_GROUNDS not in kinds
        and not decision.grounds_exception
    ):
        yield warn(
            "no grounds section (kind: grounds); Hallintolaki 45 § requires grounds unless "
            "an exception is cited in 'grounds_exception'",
            "sections",
            code="hl45-grounds",
        )
    if not decision.contacts:
        yield warn(
            "no contact person (contacts); Hallintolaki 44 § requires the name and contact "
            "details of a person who gives more information",
            code="hl44-contact",
        )
    if decision.appeal is None or isinstance(decision.appeal, NotStated):
        yield warn(
            "no appeal instructions (appeal); Hallintolaki 47 § and Kuntalaki 136 § require them",
            *(("appeal",) if decision.appeal is not None else ()),
            code="appeal-missing",
        )


RULES: list[Rule] = [
    *MUNICIPALITY_RULES,
    registry_references,
    *CYCLE_RULES,
    record_references,
    quotes,
    *ITEM_RULES,
    *MEETING_RULES,
    fulfilments,
    organisations_exist,
    numbering,
    record_consistency,
    completeness,
    appeal_texts,
    placeholders,
    output_names,
    consistency.transfer_from_holder,
    consistency.one_transfer_per_day,
    consistency.transfer_organisations_exist,
    consistency.functions_keep_a_holder,
    consistency.part_moves_once,
    consistency.stays_not_contradicted,
    *FOLLOWUP_RULES,
]

__all__ = ["RULES", "Rule", "Transfer"]
