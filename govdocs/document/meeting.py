"""The meeting builders: a meeting record → its agenda (esityslista), its
minutes (pöytäkirja) and the extract (ote) of one item.

Every layout decision about a meeting's documents is made here, once, in
reading order (DOMAIN.md § 5): the cover with the meeting's data, the
attendance from the facts, the items in order, the checkers' and signers'
part. An item's text in the minutes and in an extract is its decision's
parts as the decision builder lays them out (`decision_parts`), so the
minutes say word for word what the decision document says, appeal
instructions included. Labels come from ``templates/labels`` (``meeting``);
the public copy hides personal data once, on the whole tree
(`govdocs.document.redact.public_copy`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from govdocs.describe import fi_date, section_mark
from govdocs.document.decision import (
    attachment_index,
    attachments_section,
    case_lines,
    contact_parts,
    contacts_section,
    decision_parts,
    for_information,
    in_language,
    item_header,
    presenter_heading,
    record_block,
    record_section,
)
from govdocs.document.kinds import Laid, Request
from govdocs.document.labels import Labels
from govdocs.document.layout import layout_date, layout_labels, maker_mark, running_header, town
from govdocs.document.model import (
    Block,
    Document,
    EmbeddedFile,
    Heading,
    KeyValue,
    Metadata,
    PageBreak,
    Paragraph,
    Section,
)
from govdocs.document.redact import is_secret, public_copy
from govdocs.document.transform import demoted
from govdocs.model.common import NotStated
from govdocs.model.decision import Decision, SectionKind
from govdocs.model.layout import HeaderField, Layout, Part
from govdocs.model.meeting import AgendaItem, Attendance, Attendee, Checker, Meeting, Role
from govdocs.publish.lifecycle import masked_personal_data
from govdocs.repository import Repository

__all__ = [
    "build_agenda",
    "build_extract",
    "build_minutes",
    "lay_out_agenda",
    "lay_out_extract",
    "lay_out_minutes",
    "meeting_decisions",
]

_MEMBERS = (Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER)
_OTHERS = (Role.PRESENTER, Role.SECRETARY, Role.EXPERT, Role.OTHER)


def meeting_decisions(repo: Repository, meeting: Meeting) -> list[Decision]:
    """The decision records of the meeting's agenda, in agenda order."""
    return [repo.decisions[i.decision] for i in meeting.agenda if i.decision in repo.decisions]


# --- the cover ---------------------------------------------------------------------


def _body_name(repo: Repository, meeting: Meeting, lang: str) -> str:
    body = repo.makers.get(meeting.body)
    if body is None:
        return meeting.body
    return getattr(body.name, lang, None) or body.name.fi


def _text(labels: Labels, *path: str, **values: object) -> str:
    return str(labels.get("meeting", *path)).format(**values)


def _stated(value: str | NotStated | None) -> str | None:
    return None if value is None or isinstance(value, NotStated) else value


def _when(meeting: Meeting, labels: Labels) -> str:
    day, start, end = fi_date(meeting.date), _stated(meeting.start), _stated(meeting.end)
    if start and end:
        return _text(labels, "time_span", day=day, start=start, end=end)
    if start:
        return _text(labels, "time_from", day=day, start=start)
    return day


def _meeting_data(meeting: Meeting, labels: Labels) -> KeyValue:
    pairs: list[tuple[str, str]] = [(_text(labels, "meeting_time"), _when(meeting, labels))]
    if meeting.breaks:
        spans = ", ".join(_text(labels, "break", start=b.start, end=b.end) for b in meeting.breaks)
        pairs.append((_text(labels, "breaks"), spans))
    place = meeting.place
    if place is not None or meeting.electronic:
        shown = _stated(place) or (_text(labels, "not_stated") if not meeting.electronic else "")
        if meeting.electronic:
            shown = ", ".join(p for p in (shown, _text(labels, "electronic")) if p)
        pairs.append((_text(labels, "place"), shown))
    return KeyValue(pairs, role="meeting-data")


