"""The decision builder: a decision record → the document tree.

Every layout decision about a decision document is made here, once:
which parts appear and in which order (the municipality's layout profile,
``templates/layouts``; Helsinki's anatomy is DOMAIN.md § 2), their labels
(``templates/labels``), the § mark (``59 §`` / ``§ 898``), dates
(``24.8.2016``), the appeal text and what the public web copy hides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from govdocs.describe import fi_date, section_mark
from govdocs.document.appeal import appeal_blocks, appeal_problems
from govdocs.document.kinds import Laid, Request
from govdocs.document.labels import Labels
from govdocs.document.layout import handling_mark, layout_date, layout_labels, running_header, town
from govdocs.document.model import (
    Block,
    BulletList,
    Document,
    EmbeddedFile,
    Heading,
    Metadata,
    Notice,
    Paragraph,
    RunningHeader,
    Section,
    Table,
)
from govdocs.document.redact import is_secret, mention, public_copy
from govdocs.model.common import NotStated
from govdocs.model.decision import (
    Appeal,
    Attachment,
    Contact,
    Decision,
    ListBlock,
    NumberedBlock,
    Publicity,
    PublicityClass,
    SectionKind,
    TableBlock,
)
from govdocs.model.decision import Block as RecordBlock
from govdocs.model.decision import Section as RecordSection
from govdocs.model.items import BodyPresenter
from govdocs.model.layout import HeaderField, Layout, Part
from govdocs.model.meeting import Meeting
from govdocs.model.registry import Names
from govdocs.problems import Problem, RecordsInvalid
from govdocs.publish.lifecycle import masked_personal_data
from govdocs.repository import Origin, Repository
from govdocs.swedish import R
from govdocs.swedish import in_language as _translated
from govdocs.swedish import missing as _missing_swedish

__all__ = [
    "attachment_index",
    "attachments_section",
    "case_lines",
    "build_decision",
    "contact_parts",
    "contacts_section",
    "decision_parts",
    "for_information",
    "in_language",
    "item_header",
    "presenter_heading",
    "language_problems",
    "lay_out",
    "record_block",
    "record_section",
    "with_presenter",
]


def _name(names: Names, lang: str) -> str:
    return getattr(names, lang, None) or names.fi


def _maker_name(repo: Repository, decision: Decision, lang: str) -> str:
    maker = repo.makers.get(decision.maker)
    return _name(maker.name, lang) if maker else decision.maker


def _stated_date(decision: Decision) -> date | None:
    return None if isinstance(decision.date, NotStated) else decision.date


def _mention(labels: Labels, publicity: Publicity) -> str:
    return mention(publicity, labels.lang)


# --- parts ---------------------------------------------------------------------


def record_block(block: RecordBlock) -> Block:
    """One block of a record's text as a document block."""
    if isinstance(block, str):
        return Paragraph(block)
    if isinstance(block, ListBlock):
        return BulletList(tuple(block.list))
    if isinstance(block, NumberedBlock):
        return BulletList(tuple(block.numbered), ordered=True)
    if isinstance(block, TableBlock):
        return Table(tuple(block.table.columns), tuple(tuple(row) for row in block.table.rows), role="table")
    return Heading(block.subheading, level=3, role="subheading")


def record_section(section: RecordSection, labels: Labels, public: bool) -> Section:
    """One section of a record's text, a secret one as its mention (``public``: only the mention)."""
    heading = section.heading or labels.get("sections", section.kind.value)
    role = f"section-{section.kind.value}"
    if section.publicity is None or section.publicity.class_ is PublicityClass.PUBLIC:
        return Section(tuple(record_block(b) for b in section.body), heading, role=role)
    note = Paragraph(_mention(labels, section.publicity), role="secret-mention")
    if public:
        # A free section's own heading ('Terveydentila') may tell the secret.
        shown = labels["secret_section"] if section.kind is SectionKind.FREE else labels.get(
            "sections", section.kind.value)
        return Section((note,), shown, role=role)
    body = tuple(record_block(b) for b in section.body)
    return Section((Notice(note.content, kind="note", role="secret-mention"), *body), heading, role=role)


