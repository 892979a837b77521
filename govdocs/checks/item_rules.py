"""Checks of decision items, motions and votes beyond their schema: every
quote is in the decision's own text, every party the registry should know
is known, every id an item points at exists, and the handling adds up.

The schema already refuses an unknown action, a validity that ends before
it starts and counts that differ from the named voters; these are the
checks that need the registry or the rest of the record."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from govdocs.checks.quoting import check_quote, check_quote_in, check_swedish_quotes
from govdocs.checks.refs import ref as _ref
from govdocs.checks.refs import unknown as _unknown
from govdocs.model.decision import Decision
from govdocs.model.items import BodyPresenter, Holder, Item, MotionKind, MotionOutcome
from govdocs.problems import Problem, Severity, did_you_mean
from govdocs.repository import Origin, Repository

Path = tuple[str | int, ...]


def item_quotes(repo: Repository) -> Iterable[Problem]:
    """Quotes, conditions, motion texts and vote results are in the text,
    and so is every holder's vacancy number; their Swedish quotes are in
    the Swedish text."""
    for rid, decision in repo.decisions.items():
        origin = repo.origins[rid]
        for quote, at in _quoted(decision):
            yield from check_quote(origin, decision, quote, at)
        yield from check_swedish_quotes(origin, decision)
        yield from _vacancies(origin, decision)


def _vacancies(origin: Origin, decision: Decision) -> Iterator[Problem]:
    # A vacancy number is the only thing that tells one 'vastaava ohjaaja'
    # from another: it must be the one the text prints, not a guess.
    text = decision.plain_text()
    for i, item in enumerate(decision.items):
        for j, holder in enumerate(item.holders):
            if holder.vacancy and not re.search(rf"(?<!\d){re.escape(holder.vacancy)}(?!\d)", text):
                yield origin.problem(
                    f"vacancy number '{holder.vacancy}' is not in the text of decision '{decision.id}'; "
                    "copy it as printed",
                    "items",
                    i,
                    "holders",
                    j,
                    "vacancy",
                    code="quote-not-in-text",
                )


def agenda_quotes(repo: Repository) -> Iterable[Problem]:
    """The items of an agenda entry not yet decided quote the entry's own
    printed text (its proposal and the rest of its text)."""
    for mid, meeting in repo.meetings.items():
        origin = repo.origins[mid]
        for k, entry in enumerate(meeting.agenda):
            if not entry.items:
                continue
            text, whose = entry.plain_text(), f"agenda item {entry.number} of meeting '{mid}'"
            for quote, at in _items_quoted(entry.items):
                yield from check_quote_in(origin, text, whose, quote, ("agenda", k, *at))


def _quoted(decision: Decision) -> Iterator[tuple[str, Path]]:
    yield from _items_quoted(decision.items)
    yield from _handling_quoted(decision)


def _items_quoted(items: list[Item]) -> Iterator[tuple[str, Path]]:
    for i, item in enumerate(items):
        for j, quote in enumerate(item.quote):
            yield quote, ("items", i, "quote", j) if len(item.quote) > 1 else ("items", i, "quote")
        for j, condition in enumerate(item.conditions):
            yield condition, ("items", i, "conditions", j)
        for j, duty in enumerate(item.duties):
            yield duty, ("items", i, "duties", j)
        for j, holder in enumerate(item.holders):
            for k, duty in enumerate(holder.duties):
                yield duty, ("items", i, "holders", j, "duties", k)
        for j, amount in enumerate(item.amounts):
            if amount.quote:
                yield amount.quote, ("items", i, "amounts", j, "quote")
        for j, holder in enumerate(item.holders):
            if holder.limit is not None and holder.limit.quote:
                yield holder.limit.quote, ("items", i, "holders", j, "limit", "quote")
        if item.validity is not None and item.validity.condition:
            yield item.validity.condition, ("items", i, "validity", "condition")
        for j, obj in enumerate(item.objects):
            if obj.quote:
                yield obj.quote, ("items", i, "objects", j, "quote")
            if obj.validity is not None and obj.validity.condition:
                yield obj.validity.condition, ("items", i, "objects", j, "validity", "condition")


def _handling_quoted(decision: Decision) -> Iterator[tuple[str, Path]]:
    for i, motion in enumerate(decision.motions):
        yield motion.text, ("motions", i, "text")
        if motion.quote:
            yield motion.quote, ("motions", i, "quote")
    for i, vote in enumerate(decision.votes):
        if vote.quote:
            yield vote.quote, ("votes", i, "quote")


def item_references(repo: Repository) -> Iterable[Problem]:
    """Every id an item, motion, vote or earlier handling uses resolves."""
    for rid, decision in repo.decisions.items():
        origin = repo.origins[rid]
        yield from _decision_refs(repo, origin, decision)


def _decision_refs(repo: Repository, origin: Origin, decision: Decision) -> Iterator[Problem]:
    makers, orgs = repo.makers, repo.organisations
    if isinstance(decision.presenter, BodyPresenter):
        yield from _ref(origin, "body", decision.presenter.body, makers, "presenter", "body")
    for i, entry in enumerate(decision.history):
        yield from _ref(origin, "decision maker", entry.maker, makers, "history", i, "maker")
        yield from _ref(origin, "decision", entry.decision, repo.decisions, "history", i, "decision")
    motions = {m.id: m for m in decision.motions}
    votes = {v.id: v for v in decision.votes}
    attachments = {a.number for a in decision.attachments}
    references = {r.id for r in decision.references}
    for i, item in enumerate(decision.items):
        at: Path = ("items", i)
        yield from _item_refs(repo, origin, item, at)
        yield from _ref(origin, "motion of this decision", item.motion, motions, *at, "motion")
        yield from _ref(origin, "initiative", item.initiative, repo.initiatives, *at, "initiative")
        numbered = [(obj.attachment, (*at, "objects", j)) for j, obj in enumerate(item.objects)]
        numbered += [(holder.attachment, (*at, "holders", j)) for j, holder in enumerate(item.holders)]
        for number, where in numbered:
            if number is not None and number not in attachments:
                listed = ", ".join(str(n) for n in sorted(attachments)) or "none"
                message = f"this decision has no attachment {number} (its attachments: {listed})"
                yield origin.problem(message, *where, "attachment", code="dangling-reference")
        for j, obj in enumerate(item.objects):
            yield from _ref(
                origin,
                "reference of this decision",
                obj.reference,
                references,
                *at,
                "objects",
                j,
                "reference",
            )
            yield from _ref(origin, "decision", obj.decision, repo.decisions, *at, "objects", j, "decision")
        for j, party in enumerate(item.parties):
            yield from _ref(
                origin, "organisation", party.organisation, orgs, *at, "parties", j, "organisation"
            )
    for i, motion in enumerate(decision.motions):
        yield from _ref(origin, "vote of this decision", motion.vote, votes, "motions", i, "vote")
        yield from _ref(origin, "body", motion.addressee, makers, "motions", i, "addressee")
        yield from _ref(origin, "organisation", motion.owner, orgs, "motions", i, "owner")
        if motion.kind is MotionKind.RESOLUTION and motion.outcome is MotionOutcome.ADOPTED:
            if motion.addressee is None and motion.owner is None:
                yield origin.problem(
                    "an adopted toivomusponsi is a follow-up duty: give 'addressee' (the body it names) "
                    "or 'owner' (the organisation that must act)",
                    "motions",
                    i,
                    code="resolution-without-owner",
                )
    for i, vote in enumerate(decision.votes):
        yield from _ref(origin, "motion of this decision", vote.jaa_motion, motions, "votes", i, "jaa_motion")
        yield from _ref(origin, "motion of this decision", vote.ei_motion, motions, "votes", i, "ei_motion")
        for j, voter in enumerate(vote.voters):
            yield from _ref(origin, "person", voter.person, repo.people, "votes", i, "voters", j, "person")


def _item_refs(repo: Repository, origin: Origin, item: Item, at: Path) -> Iterator[Problem]:
    makers = repo.makers
    yield from _ref(origin, "function", item.function, repo.functions, *at, "function")
    yield from _ref(origin, "decision maker or office", item.responsibility, makers, *at, "responsibility")
    yield from _ref(origin, "body", item.to, makers, *at, "to")
    for j, holder in enumerate(item.holders):
        yield from _holder_refs(repo, origin, holder, (*at, "holders", j))
    for j, act in enumerate(item.acts):
        if act not in repo.records or repo.owner.get(act) != repo.owner.get(item.id):
            own = [k for k, v in repo.owner.items() if v == repo.owner.get(item.id) and k != item.id]
            yield origin.problem(
                f"'{act}' is not a transfer, obligation, initiative, mandate or mandate change "
                "of this decision" + did_you_mean(act, own),
                *at,
                "acts",
                j,
                code="dangling-reference",
            )
    for j, replaced in enumerate(item.replaces):
        if replaced not in repo.records:
            yield _unknown(origin, "decision or reference", replaced, repo.records, *at, "replaces", j)


def _holder_refs(repo: Repository, origin: Origin, holder: Holder, at: Path) -> Iterator[Problem]:
    yield from _ref(origin, "organisation", holder.organisation, repo.organisations, *at, "organisation")
    yield from _ref(origin, "decision maker or office", holder.maker, repo.makers, *at, "maker")
    yield from _ref(origin, "person", holder.person, repo.people, *at, "person")


def handling_consistency(repo: Repository) -> Iterable[Problem]:
    """A motion decided by a vote names a vote that covers it; a motion
    that fell has no vote; an adopt/reject item agrees with the motion."""
    for rid, decision in repo.decisions.items():
        origin = repo.origins[rid]
        motions = {m.id: m for m in decision.motions}
        votes = {v.id: v for v in decision.votes}
        for i, motion in enumerate(decision.motions):
            vote = votes.get(motion.vote or "")
            if motion.outcome is MotionOutcome.FELL and motion.vote is not None:
                yield origin.problem(
                    "a motion that fell for want of support was not voted on; remove 'vote'",
                    "motions",
                    i,
                    "vote",
                    code="handling-inconsistent",
                )
            if vote is not None and motion.id not in (vote.jaa_motion, vote.ei_motion):
                yield origin.problem(
                    f"vote '{vote.id}' does not name motion '{motion.id}' as its jaa_motion or ei_motion",
                    "motions",
                    i,
                    "vote",
                    code="handling-inconsistent",
                )
            elif vote is not None:
                side = "jaa" if vote.jaa_motion == motion.id else "ei"
                won = str(vote.result) == side
                if won != (motion.outcome is MotionOutcome.ADOPTED):
                    yield origin.problem(
                        f"motion '{motion.id}' is {motion.outcome} but vote '{vote.id}' was won by "
                        f"{vote.result} and the motion stood on the {side} side",
                        "motions",
                        i,
                        "outcome",
                        code="handling-inconsistent",
                    )
        yield from _as_proposed(origin, decision)
        for i, item in enumerate(decision.items):
            acted = motions.get(item.motion or "")
            if acted is None:
                continue
            want = MotionOutcome.ADOPTED if item.action == "adopt-motion" else MotionOutcome.REJECTED
            if item.action in ("adopt-motion", "reject-motion") and acted.outcome is not want:
                yield origin.problem(
                    f"item says {item.action} but motion '{acted.id}' is {acted.outcome}",
                    "items",
                    i,
                    "action",
                    code="handling-inconsistent",
                )


def onward_delegation(repo: Repository) -> Iterable[Problem]:
    """Kuntalaki 91 §: a maker that holds a right only by a delegation in
    these records delegates it onwards (a warning: the hallintosääntö may allow it)."""
    from govdocs.derive.authority import onward

    for found in onward(repo):
        d, via = found.delegation, found.via
        there = repo.where(via.item.id)
        yield repo.origins[d.item.id].problem(
            f"'{d.maker}' delegates '{d.right}' onwards, but holds it only by delegation "
            f"'{via.item.id}' ({there}); Kuntalaki 91 §: a delegated right may be delegated "
            "further only where the hallintosääntö allows it",
            "holders",
            severity=Severity.WARNING,
            code="onward-delegation",
            related=(there,),
        )


CHANGES = (
    MotionKind.COUNTER,
    MotionKind.AMENDMENT,
    MotionKind.REJECTION,
    MotionKind.TABLING,
    MotionKind.RETURN,
)
"""Motions that, adopted, make the decision differ from the proposal."""


def _as_proposed(origin: Origin, decision: Decision) -> Iterator[Problem]:
    """'as proposed' agrees with the motions: a decision changed in the
    handling has an adopted motion that changes it, an unchanged one none."""
    if decision.as_proposed is None:
        return
    adopted = [m.id for m in decision.motions if m.kind in CHANGES and m.outcome is MotionOutcome.ADOPTED]
    if decision.as_proposed and adopted:
        yield origin.problem(
            f"as_proposed is true, but motion '{adopted[0]}' that changes the proposal was adopted",
            "as_proposed",
            code="handling-inconsistent",
        )
    if not decision.as_proposed and not adopted:
        yield origin.problem(
            "as_proposed is false, but no motion that changes the proposal (a counter-proposal, "
            "amendment, rejection, tabling or return) was adopted",
            "as_proposed",
            code="handling-inconsistent",
        )


ITEM_RULES = [item_quotes, agenda_quotes, item_references, handling_consistency, onward_delegation]
"""In the order their messages should appear (after the record references)."""

__all__ = ["ITEM_RULES"]