def _title(meeting: Meeting, labels: Labels, kind: str) -> str:
    if meeting.number is None:
        return f"{_text(labels, 'document_type', kind)} {fi_date(meeting.date)}"
    number = _text(labels, "number", number=meeting.number, year=meeting.year)
    return f"{_text(labels, 'document_type', kind)} {number}"


def _cover(repo: Repository, meeting: Meeting, labels: Labels, kind: str) -> tuple[Block, ...]:
    return (
        Paragraph(_body_name(repo, meeting, labels.lang), role="maker"),
        Heading(_title(meeting, labels, kind), level=1, role="title"),
        _meeting_data(meeting, labels),
    )


def _document(
    repo: Repository,
    meeting: Meeting,
    labels: Labels,
    kind: str,
    blocks: Sequence[Block],
    title: str | None = None,
    source: Sequence[EmbeddedFile] = (),
) -> Document:
    doc_type = _text(labels, "document_type", kind)
    body = _body_name(repo, meeting, labels.lang)
    shown_town = town(repo, meeting.id, labels.lang)
    meta = Metadata(
        title=title or f"{body} {_title(meeting, labels, kind)}",
        author=body,
        subject=meeting.label,
        keywords=(doc_type, body, meeting.label),
        lang=labels.lang,
        created=meeting.date,
        doc_type=doc_type,
    )
    layout = repo.layout_of(meeting.id)
    header = running_header(layout, {
        HeaderField.MUNICIPALITY: shown_town, HeaderField.MAKER: body,
        HeaderField.DOCUMENT_TYPE: doc_type, HeaderField.DATE: layout_date(layout, meeting.date),
    })
    return Document(meta=meta, blocks=blocks, header=header, attachments=source)


def _source(repo: Repository, record_id: str, labels: Labels) -> tuple[EmbeddedFile, ...]:
    path = repo.files.get(record_id)
    if path is None:
        return ()
    return (
        EmbeddedFile(
            f"{record_id}.yaml", path.read_bytes(), labels["source_attachment"], "application/yaml", "Source"
        ),
    )


def _public(repo: Repository, doc: Document, decisions: Sequence[Decision], labels: Labels,
            as_of: date | None) -> Document:
    """The web copy on ``as_of``: every item decision's personal data the
    web may not show that day masked, in the whole tree at once (a name one
    item masks is hidden in every item)."""
    personal = list(dict.fromkeys(p for d in decisions for p in masked_personal_data(repo, d, as_of)))
    return public_copy(doc, personal, labels["redacted"])


# --- items -------------------------------------------------------------------------


def _mark(repo: Repository, meeting: Meeting, item: AgendaItem, decision: Decision | None,
          labels: Labels) -> str:
    if decision is not None:
        return section_mark(repo, decision)
    if item.section is not None:
        layout = repo.layout_of(meeting.id)
        return maker_mark(layout, repo.makers.get(meeting.body), item.section, meeting.body)
    return _text(labels, "agenda_number", number=item.number)


def _item_head(repo: Repository, meeting: Meeting, item: AgendaItem, decision: Decision | None,
               labels: Labels) -> list[Block]:
    blocks: list[Block] = [Paragraph(_mark(repo, meeting, item, decision, labels), role="mark")]
    title = decision.title if decision is not None else item.title
    if title:
        blocks.append(Heading(title, level=2, role="title"))
    if decision is not None:
        blocks += case_lines(repo.layout_of(decision.id), labels, decision.case, None)
    else:
        blocks += case_lines(repo.layout_of(meeting.id), labels, item.case, item.task_code)
    return blocks


def _secret_item(item: AgendaItem, decision: Decision | None, public: bool) -> bool:
    if not public:
        return False
    if decision is not None:
        return is_secret(decision.publicity)
    return item.publicity == "ei-julkinen"