def _mark(c: _Context) -> Iterator[Block]:
    yield Paragraph(section_mark(c.repo, c.decision), role="mark")


def _title(c: _Context) -> Iterator[Block]:
    yield Heading(c.decision.title, level=1, role="title")


def case_lines(layout: Layout, labels: Labels, case: str | None, task_code: str | None) -> Iterator[Block]:
    """The diary number with the task code ('730/2017 T 00.01.01.00'), or
    each on a line of its own where the profile says so (`task_code_line`)."""
    if layout.task_code_line:
        yield from (Paragraph(line, role="case") for line in (case, task_code) if line)
        return
    code = f" {labels['task_code_prefix']} {task_code}" if task_code else ""
    if case or code:
        yield Paragraph(f"{case or ''}{code}".strip(), role="case")


def _case(c: _Context) -> Iterator[Block]:
    decision, labels = c.decision, c.labels
    yield from case_lines(c.layout, labels, decision.case, decision.task_code)
    if decision.project_number:
        yield Paragraph(f"{labels['project_number_prefix']} {decision.project_number}", role="case")
    if decision.facta:
        yield Paragraph(f"{labels['facta_prefix']} {decision.facta}", role="case")


def _signature(decision: Decision, labels: Labels) -> Iterator[Block]:
    signature = decision.signature
    if signature is None or isinstance(signature, NotStated):
        return
    lines = [Paragraph(signature.name, role="signature"), Paragraph(signature.title, role="signature")]
    if signature.electronic:
        lines.insert(0, Paragraph(labels["signed_electronically"], role="signature-note"))
    yield Section(tuple(lines), role="signature")


def _contacts(repo: Repository, decision: Decision, labels: Labels,
              presenter_shown: bool = True) -> Iterator[Block]:
    presenter = decision.presenter if presenter_shown else None
    if isinstance(presenter, BodyPresenter):
        name = _body_presenter(repo, presenter, labels)
        yield Section((Paragraph(name, role="presenter"),), labels["presenter"], role="presenter")
    elif presenter is not None:
        lines = (Paragraph(presenter.title, role="presenter"), Paragraph(presenter.name, role="presenter"))
        yield Section(lines, labels["presenter"], role="presenter")
    yield from contacts_section(decision.contacts, labels)


def _body_presenter(repo: Repository, presenter: BodyPresenter, labels: Labels) -> str:
    """A presenting body's name, or its office: 'Kaupunginvaltuuston puheenjohtaja'."""
    body = repo.makers.get(presenter.body)
    name = _name(body.name, labels.lang) if body else presenter.body
    if presenter.office is not None and body is not None:
        genitive = body.name.genitive or name if labels.lang == "fi" else name
        office = str(labels["body_offices"][presenter.office]).format(name=name, genitive=genitive)
        name = office[:1].upper() + office[1:]
    return name


def contacts_section(contacts: Sequence[Contact], labels: Labels) -> Iterator[Block]:
    """Lisätiedot: one line per contact, its e-mail under it."""
    blocks: list[Block] = []
    for contact in contacts:
        parts = [contact.name, contact.title or ""]
        if contact.phone:
            parts.append(str(labels["phone_line"]).format(number=contact.phone))
        blocks.append(Paragraph(", ".join(p for p in parts if p), role="contact"))
        if contact.email:
            blocks.append(Paragraph(contact.email, role="contact-email"))
    if blocks and labels["contacts_note"]:
        blocks.append(Paragraph(str(labels["contacts_note"]), role="contact-email"))
    if blocks:
        yield Section(tuple(blocks), labels["contacts"], role="contacts")


def _attachment_line(item: Attachment, labels: Labels) -> Paragraph:
    text = str(labels["attachment_line"]).format(number=item.number, title=item.title)
    if item.publicity.class_ is not PublicityClass.PUBLIC:
        text += f" ({_mention(labels, item.publicity)})"
    return Paragraph(text, role="attachment-line")


