"""The in-memory repository: every record, the registry, and where each
record came from (file, line, column)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govdocs.model.decision import Decision, FollowUp
from govdocs.model.effects import Mandate, MandateChange, Obligation, Reporting, Task, Transfer
from govdocs.model.initiatives import Initiative
from govdocs.model.items import Motion
from govdocs.model.meeting import Meeting
from govdocs.model.registry import DecisionMaker, Function, Organisation, Person, Registry
from govdocs.problems import Problem, Span
from govdocs.read.yamlsource import DataPath, SourceDoc


@dataclass(frozen=True)
class Origin:
    """Where a record sits: its file (as shown in messages), its data path
    in that file, and the source document for exact positions."""

    doc: SourceDoc
    path: DataPath

    @property
    def file(self) -> str:
        return self.doc.file

    def span(self, *sub: str | int, key: bool = False) -> Span | None:
        return self.doc.span((*self.path, *sub), key=key)

    def where(self, *sub: str | int) -> str:
        span = self.span(*sub)
        return f"{self.file}:{span.line}:{span.column}" if span else self.file

    def problem(self, message: str, *sub: str | int, key: bool = False, **kw: Any) -> Problem:
        return Problem(self.file, self.span(*sub, key=key), message, **kw)


@dataclass
class Repository:
    """All records of one repository, loaded and schema-checked.

    ``records`` maps every id (decision, follow-up, mandate, task, transfer,
    obligation, initiative, reference, mandate change) to its model; ``origins`` maps
    the same ids to where they were written."""

    root: Path
    registry: Registry
    registry_doc: SourceDoc
    decisions: dict[str, Decision] = field(default_factory=dict)
    followups: dict[str, FollowUp] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    records: dict[str, object] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    owner: dict[str, str] = field(default_factory=dict)
    """Sub-record id → id of the decision or follow-up that holds it."""
    files: dict[str, Path] = field(default_factory=dict)
    """Decision/follow-up id → its file on disk."""
    problems: list[Problem] = field(default_factory=list)
    files_read: int = 0
    """How many record files were read (loaded or not)."""
    registry_ok: bool = True
    """False when registry.yaml could not be read; rules that need it are skipped."""

    # --- registry look-ups -------------------------------------------------
    @property
    def organisations(self) -> dict[str, Organisation]:
        return _index(self, "organisations")

    @property
    def makers(self) -> dict[str, DecisionMaker]:
        return _index(self, "decision_makers")

    @property
    def people(self) -> dict[str, Person]:
        return _index(self, "people")

    @property
    def functions(self) -> dict[str, Function]:
        return _index(self, "functions")

    def registry_origin(self, section: str, item_id: str) -> Origin:
        items = getattr(self.registry, section)
        index = next(i for i, item in enumerate(items) if item.id == item_id)
        return Origin(self.registry_doc, (section, index))

    # --- record look-ups ---------------------------------------------------
    def decision_of(self, record_id: str) -> Decision | None:
        """The decision that holds a sub-record (or is the record)."""
        return self.decisions.get(self.owner.get(record_id, record_id))

    def meeting_of(self, decision_id: str) -> Meeting | None:
        """The meeting whose agenda holds decision ``decision_id``: the one
        the decision names, else the one whose agenda points at it."""
        decision = self.decisions.get(decision_id)
        if decision is not None and decision.meeting in self.meetings:
            return self.meetings[decision.meeting]
        index: dict[str, str] = self.__dict__.setdefault("_meeting_index", {})
        if not index:
            for mid, meeting in self.meetings.items():
                for item in meeting.agenda:
                    if item.decision:
                        index.setdefault(item.decision, mid)
        found = index.get(decision_id)
        return self.meetings[found] if found else None

    def where(self, record_id: str, *sub: str | int) -> str:
        return self.origins[record_id].where(*sub)

    def iter(self, kind: type) -> Iterator[tuple[str, Any]]:
        yield from self.of_kind(kind).items()

    def of_kind(self, kind: type) -> dict[str, Any]:
        """Every record of one kind, by id, in reading order. Built once per
        kind (rules look these up in loops) and rebuilt only after `add`."""
        cache: dict[type, dict[str, Any]] = self.__dict__.setdefault("_kind_cache", {})
        if kind not in cache:
            cache[kind] = {rid: rec for rid, rec in self.records.items() if isinstance(rec, kind)}
        return cache[kind]

    def add(self, rid: str, record: object, origin: Origin, owner: str) -> None:
        """Register a record read from ``origin``, held by ``owner``."""
        self.records[rid] = record
        self.origins[rid] = origin
        self.owner[rid] = owner
        self.__dict__.pop("_kind_cache", None)
        self.__dict__.pop("_meeting_index", None)

    @property
    def transfers(self) -> dict[str, Transfer]:
        return self.of_kind(Transfer)

    @property
    def obligations(self) -> dict[str, Obligation]:
        return self.of_kind(Obligation)

    @property
    def mandates(self) -> dict[str, Mandate]:
        return self.of_kind(Mandate)

    @property
    def mandate_changes(self) -> dict[str, MandateChange]:
        return self.of_kind(MandateChange)

    @property
    def tasks(self) -> dict[str, Task]:
        return self.of_kind(Task)

    @property
    def reporting_duties(self) -> dict[str, Reporting]:
        """Reporting duties that have an id (and so can be marked reported)."""
        return self.of_kind(Reporting)

    @property
    def resolutions(self) -> dict[str, Obligation]:
        """Adopted toivomusponsi as the follow-up duties they are, by motion id."""
        cache: dict[object, Any] = self.__dict__.setdefault("_kind_cache", {})
        if "resolutions" not in cache:
            duties = ((rid, m.duty()) for rid, m in self.of_kind(Motion).items())
            cache["resolutions"] = {rid: duty for rid, duty in duties if duty is not None}
        return cache["resolutions"]  # type: ignore[no-any-return,unused-ignore]

    @property
    def initiatives(self) -> dict[str, Initiative]:
        """Initiatives recorded as left, by id."""
        return self.of_kind(Initiative)

    @property
    def initiative_duties(self) -> dict[str, Obligation]:
        """Initiatives as the follow-up duties they are, by initiative id."""
        cache: dict[object, Any] = self.__dict__.setdefault("_kind_cache", {})
        if "initiative_duties" not in cache:
            cache["initiative_duties"] = {rid: i.duty() for rid, i in self.initiatives.items()}
        return cache["initiative_duties"]  # type: ignore[no-any-return,unused-ignore]

    def duty(self, duty_id: str) -> Obligation | Reporting | None:
        """What a fulfilment can close: an obligation, an adopted
        resolution, an initiative or a reporting duty."""
        return (
            self.obligations.get(duty_id)
            or self.resolutions.get(duty_id)
            or self.initiative_duties.get(duty_id)
            or self.reporting_duties.get(duty_id)
        )

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def _index(repo: Repository, section: str) -> dict[str, Any]:
    cache = repo.__dict__.setdefault("_index_cache", {})
    if section not in cache:
        cache[section] = {item.id: item for item in getattr(repo.registry, section)}
    return cache[section]  # type: ignore[no-any-return,unused-ignore]


def referrers(repo: Repository, target: str) -> list[tuple[str, str]]:
    """(record id, how) for every record that refers to ``target``."""
    found: list[tuple[str, str]] = []
    for rid, record in repo.records.items():
        for attr, how in _REFERRING_FIELDS:
            value = getattr(record, attr, None)
            if value == target or (isinstance(value, list) and target in value):
                found.append((rid, how))
        for fulfilment in getattr(record, "fulfils", []) or []:
            if target in (fulfilment.obligation, fulfilment.superseded_by):
                found.append((rid, f"{fulfilment.outcome} ({fulfilment.obligation})"))
        for ref in getattr(record, "references", []) or []:
            if ref.decision == target:
                found.append((rid, "refers to it"))
    return found


_REFERRING_FIELDS = (
    ("established_by", "established by it"),
    ("added_by", "task added by it"),
    ("mandate", "changes this mandate"),
    ("task", "changes this task"),
    ("decision", "refers to it"),
    ("initiative", "answers it"),
)