def _proposal(decision: Decision | None, item: AgendaItem, labels: Labels, public: bool) -> Iterator[Block]:
    heading = labels.get("sections", "proposal")
    if isinstance(item.proposal, list):
        yield Section(
            tuple(record_block(b) for b in item.proposal), heading, level=3, role="section-proposal"
        )
        return
    stated = [s for s in (decision.sections if decision else []) if s.kind is SectionKind.PROPOSAL]
    if item.proposal is None and stated:
        yield from demoted(tuple(record_section(s, labels, public) for s in stated))
        return
    yield Section(
        (Paragraph(_text(labels, "proposal_not_stated"), role="not-stated"),),
        heading,
        level=3,
        role="section-proposal",
    )


def _presenter(item: AgendaItem, labels: Labels) -> Iterator[Block]:
    if item.presenter:
        yield Section(
            (Paragraph(item.presenter, role="presenter"),), labels["presenter"], level=3, role="presenter"
        )


def _item_decision(repo: Repository, item: AgendaItem, labels: Labels) -> Decision | None:
    """The item's decision in the document's language, if encoded."""
    decision = repo.decisions.get(item.decision or "")
    return None if decision is None else in_language(repo, decision, labels.lang)


def _agenda_item(repo: Repository, meeting: Meeting, item: AgendaItem, labels: Labels,
                 public: bool) -> Section:
    decision = _item_decision(repo, item, labels)
    if _secret_item(item, decision, public):
        if decision is not None:
            return Section(demoted(decision_parts(repo, decision, labels, public=True)), role="item")
        mention = labels.get("publicity_classes", "ei-julkinen")
        return Section(
            (
                Paragraph(_mark(repo, meeting, item, None, labels), role="mark"),
                Paragraph(mention, role="secret-mention"),
            ),
            role="item",
        )
    parts = repo.layout_of(meeting.id).agenda_parts
    if decision is None and parts:
        shown = _Item(repo, meeting, item, labels, public)
        return Section(tuple(b for part in parts for b in _AGENDA_PARTS[part](shown)), role="item")
    blocks = [*_item_head(repo, meeting, item, decision, labels), *_proposal(decision, item, labels, public)]
    if decision is not None:
        blocks += demoted(contact_parts(repo, decision, labels))
    else:
        blocks += _presenter(item, labels)
        blocks += _printed_rest(item, labels, public)
    return Section(blocks, role="item")


@dataclass(frozen=True)
class _Item:
    """What each part of an agenda item without a decision record is built from."""

    repo: Repository
    meeting: Meeting
    item: AgendaItem
    labels: Labels
    public: bool

    @property
    def layout(self) -> Layout:
        return self.repo.layout_of(self.meeting.id)


def _agenda_item_header(i: _Item) -> Iterator[Block]:
    body = _body_name(i.repo, i.meeting, i.labels.lang)
    yield from item_header(body, str(i.labels.get("meeting", "agenda_item_header")),
                           document_type=_text(i.labels, "document_type", "agenda"),
                           date=layout_date(i.layout, i.meeting.date), number=i.item.number)


def _agenda_sections(i: _Item) -> Iterator[Block]:
    """The proposal (with the presenter after its heading where the profile
    says so), then the rest of the printed text."""
    presenter = i.item.presenter if i.layout.presenter_in_proposal else None
    for shown in _proposal(None, i.item, i.labels, i.public):
        if presenter and isinstance(shown, Section):
            shown = presenter_heading(shown, i.labels, presenter)
        yield shown
    if not presenter:
        yield from _presenter(i.item, i.labels)
    yield from demoted(tuple(record_section(s, i.labels, i.public) for s in i.item.text))