def _attachments(decision: Decision, labels: Labels, public: bool) -> Iterator[Block]:
    yield from attachments_section(decision.attachments, labels, public)


def attachment_index(layout: Layout, attachments: Sequence[Attachment], sections: Sequence[RecordSection],
                     labels: Labels, public: bool) -> Iterator[Block]:
    """The titles of the item's files under ``attachment_index``: its
    attachments, then the list entries of the sections the profile's
    `index_sections` names (Oheismateriaali)."""
    titles = [a.title for a in attachments if not (public and a.personal)]
    titles += [entry for s in sections if s.heading in layout.index_sections
               for b in s.body if isinstance(b, ListBlock) for entry in b.list]
    line = str(labels["attachment_index_line"])
    if titles:
        lines = tuple(Paragraph(line.format(title=t), role="attachment-line") for t in titles)
        yield Section(lines, labels["attachment_index"], role="attachment-index")


def item_header(maker: str, pattern: str, **values: object) -> Iterator[Block]:
    """The item's own header: the maker and the line ``pattern`` words from
    ``values`` (document_type, date, number)."""
    yield Paragraph(maker, role="item-header")
    yield Paragraph(pattern.format(**values), role="item-header")


def _item_header(c: _Context) -> Iterator[Block]:
    day = _stated_date(c.decision)
    yield from item_header(_maker_name(c.repo, c.decision, c.labels.lang), str(c.labels["item_header"]),
                           document_type=c.labels.get("document_type", c.decision.handling.value),
                           date=layout_date(c.layout, day) if day else "", number=c.decision.number)


def _earlier_handlings(c: _Context) -> Iterator[Block]:
    """Each earlier handling as the profile's `earlier_handling` lines."""
    for entry in c.decision.history:
        found = c.repo.makers.get(entry.maker or "")
        maker = _name(found.name, c.labels.lang) if found else (entry.maker_name or entry.maker or "")
        day = fi_date(entry.date) if entry.date else ""
        values = {"maker": maker, "number": entry.number or "", "date": day}
        lines = (line.format(**values).strip() for line in c.layout.earlier_handling)
        yield Section(tuple(Paragraph(line, role="earlier-handling") for line in lines if line),
                      role="earlier-handling")


def attachments_section(attachments: Sequence[Attachment], labels: Labels, public: bool) -> Iterator[Block]:
    """Liitteet, the personal ones left out of the public copy."""
    shown = [a for a in attachments if not (public and a.personal)]
    if shown:
        yield Section(tuple(_attachment_line(a, labels) for a in shown), labels["attachments"],
                      role="attachments")


def _appeal(repo: Repository, decision: Decision, labels: Labels) -> Iterator[Block]:
    if isinstance(decision.appeal, Appeal):
        text = appeal_blocks(repo, decision, decision.appeal, labels.lang)
        yield Section(text.blocks, labels["appeal"], role="appeal")


def _appeal_problems(repo: Repository, decision: Decision, lang: str) -> list[Problem]:
    """A rendering in ``lang`` needs the route's appeal text in it
    (`govdocs.document.appeal.appeal_problems`: `appeal-language`)."""
    return [p for p in appeal_problems(repo, decision, lang) if p.is_error]


def language_problems(repo: Repository, record: Decision | Meeting, lang: str | None) -> list[Problem]:
    """What ``record`` (a decision or a meeting) lacks to be rendered in
    ``lang`` (default: its own language): every Finnish text without its
    Swedish, and a decision's missing Swedish appeal text; located, all at
    once."""
    if lang is None or lang == record.language:
        return []
    found = _missing_swedish(repo.origins[record.id], record, lang)
    found += _unnamed(repo, record, lang)
    if isinstance(record, Decision):
        return found or _appeal_problems(repo, record, lang)
    return found


