"""The in-memory repository: every record, the registry, and where each
record came from (file, line, column)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govdocs.model.decision import Decision, FollowUp
from govdocs.model.effects import Mandate, MandateChange, Obligation, Reporting, Task, Transfer
from govdocs.model.initiatives import Initiative
from govdocs.model.items import Motion
from govdocs.model.layout import Layout
from govdocs.model.meeting import Meeting
from govdocs.model.registry import DecisionMaker, Function, Municipality, Organisation, Person, Registry
from govdocs.problems import Problem, Span
from govdocs.read.yamlsource import DataPath, SourceDoc

REGISTRIES_DIR = "registries"
"""Where a repository of several municipalities keeps the further ones' registries."""
REGISTRY_SECTIONS = ("organisations", "decision_makers", "people", "functions")
"""The registry's lists of entries with ids."""
DEFERRED = ("decisions", "followups", "meetings", "records", "origins", "owner", "files")
"""What `Repository.defer` leaves unread until first used: the records."""


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
    digests: dict[Path, bytes] = field(default_factory=dict)
    """Every file read (registries and records) → the SHA-256 of its bytes."""
    members: list[tuple[Registry, SourceDoc]] = field(default_factory=list)
    """The registries of the further municipalities the repository holds
    (``registry.municipalities``), each with its source, in listed order."""
    layouts: dict[str, Layout] = field(default_factory=dict)
    """The layout profiles the municipalities name, read and checked, by name."""

    # --- state and deferred reading -----------------------------------------
    @property
    def state(self) -> str | None:
        """The key of the files this repository was read from (the rules
        key, `govdocs.checks.rules_key`), under which its derived tables are
        kept (`govdocs.derive.store`); None when it was not read that way or
        has changed since (`add`)."""
        return self.__dict__.get("_state")

    def defer(self, load: Callable[[Repository], None], names: tuple[str, ...] = ()) -> None:
        """Leave ``names`` (default `DEFERRED`: the records) unset until one
        of them is first used; then ``load(self)`` sets them all
        (`govdocs.api.indexed`)."""
        pending: dict[str, Callable[[Repository], None]] = self.__dict__.setdefault("_deferred", {})
        for name in names or DEFERRED:
            self.__dict__.pop(name, None)
            pending[name] = load

    def __getattr__(self, name: str) -> Any:
        pending = self.__dict__.get("_deferred")
        load = pending.get(name) if pending else None
        if pending is None or load is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        for other in [n for n, f in pending.items() if f is load]:
            del pending[other]
        load(self)
        return self.__dict__[name]

    # --- municipalities ----------------------------------------------------
    @property
    def registries(self) -> list[tuple[Registry, SourceDoc]]:
        """Every municipality's registry with its source, the home one first."""
        return [(self.registry, self.registry_doc), *self.members]

    @property
    def registry_files(self) -> list[Path]:
        """The registry files read: registry.yaml and each member's."""
        return [self.root / "registry.yaml", *(self.root / REGISTRIES_DIR / f"{m}.yaml"
                                              for m in self.registry.municipalities)]

    def registry_part(self, section: str, item_id: str) -> int | None:
        """Which registry (index into `registries`) defines ``item_id`` in
        ``section``; the first one when several do (a reported error)."""
        homes: dict[tuple[str, str], int] = self.__dict__.setdefault("_homes", {})
        if not homes:
            for index, (registry, _) in enumerate(self.registries):
                for name in REGISTRY_SECTIONS:
                    for item in getattr(registry, name) or ():
                        homes.setdefault((name, item.id), index)
        return homes.get((section, item_id))

    def registry_holding(self, item_id: str) -> Registry:
        """The registry that defines ``item_id`` (an organisation, body,
        person or function); the home registry when none does."""
        for section in REGISTRY_SECTIONS:
            part = self.registry_part(section, item_id)
            if part is not None:
                return self.registries[part][0]
        return self.registry

    def registry_of(self, record_id: str) -> Registry:
        """The registry of the municipality ``record_id`` belongs to: its
        decision maker's (a meeting's body, a follow-up's organisation or
        the decision it fulfils); the home registry when that is unknown."""
        return self.registries[self._part_of(record_id)][0]

    def municipality_of(self, record_id: str) -> Municipality:
        """The municipality ``record_id`` belongs to (see `registry_of`)."""
        return self.registry_of(record_id).municipality

    def only(self, municipality: str) -> Repository:
        """The records and registry of one municipality alone, as if the
        repository held only it (the problems of its files kept): every
        query answers for that municipality unchanged."""
        from govdocs.errors import UsageError
        from govdocs.problems import did_you_mean

        ids = [registry.municipality.id for registry, _ in self.registries]
        if municipality not in ids:
            known = [i for i in ids if i]
            hint = did_you_mean(municipality, known) or f" (it holds: {', '.join(known)})"
            raise UsageError(f"no municipality '{municipality}' in this repository{hint}")
        index = ids.index(municipality)
        registry, doc = self.registries[index]
        tops = (*self.decisions, *self.meetings, *self.followups)
        keep = {rid for rid in tops if self._part_of(rid) == index}
        scoped = Repository(root=self.root, registry=registry, registry_doc=doc,
                            registry_ok=self.registry_ok, files_read=len(keep))
        for rid, record in self.records.items():
            if self.owner[rid] in keep:
                scoped.add(rid, record, self.origins[rid], self.owner[rid])
        scoped.decisions = {k: v for k, v in self.decisions.items() if k in keep}
        scoped.meetings = {k: v for k, v in self.meetings.items() if k in keep}
        scoped.followups = {k: v for k, v in self.followups.items() if k in keep}
        scoped.files = {k: v for k, v in self.files.items() if k in keep}
        scoped.layouts = self.layouts
        shown = {self.origins[rid].file for rid in keep} | {doc.file, self.registry_doc.file}
        scoped.problems = [p for p in self.problems if p.file in shown]
        return scoped

    def layout_of(self, record_id: str) -> Layout:
        """The layout profile of the municipality ``record_id`` belongs to;
        a shipped profile when the repository did not read it (a hand-built
        repository); LookupError when there is none."""
        from govdocs.read.layouts import shipped_layout

        name = self.municipality_of(record_id).layout
        found = self.layouts.get(name)
        return found if found is not None else shipped_layout(name)

    def _part_of(self, record_id: str) -> int:
        if not self.members:
            return 0
        top = self.records.get(self.owner.get(record_id, record_id))
        found: int | None = None
        if isinstance(top, Decision):
            found = self.registry_part("decision_makers", top.maker)
        elif isinstance(top, Meeting):
            found = self.registry_part("decision_makers", top.body)
        elif isinstance(top, FollowUp):
            found = self.registry_part("organisations", top.by) if top.by else None
            for fulfilment in top.fulfils:
                if found is not None:
                    break
                owner = self.owner.get(fulfilment.obligation)
                found = self._part_of(owner) if owner and owner != top.id else None
        return found or 0

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
        registry, doc = self.registries[self.registry_part(section, item_id) or 0]
        items = getattr(registry, section)
        index = next(i for i, item in enumerate(items) if item.id == item_id)
        return Origin(doc, (section, index))

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
        self.__dict__.pop("_state", None)  # no longer the files' state: its derived tables are not these
        self.__dict__.pop("_derived", None)
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
        merged: dict[str, Any] = {}
        for registry, _ in repo.registries:
            for item in getattr(registry, section) or ():
                merged.setdefault(item.id, item)
        cache[section] = merged
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