_AGENDA_PARTS: dict[Part, Callable[[_Item], Iterable[Block]]] = {
    Part.ITEM_HEADER: _agenda_item_header,
    Part.ATTACHMENT_INDEX: lambda i: attachment_index(i.layout, i.item.attachments, i.item.text, i.labels,
                                                      i.public),
    Part.CASE: lambda i: case_lines(i.layout, i.labels, i.item.case, i.item.task_code),
    Part.MARK: lambda i: (Paragraph(_mark(i.repo, i.meeting, i.item, None, i.labels), role="mark"),),
    Part.TITLE: lambda i: (Heading(i.item.title, level=2, role="title"),) if i.item.title else (),
    Part.CONTACTS: lambda i: demoted(tuple(contacts_section(i.item.contacts, i.labels))),
    Part.SECTIONS: _agenda_sections,
    Part.ATTACHMENTS: lambda i: demoted(tuple(attachments_section(i.item.attachments, i.labels, i.public))),
    Part.DISTRIBUTION: lambda i: demoted(tuple(for_information([], i.labels, i.layout))),
}
"""How each part of an agenda item without a decision record is built (the profile's `agenda_parts`)."""


def _printed_rest(item: AgendaItem, labels: Labels, public: bool) -> Iterator[Block]:
    """An item without a decision record: the rest of its text as the agenda
    printed it (Selostus ...), its contacts and attachments."""
    yield from demoted(tuple(record_section(s, labels, public) for s in item.text))
    yield from demoted((*contacts_section(item.contacts, labels),
                        *attachments_section(item.attachments, labels, public)))


def _outcome(item: AgendaItem, labels: Labels) -> Iterator[Block]:
    said = item.quote or _text(labels, "outcome", item.outcome.value)
    if said:
        yield Paragraph(said, role="outcome")


def _own_mark(repo: Repository, meeting: Meeting, item: AgendaItem, decision: Decision,
              labels: Labels) -> Iterator[Block]:
    """An item's § where its layout does not open the decision's text with
    it (Turku's opens with the table of handlings)."""
    if Part.MARK not in repo.layout_of(decision.id).parts:
        yield Paragraph(_mark(repo, meeting, item, decision, labels), role="mark")


def _minutes_item(repo: Repository, meeting: Meeting, item: AgendaItem, labels: Labels,
                  public: bool) -> Section:
    decision = _item_decision(repo, item, labels)
    if decision is not None:
        parts = demoted(decision_parts(repo, decision, labels, public=public))
        return Section((PageBreak(), *_own_mark(repo, meeting, item, decision, labels), *parts), role="item")
    if _secret_item(item, None, public):
        return _agenda_item(repo, meeting, item, labels, public)
    blocks = (*_item_head(repo, meeting, item, None, labels), *_outcome(item, labels), *_index_appeals(item))
    return Section((PageBreak(), *blocks), role="item")


def _index_appeals(item: AgendaItem) -> Iterator[Block]:
    """The appeal routes the minutes' index prints for an item without a record."""
    for appeal in item.appeals:
        text = f"{appeal.parts}: {appeal.printed}" if appeal.parts else appeal.printed
        yield Paragraph(text, role="appeal-route")


# --- attendance --------------------------------------------------------------------


def _notes(person: Attendee, labels: Labels) -> list[str]:
    notes: list[str] = []
    came, went = person.arrived, person.left
    if came is not None:
        if came.section is not None:
            key = "arrived_time" if came.time else "arrived"
            notes.append(_text(labels, key, time=came.time, section=came.section))
        else:
            notes.append(_text(labels, "arrived_by", section=came.by))
    if went is not None:
        if went.section is not None:
            key = "left_time" if went.time else "left"
            notes.append(_text(labels, key, time=went.time, section=went.section))
        elif went.before is not None:
            notes.append(_text(labels, "left_before", section=went.before))
        else:
            notes.append(_text(labels, "left_time_only", time=went.time))
    if person.sections:
        shown = ", ".join(_text(labels, "section_mark", section=s) for s in person.sections)
        notes.append(_text(labels, "sections_present", sections=shown))
    return notes


def _line(person: Attendee, labels: Labels, role_shown: bool, after_title: Sequence[Role]) -> Paragraph:
    if person.role is Role.DEPUTY:
        head = [_text(labels, "stands_in", member=person.stands_in_for, name=person.name)]
    else:
        role = _text(labels, "roles", person.role.value) if role_shown else ""
        head = [person.name, person.title or role]
        if person.title and person.role in after_title:
            head.append(role)
    return Paragraph(", ".join(p for p in (*head, *_notes(person, labels)) if p), role="attendee")