def _unnamed(repo: Repository, record: Decision | Meeting, lang: str) -> list[Problem]:
    """The bodies the document names (its maker or meeting's body, a
    presenting body) without their name in ``lang`` in registry.yaml."""
    ids = [record.maker if isinstance(record, Decision) else record.body]
    if isinstance(record, Decision) and isinstance(record.presenter, BodyPresenter):
        ids.append(record.presenter.body)
    if lang != "sv":
        return []
    found = [
        repo.registry_origin("decision_makers", rid).problem(
            f"'{rid}' has no Swedish name: add 'sv' to its name in registry.yaml "
            "(the Swedish rendering does not mix languages)", "name", key=True, code="swedish-missing")
        for rid in dict.fromkeys(ids)
        if rid in repo.makers and not repo.makers[rid].name.sv
    ]
    registry = repo.registry_of(record.id)
    if not registry.municipality.name.sv:
        doc = next(doc for held, doc in repo.registries if held is registry)
        found.append(Origin(doc, ("municipality",)).problem(
            "the municipality has no Swedish name: add 'sv' to its name in registry.yaml "
            "(the Swedish rendering does not mix languages)", "name", key=True, code="swedish-missing"))
    return found


def in_language(repo: Repository, record: R, lang: str | None) -> R:
    """``record`` (a decision or a meeting) as its text in ``lang`` says it
    (see :func:`govdocs.swedish.in_language`); RecordsInvalid with every gap
    located when a text in that language is missing, so a document is never
    half Swedish, half Finnish."""
    found = language_problems(repo, record, lang)
    if found:
        raise RecordsInvalid(found)
    return _translated(repo.origins[record.id], record, lang)


def _distribution(decision: Decision, labels: Labels, layout: Layout) -> Iterator[Block]:
    extracts = decision.distribution.extracts
    if extracts:
        rows = tuple((e.to, "\n".join(e.attachments)) for e in extracts)
        table = Table(tuple(labels["extract_columns"]), rows, role="extracts")
        yield Section((table,), labels["extracts"], role="extracts")
    yield from for_information(decision.distribution.for_information, labels, layout)


def for_information(units: Sequence[str], labels: Labels, layout: Layout) -> Iterator[Block]:
    """Tiedoksi and its units; the heading alone where the profile prints it empty."""
    if units or layout.empty_for_information:
        lines = tuple(Paragraph(unit, role="distribution") for unit in units)
        yield Section(lines, labels["for_information"], role="for-information")


# --- the document ----------------------------------------------------------------


def _metadata(repo: Repository, decision: Decision, labels: Labels, doc_type: str) -> Metadata:
    maker = _maker_name(repo, decision, labels.lang)
    keywords = tuple(k for k in (doc_type, maker, decision.case, decision.task_code) if k)
    return Metadata(
        title=decision.title, author=maker, subject=decision.case or "", keywords=keywords,
        lang=decision.language, created=_stated_date(decision), doc_type=doc_type,
    )


def _header(repo: Repository, decision: Decision, labels: Labels, doc_type: str) -> RunningHeader:
    layout = repo.layout_of(decision.id)
    day = _stated_date(decision)
    return running_header(layout, {
        HeaderField.MUNICIPALITY: town(repo, decision.id, labels.lang),
        HeaderField.MAKER: _maker_name(repo, decision, labels.lang),
        HeaderField.DOCUMENT_TYPE: doc_type,
        HeaderField.DATE: layout_date(layout, day) if day else None,
    })


def _source_file(repo: Repository, decision: Decision, labels: Labels) -> tuple[EmbeddedFile, ...]:
    path = repo.files.get(decision.id)
    if path is None:
        return ()
    return (EmbeddedFile(f"{decision.id}.yaml", path.read_bytes(), labels["source_attachment"],
                         "application/yaml", "Source"),)


def _publicity_note(decision: Decision, labels: Labels) -> Iterator[Block]:
    # The record copy of a decision that is not public says so at the top, as its sections do.
    if decision.publicity.class_ is not PublicityClass.PUBLIC:
        yield Notice(_mention(labels, decision.publicity), kind="note", role="secret-mention")


def _secret_parts(repo: Repository, decision: Decision, labels: Labels) -> tuple[Block, ...]:
    """What the public copy shows of a secret decision: its §, public title
    (if the record gives one), diary number and the mention with its legal
    basis; nothing else."""
    title = decision.public_title or labels["secret_decision"]
    blocks: list[Block] = [Paragraph(section_mark(repo, decision), role="mark"),
                           Heading(title, level=1, role="title")]
    if decision.case:
        blocks.append(Paragraph(decision.case, role="case"))
    blocks.append(Paragraph(_mention(labels, decision.publicity), role="secret-mention"))
    return tuple(blocks)


def _secret_decision(repo: Repository, decision: Decision, labels: Labels, doc_type: str) -> Document:
    """The public copy of a secret decision: who decided it, when, and
    :func:`_secret_parts`."""
    title = decision.public_title or labels["secret_decision"]
    meta = replace(_metadata(repo, decision, labels, doc_type), title=title)
    return Document(meta=meta, header=_header(repo, decision, labels, doc_type),
                    blocks=_secret_parts(repo, decision, labels))


def build_decision(repo: Repository, decision: Decision, *, public: bool = False,
                   lang: str | None = None, as_of: date | None = None) -> Document:
    """The document tree of ``decision``: the complete record copy, or with
    ``public`` the web copy (a secret decision only as a mention; secret
    sections as mentions; personal attachments left out; personal data
    masked in every field, metadata included; no embedded source). ``lang``
    renders the decision in that language: its labels, and its text in
    that language (RecordsInvalid, located, where one is missing).
    ``as_of`` (default today) is the day the web copy is for: the
    ``published_personal_data`` it still shows (`govdocs.publish.lifecycle`)."""
    labels = layout_labels(repo, decision.id, lang or decision.language)
    decision = in_language(repo, decision, labels.lang)
    doc_type = labels.get("document_type", decision.handling.value)
    if public and is_secret(decision.publicity):
        doc = _secret_decision(repo, decision, labels, doc_type)
    else:
        doc = _document(repo, decision, labels, doc_type, public)
    if not public:
        return doc
    return public_copy(doc, masked_personal_data(repo, decision, as_of), labels["redacted"])


def decision_parts(repo: Repository, decision: Decision, labels: Labels, *,
                   public: bool = False, embedded: bool = True) -> tuple[Block, ...]:
    """The decision's own parts in the order of its municipality's layout
    profile (Helsinki's: §, title, diary number, sections, signature,
    presenter and contacts, attachments, appeal, extracts): the body of
    its document, and the text of its item in a meeting's minutes or
    extract, so both say the same word for word. With ``public`` the web
    copy's layout choices (a secret decision as a mention, secret sections
    as mentions, personal attachments left out); personal data is masked later, once, on the whole tree.
    ``embedded``: laid inside another document (minutes, an extract), so a
    table of handlings states no page of its own. In the language of
    ``labels`` (see :func:`in_language`)."""
    decision = in_language(repo, decision, labels.lang)
    if public and is_secret(decision.publicity):
        return _secret_parts(repo, decision, labels)
    context = _Context(repo, decision, labels, public, repo.layout_of(decision.id), embedded)
    return tuple(_laid_out(context, context.layout.parts))


@dataclass(frozen=True)
class _Context:
    """What every part of a decision document is built from."""

    repo: Repository
    decision: Decision
    labels: Labels
    public: bool
    layout: Layout
    embedded: bool = False


def _laid_out(c: _Context, parts: Iterable[Part]) -> Iterator[Block]:
    for part in parts:
        yield from _PARTS[part](c)


# --- the parts of a case with several handlings (Turku) ---------------------------------