def _came(person: Attendee) -> bool:
    return person.attendance is Attendance.PRESENT or person.arrived is not None


def _group(
    people: list[Attendee], heading: str, labels: Labels, roles_shown: tuple[Role, ...],
    after_title: Sequence[Role] = (),
) -> Iterator[Block]:
    if people:
        lines = tuple(_line(p, labels, p.role in roles_shown, after_title) for p in people)
        yield Section(lines, heading, level=3, role="attendance-group")


def _attendance(meeting: Meeting, labels: Labels, layout: Layout) -> Iterator[Block]:
    people = meeting.attendance
    if not people:
        return
    members = [p for p in people if p.role in _MEMBERS and _came(p)]
    deputies = [p for p in people if p.role is Role.DEPUTY and _came(p)]
    others = [p for p in people if p.role in _OTHERS]
    present = (
        *_group(members, _text(labels, "members"), labels, (Role.CHAIR, Role.VICE_CHAIR)),
        *_group(deputies, _text(labels, "deputies"), labels, ()),
        *_group(others, _text(labels, "others"), labels, _OTHERS, layout.roles_after_title),
    )
    yield Section(present, _text(labels, "attendance"), role="attendance")
    absent = [p for p in people if p.role in (*_MEMBERS, Role.DEPUTY) and not _came(p)]
    if absent:
        lines = tuple(
            Paragraph(
                ", ".join((p.name, _text(labels, "excused")))
                if p.attendance is Attendance.EXCUSED
                else p.name,
                role="attendee",
            )
            for p in absent
        )
        yield Section(lines, _text(labels, "absent"), role="absent")


# --- signatures, checkers, display ---------------------------------------------------


def _signers(meeting: Meeting, labels: Labels) -> Iterator[Block]:
    lines: list[Block] = []
    for signer in meeting.minutes.signers:
        lines.append(Paragraph(signer.name, role="signature"))
        lines.append(Paragraph(signer.title or _text(labels, "roles", signer.role), role="signature"))
    if lines:
        yield Section(lines, _text(labels, "signatures"), role="signatures")


def _checker_line(checker: Checker, labels: Labels) -> Paragraph:
    parts = [" ".join(p for p in (checker.title, checker.name) if p)]
    if checker.deputy:
        parts.append(_text(labels, "checker_deputy"))
    when = checker.checked
    if when is None:
        parts.append(_text(labels, "not_checked"))
    elif not isinstance(when, NotStated):
        parts.append(_text(labels, "checked", day=fi_date(when)))
    return Paragraph(", ".join(parts), role="checker")


def _checking(meeting: Meeting, labels: Labels) -> Iterator[Block]:
    minutes = meeting.minutes
    lines: list[Block] = [_checker_line(c, labels) for c in minutes.checkers]
    if minutes.display is not None:
        lines.append(Paragraph(_text(labels, "display", day=fi_date(minutes.display)), role="display"))
    if lines:
        yield Section(lines, _text(labels, "checking"), role="checking")


# --- the documents -------------------------------------------------------------------


def _labels(repo: Repository, meeting: Meeting, lang: str | None) -> Labels:
    return layout_labels(repo, meeting.id, lang or meeting.language)


def build_agenda(
    repo: Repository, meeting: Meeting, *, public: bool = False, lang: str | None = None,
    as_of: date | None = None,
) -> Document:
    """The agenda: the cover, then each item in order with its §
    (or agenda number), title, diary number, proposal (or a label saying
    the agenda states none), presenter and contacts."""
    labels = _labels(repo, meeting, lang)
    meeting = in_language(repo, meeting, labels.lang)
    items = tuple(_agenda_item(repo, meeting, item, labels, public) for item in meeting.agenda)
    listed = Section(items, _text(labels, "items"), role="items") if items else None
    doc = _document(
        repo,
        meeting,
        labels,
        "agenda",
        (*_cover(repo, meeting, labels, "agenda"), *((listed,) if listed else ())),
    )
    return _public(repo, doc, meeting_decisions(repo, meeting), labels, as_of) if public else doc