def _text_sections(c: _Context, part: Part) -> Iterator[Block]:
    """The sections a section part shows: all (``sections``), the summary,
    those before the proposal or decision, or those from it on; the
    summary only in its own part where the profile has one."""
    apart = Part.SUMMARY in c.layout.parts
    if part is Part.SUMMARY:
        shown = [s for s in c.decision.sections if s.kind is SectionKind.SUMMARY]
    else:
        shown = [s for s in c.decision.sections if not (apart and s.kind is SectionKind.SUMMARY)]
    if part in (Part.LEADING_SECTIONS, Part.CLOSING_SECTIONS):
        cut = next((i for i, s in enumerate(shown) if s.kind in c.layout.split_before), len(shown))
        shown = shown[:cut] if part is Part.LEADING_SECTIONS else shown[cut:]
    presenter = _presenter_text(c) if c.layout.presenter_in_proposal else None
    return (with_presenter(record_section(s, c.labels, c.public), s, c.labels, presenter) for s in shown)


def with_presenter(shown: Section, section: RecordSection, labels: Labels, presenter: str | None) -> Section:
    """A proposal section under its label, with ``presenter`` after the
    heading on its line ('Päätösehdotus Kaupunginjohtaja Jukka Mäkelä')."""
    if presenter is None or section.kind is not SectionKind.PROPOSAL or section.heading:
        return shown
    return presenter_heading(shown, labels, presenter)


def presenter_heading(shown: Section, labels: Labels, presenter: str) -> Section:
    """``shown`` with ``presenter`` after its heading (label ``proposal_presenter``)."""
    heading = str(labels["proposal_presenter"]).format(heading=shown.heading, presenter=presenter)
    return Section(shown.blocks, heading, level=shown.level, role=shown.role)


def _presenter_text(c: _Context) -> str | None:
    """The presenter on one line: 'Kaupunginjohtaja Jukka Mäkelä', a body by its name."""
    presenter = c.decision.presenter
    if isinstance(presenter, BodyPresenter):
        return _body_presenter(c.repo, presenter, c.labels)
    return None if presenter is None else f"{presenter.title} {presenter.name}"


def _presenter_line(c: _Context) -> Iterator[Block]:
    presenter = c.decision.presenter
    if presenter is not None and not isinstance(presenter, BodyPresenter):
        line = str(c.labels["presenter_line"]).format(title=presenter.title, name=presenter.name)
        yield Paragraph(line, role="presenter")


def _own_mark(c: _Context) -> str:
    maker = c.repo.makers.get(c.decision.maker)
    return handling_mark(c.layout, maker, c.decision.number, c.decision.maker)


def _handling_mark(c: _Context) -> Iterator[Block]:
    yield Paragraph(_own_mark(c), role="mark")


def _earlier(c: _Context) -> Iterator[_Context]:
    """The contexts of the earlier handlings whose records the repository holds."""
    for entry in c.decision.history:
        earlier = c.repo.decisions.get(entry.decision or "")
        if earlier is not None:
            yield replace(c, decision=earlier)


def _history(c: _Context) -> Iterator[Block]:
    for sub in _earlier(c):
        yield from _handling_mark(sub)
        if c.public and is_secret(sub.decision.publicity):
            yield Paragraph(_mention(c.labels, sub.decision.publicity), role="secret-mention")
        else:
            yield from _laid_out(sub, c.layout.handling_parts)


def _handling_row(c: _Context, maker: str, name: str | None, number: int | None, day: date | None,
                  item: int | None) -> tuple[str, ...]:
    found = c.repo.makers.get(maker)
    shown = _name(found.name, c.labels.lang) if found else (name or maker)
    cells = (shown, str(number or ""), layout_date(c.layout, day) if day else "", str(item or ""))
    return (*cells, "") if _page_column(c) else cells


def _page_column(c: _Context) -> bool:
    """The table of handlings ends with the page it stands on: the first
    page of the decision's own document, never a page of minutes."""
    return bool(c.layout.handlings and c.layout.handlings.page_column and not c.embedded)


def _handlings(c: _Context) -> Iterator[Block]:
    table, decision = c.layout.handlings, c.decision
    if table is None:
        return
    rows = [_handling_row(c, e.maker or "", e.maker_name, e.number, e.date, e.item_number)
            for e in decision.history]
    rows.append(_handling_row(c, decision.maker, None, decision.number, _stated_date(decision),
                              decision.item_number))
    page = ("1",) if _page_column(c) else ()
    columns = (town(c.repo, decision.id, c.labels.lang), *table.columns, *page)
    yield Table(columns, rows, role="handlings")


def _handling_attachments(c: _Context) -> Iterator[Block]:
    blocks: list[Block] = []
    for sub in (*_earlier(c), c):
        shown = [a for a in sub.decision.attachments if not (c.public and a.personal)]
        if shown:
            blocks.append(Paragraph(_own_mark(sub), role="attachment-group"))
            blocks.extend(_attachment_line(a, c.labels) for a in shown)
    if blocks:
        yield Section(blocks, c.labels["attachments"], role="attachments")


_PARTS: dict[Part, Callable[[_Context], Iterable[Block]]] = {
    Part.ITEM_HEADER: _item_header,
    Part.ATTACHMENT_INDEX: lambda c: attachment_index(c.layout, c.decision.attachments, c.decision.sections,
                                                      c.labels, c.public),
    Part.EARLIER_HANDLINGS: _earlier_handlings,
    Part.MARK: _mark,
    Part.TITLE: _title,
    Part.CASE: _case,
    Part.PUBLICITY_NOTE: lambda c: _publicity_note(c.decision, c.labels),
    Part.SECTIONS: lambda c: _text_sections(c, Part.SECTIONS),
    Part.SUMMARY: lambda c: _text_sections(c, Part.SUMMARY),
    Part.LEADING_SECTIONS: lambda c: _text_sections(c, Part.LEADING_SECTIONS),
    Part.CLOSING_SECTIONS: lambda c: _text_sections(c, Part.CLOSING_SECTIONS),
    Part.PRESENTER_LINE: _presenter_line,
    Part.HANDLINGS: _handlings,
    Part.HISTORY: _history,
    Part.HANDLING_MARK: _handling_mark,
    Part.HANDLING_ATTACHMENTS: _handling_attachments,
    Part.SIGNATURE: lambda c: _signature(c.decision, c.labels),
    Part.CONTACTS: lambda c: _contacts(c.repo, c.decision, c.labels, not c.layout.presenter_in_proposal),
    Part.ATTACHMENTS: lambda c: _attachments(c.decision, c.labels, c.public),
    Part.APPEAL: lambda c: _appeal(c.repo, c.decision, c.labels),
    Part.DISTRIBUTION: lambda c: _distribution(c.decision, c.labels, c.layout),
}
"""How each part of a layout profile is built (:class:`govdocs.model.layout.Part`)."""


def contact_parts(repo: Repository, decision: Decision, labels: Labels) -> tuple[Block, ...]:
    """The presenter (Esittelijä) and the contacts (Lisätiedot) of ``decision``."""
    return tuple(_contacts(repo, in_language(repo, decision, labels.lang), labels))


def _document(repo: Repository, decision: Decision, labels: Labels, doc_type: str, public: bool) -> Document:
    return Document(
        meta=_metadata(repo, decision, labels, doc_type),
        header=_header(repo, decision, labels, doc_type),
        blocks=decision_parts(repo, decision, labels, public=public, embedded=False),
        attachments=() if public else _source_file(repo, decision, labels),
    )


def lay_out(repo: Repository, request: Request) -> Laid:
    """The decision kind's row in :data:`govdocs.document.kinds.KINDS`: the
    tree of decision ``request.subject`` and its completeness warnings."""
    from govdocs.document.completeness import completeness

    decision = repo.decisions[request.subject]
    doc = build_decision(repo, decision, public=request.public, lang=request.lang, as_of=request.as_of)
    return Laid(doc, problems=completeness(repo, decision))