def build_minutes(
    repo: Repository, meeting: Meeting, *, public: bool = False, lang: str | None = None,
    as_of: date | None = None,
) -> Document:
    """The minutes: the cover with the meeting's data, attendance and
    absences, every item's full text as its decision document gives it
    (appeal instructions included), then the signers, the checkers and the
    display day. The record copy embeds the meeting record."""
    labels = _labels(repo, meeting, lang)
    meeting = in_language(repo, meeting, labels.lang)
    blocks = (
        *_cover(repo, meeting, labels, "minutes"),
        *_attendance(meeting, labels, repo.layout_of(meeting.id)),
        *(_minutes_item(repo, meeting, item, labels, public) for item in meeting.agenda),
        *_signers(meeting, labels),
        *_checking(meeting, labels),
    )
    source = () if public else _source(repo, meeting.id, labels)
    doc = _document(repo, meeting, labels, "minutes", blocks, source=source)
    return _public(repo, doc, meeting_decisions(repo, meeting), labels, as_of) if public else doc


def build_extract(
    repo: Repository,
    decision: Decision,
    *,
    recipient: str | None = None,
    public: bool = False,
    lang: str | None = None,
    as_of: date | None = None,
) -> Document:
    """The extract of one item: the meeting's data, the recipient
    (``recipient``, else every recipient of the decision's Otteet), the
    item's text with its appeal instructions."""
    meeting = repo.meeting_of(decision.id)
    if meeting is None:
        raise LookupError(f"decision '{decision.id}' is on no meeting's agenda")
    labels = _labels(repo, meeting, lang)
    meeting = in_language(repo, meeting, labels.lang)
    decision = in_language(repo, decision, labels.lang)
    recipients = [recipient] if recipient else [e.to for e in decision.distribution.extracts]
    blocks: list[Block] = [*_cover(repo, meeting, labels, "extract")]
    if recipients:
        lines = tuple(Paragraph(name, role="recipient") for name in recipients)
        blocks.append(Section(lines, _text(labels, "recipients"), role="recipients"))
    blocks.append(Section(demoted(decision_parts(repo, decision, labels, public=public)), role="item"))
    title = f"{_text(labels, 'document_type', 'extract')}: {decision.title}"
    source = () if public else _source(repo, decision.id, labels)
    doc = _document(repo, meeting, labels, "extract", blocks, title=title, source=source)
    return _public(repo, doc, [decision], labels, as_of) if public else doc


def _meeting(repo: Repository, meeting_id: str) -> Meeting:
    from govdocs.problems import did_you_mean

    if meeting_id not in repo.meetings:
        raise LookupError(f"no meeting '{meeting_id}'{did_you_mean(meeting_id, repo.meetings)}")
    return repo.meetings[meeting_id]


def lay_out_agenda(repo: Repository, request: Request) -> Laid:
    """The agenda kind's row in :data:`govdocs.document.kinds.KINDS`."""
    meeting = _meeting(repo, request.subject)
    return Laid(build_agenda(repo, meeting, public=request.public, lang=request.lang, as_of=request.as_of))


def lay_out_minutes(repo: Repository, request: Request) -> Laid:
    """The minutes kind's row in :data:`govdocs.document.kinds.KINDS`."""
    meeting = _meeting(repo, request.subject)
    return Laid(build_minutes(repo, meeting, public=request.public, lang=request.lang, as_of=request.as_of))


def lay_out_extract(repo: Repository, request: Request) -> Laid:
    """The extract kind's row: ``request.subject`` is the item's decision."""
    from govdocs.problems import did_you_mean

    decision = repo.decisions.get(request.subject)
    if decision is None:
        raise LookupError(f"no decision '{request.subject}'{did_you_mean(request.subject, repo.decisions)}")
    doc = build_extract(repo, decision, recipient=request.recipient, public=request.public, lang=request.lang,
                          as_of=request.as_of)
    return Laid(doc)
