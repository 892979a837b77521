"""`govdocs import`: a published Ahjo decision (Helsinki's Ahjo API record,
JSON with the decision's HTML in ``Content``) as a draft decision record.

The text sections, metadata, presenter, contacts, attachments, votes,
earlier handlings, appeal route and distribution are filled from the
record; what the decision does (its items and the other facts) is left for
a person to mark. Input it does not recognise is refused with the place in
the file (a JSON path, or the HTML element) and nothing is written; the
draft is checked against the record format before it is written, whole or
not at all."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from govdocs.drafting.ahjo_html import HtmlRefused, Parsed, parse, presenter_grounds, settings
from govdocs.drafting.numbering import id_prefix
from govdocs.drafting.phrasing import words
from govdocs.drafting.yamlwrite import dump
from govdocs.errors import InputError, UsageError
from govdocs.model.decision import Decision
from govdocs.model.registry import DecisionMaker, MakerKind
from govdocs.read.loader import RECORDS_DIR
from govdocs.read.yamlsource import load_text
from govdocs.repository import Repository
from govdocs.safepath import UnsafePath, atomic_write, create_new, is_inside

MAX_BYTES = 20_000_000
"""A decision's record is some kilobytes; a larger file is not one."""


class ImportRefused(InputError):
    """The file is not a published Ahjo decision govdocs can read: exit 1."""


@dataclass
class Imported:
    """What `import_decision` made."""

    id: str
    text: str
    path: Path | None


def import_decision(
    repo: Repository,
    source: Path,
    *,
    out: Path | None = None,
    rid: str | None = None,
    maker: str | None = None,
    day: date | None = None,
    force: bool = False,
    stdout: bool = False,
) -> Imported:
    """Read ``source`` and write its draft to ``out`` (default
    ``decisions/<year>/<id>.yaml`` in ``repo``), or only return the text
    when ``stdout``."""
    record = _read_json(source)
    try:
        parsed = parse(record["Content"])
    except HtmlRefused as exc:
        raise ImportRefused(f"{source}: $.Content: {exc.where}: {exc.what}") from None
    parsed.sections += _grounds_of_the_proposal(source, record, parsed)
    draft = _Draft(repo, source, record, parsed, maker, day)
    rid = rid or draft.suggested_id()
    text = draft.text(rid)
    if stdout:
        return Imported(rid, text, None)
    target = out or repo.root / RECORDS_DIR / str(draft.year(rid)) / f"{rid}.yaml"
    _write(repo.root, target, text, force=force)
    return Imported(rid, text, target)


def _read_json(source: Path) -> dict[str, Any]:
    try:
        if source.exists() and not source.is_file():
            raise UsageError(f"{source}: is not a regular file")
        with source.open("rb") as handle:  # bounded: a huge file is not read whole
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"{source}: cannot be read ({exc.strerror})") from None
    if len(data) > MAX_BYTES:
        raise ImportRefused(f"{source}: is over {MAX_BYTES} bytes; an Ahjo decision is far smaller")
    try:
        record = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise ImportRefused(f"{source}: is nested too deeply to be an Ahjo decision") from None
    except UnicodeDecodeError as exc:
        raise ImportRefused(f"{source}: is not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ImportRefused(f"{source}:{exc.lineno}:{exc.colno}: is not JSON: {exc.msg}") from None
    if not isinstance(record, dict):
        raise ImportRefused(f"{source}: $: is a JSON {type(record).__name__}, not an Ahjo decision object")
    missing = [key for key in settings()["required"] if key not in record]
    if missing:
        raise ImportRefused(
            f"{source}: $: has no {', '.join(missing)}; not an Ahjo decision record "
            "(Ahjo's decisions API gives NativeId, Title, Section, Organization and the HTML in Content)"
        )
    for key in ("Content", "Title", "Section"):
        if not isinstance(record[key], str) or not record[key].strip():
            raise ImportRefused(f"{source}: $.{key}: expected text, found {json.dumps(record[key])[:40]}")
    return record


def _grounds_of_the_proposal(source: Path, record: dict[str, Any], parsed: Parsed) -> list[dict[str, Any]]:
    """The presenter's grounds from ``Motion`` when Ahjo gives it as HTML
    and the decision's text has none (a plain-text Motion, as some copies
    of Ahjo's data hold it, cannot be read into blocks: it is left out)."""
    motion = record.get("Motion")
    if not isinstance(motion, str) or not motion.lstrip().startswith("<"):
        return []
    if any(s["kind"] == "presenter-grounds" for s in parsed.sections):
        return []
    try:
        return presenter_grounds(motion)
    except HtmlRefused as exc:
        raise ImportRefused(f"{source}: $.Motion: {exc.where}: {exc.what}") from None


def _write(root: Path, target: Path, text: str, *, force: bool) -> None:
    """Write the whole file or nothing: a new file never through a link,
    an existing one only with ``force``, by an atomic replace."""
    data = text.encode("utf-8")
    root, target = root.absolute(), target.absolute()  # never resolved: a link must stay seen
    inside = target.is_relative_to(root) and is_inside(target.parent, root)
    base = root if inside else target.parent
    try:
        if force:
            atomic_write(target, data, root=base)
        elif target.exists() or target.is_symlink():
            raise InputError(f"{target} already exists; give --force to replace it")
        else:
            base.mkdir(parents=True, exist_ok=True)
            relative = target.relative_to(root) if inside else Path(target.name)
            create_new(base, relative.as_posix(), data)
    except UnsafePath as exc:
        raise InputError(exc.message) from None


class _Draft:
    """The draft's data, field by field, from the JSON and the parsed HTML."""

    def __init__(
        self,
        repo: Repository,
        source: Path,
        record: dict[str, Any],
        parsed: Parsed,
        maker: str | None,
        day: date | None,
    ):
        self.repo, self.source, self.record, self.parsed = repo, source, record, parsed
        self.maker = maker or self._maker(record["Organization"], "$.Organization")
        if self.maker not in repo.makers:
            raise UsageError(f"--maker: no decision maker '{self.maker}' in the registry")
        self.body = repo.makers[self.maker].kind is MakerKind.BODY
        self.number = self._number()
        self.given_day = day
        self.day = self._day(day)

    def where(self, path: str) -> str:
        return f"{self.source}: {path}"

    def _text(self, key: str) -> str | None:
        """An optional text field (empty or null: not given)."""
        found = self.record.get(key)
        if found is None:
            return None
        if not isinstance(found, str):
            raise ImportRefused(f"{self.where('$.' + key)}: expected text, found {json.dumps(found)[:40]}")
        return " ".join(found.split()) or None

    def _list(self, key: str) -> list[Any]:
        found = self.record.get(key) or []
        if not isinstance(found, list):
            raise ImportRefused(f"{self.where('$.' + key)}: expected a list")
        return found

    # --- identity -----------------------------------------------------------------

    def _maker(self, org: Any, path: str) -> str:
        name = org.get("Name") if isinstance(org, dict) else None
        if not isinstance(name, str) or not name:
            raise ImportRefused(f"{self.where(path)}: expected an organisation with a Name")
        found = self.maker_id(name, path + ".Name")
        if found is None:
            raise UsageError(
                f"{self.where(path + '.Name')}: decision maker '{name}' (Ahjo {org.get('ID')}, "
                f"{org.get('Type')}) is not in the registry; add it under decision_makers in registry.yaml "
                "(its name.fi as Ahjo writes it), or name one with --maker"
            )
        return found

    def maker_id(self, name: str, path: str, makers: Iterable[DecisionMaker] | None = None) -> str | None:
        """The decision maker of ``makers`` (default: every municipality's)
        named ``name``; one only, several of one name need --maker or
        --municipality."""
        wanted = name.casefold()
        pool = self.repo.makers.values() if makers is None else makers
        ids = sorted(m.id for m in pool if wanted in {n.casefold() for n in (m.name.fi, m.name.sv) if n})
        if len(ids) > 1:
            raise UsageError(
                f"{self.where(path)}: '{name}' names {len(ids)} decision makers ({', '.join(ids)}); "
                "choose one with --maker, or the municipality with --municipality"
            )
        return ids[0] if ids else None

    def _number(self) -> int:
        section = self.record["Section"].strip()
        if not re.fullmatch("[0-9]+", section) or int(section) < 1:
            raise ImportRefused(f"{self.where('$.Section')}: expected a § number, found '{section}'")
        printed = re.sub(r"\D", "", self.parsed.number)
        if printed and printed != section:
            raise ImportRefused(
                f"{self.where('$.Content')}: the HTML prints § {printed} but $.Section is {section}"
            )
        return int(section)

    def _day(self, given: date | None) -> date | None:
        meeting = self.record.get("Meeting")
        stamp = meeting.get("DateMeeting") if isinstance(meeting, dict) else None
        if stamp is None:
            return None  # an office holder's decision: the day is not in Ahjo's data
        found = _day_of(stamp, self.where("$.Meeting.DateMeeting"))
        if given is not None and given != found:
            raise UsageError(f"--date {given.isoformat()} but Ahjo's meeting was on {found.isoformat()}")
        return found

    def suggested_id(self) -> str:
        day = self.day or self.given_day
        if day is None:
            raise UsageError(
                f"{self.where('$.Meeting')}: Ahjo gives no date for this decision (an office holder's, "
                "no meeting); give --date DATE (the decision's day, as you know it) or --id ID"
            )
        return f"{id_prefix(self.repo, self.maker)}-{day.year}-{self.number}"

    def year(self, rid: str) -> int:
        day = self.day or self.given_day
        if day is not None:
            return day.year
        found = re.search(r"-(\d{4})-\d+$", rid)
        if found is None:
            raise UsageError(f"--id {rid}: no year in it; give --date or --out")
        return int(found.group(1))

    # --- the record -------------------------------------------------------------------

    def header(self, rid: str) -> dict[str, Any]:
        case, task_code = self._case()
        return {
            "id": rid,
            "maker": self.maker,
            "handling": "meeting" if self.body else "office-holder",
            "date": self.day or self._unstated_day(),
            "number": self.number,
            "title": self.parsed.title,
            **({"case": case} if case else {}),
            **({"task_code": task_code} if task_code else {}),
            **self.parsed.references,
            "language": self.parsed.lang,
            "publicity": {"class": "julkinen"},
        }

    def _case(self) -> tuple[str | None, str | None]:
        case, code = self._text("CaseIDLabel"), self._text("ClassificationCode")
        line = self.parsed.case_line
        if line and case and not line.startswith(case):
            raise ImportRefused(
                f"{self.where('$.Content')}: the HTML prints '{line}' but $.CaseIDLabel is '{case}'"
            )
        return case, code

    def _unstated_day(self) -> dict[str, Any]:
        text = settings()["words"]
        data: dict[str, Any] = {"not_stated": text["no_date"]}
        if self.given_day is not None:
            data.update(assumed=self.given_day, basis=text["date_basis"])
        return data

    def tail(self, rid: str) -> dict[str, Any]:
        parsed = self.parsed
        fill, text = words()["fill_marker"], settings()["words"]
        data: dict[str, Any] = {}
        if parsed.presenter:
            data["presenter"] = parsed.presenter
        data["signature"] = {
            "name": f"{fill}: {text['signature_name']}",
            "title": f"{fill}: {text['signature_title']}",
        }
        if parsed.contacts:
            data["contacts"] = parsed.contacts
        if parsed.attachments:
            data["attachments"] = self._attachments()
        history = self._history()
        if history:
            data["history"] = history
        data["appeal"] = self._appeal()
        distribution = self._distribution()
        if distribution:
            data["distribution"] = distribution
        votes = self._votes(rid)
        if votes:
            data["votes"] = votes
        return data

    def _attachments(self) -> list[dict[str, Any]]:
        listed = self._list("Attachments")
        marks = settings()["personal_data"]
        by_title: dict[str, tuple[int, dict[str, Any]]] = {}
        for n, item in enumerate(listed):
            if isinstance(item, dict) and isinstance(item.get("Title"), str):
                by_title.setdefault(item["Title"].casefold(), (n, item))
        out = []
        for number, title in self.parsed.attachments:
            entry: dict[str, Any] = {"number": number, "title": title}
            found = by_title.get(title.casefold())
            if found is not None:
                n, item = found
                mark = item.get("PersonalData")
                if not isinstance(mark, str) or mark not in marks:
                    where = self.where(f"$.Attachments[{n}].PersonalData")
                    known = ", ".join(f"'{m}'" for m in marks)
                    raise ImportRefused(f"{where}: {json.dumps(mark)[:60]} is not one of {known}")
                entry["personal"] = marks[mark]
            entry["published"] = found is not None
            out.append(entry)
        return out

    def _history(self) -> list[dict[str, Any]]:
        earlier = self._list("PreviousDecisions")
        own = self.repo.registry_holding(self.maker)  # the case is the deciding municipality's
        rows = []
        for n, item in enumerate(earlier):
            path = f"$.PreviousDecisions[{n}]"
            if not isinstance(item, dict):
                raise ImportRefused(f"{self.where(path)}: expected an earlier decision object")
            org = item.get("Organization") or {}
            name = org.get("Name") if isinstance(org, dict) else None
            if not isinstance(name, str) or not name:
                raise ImportRefused(f"{self.where(path + '.Organization.Name')}: expected the maker's name")
            mid = self.maker_id(name, path + ".Organization.Name", own.decision_makers)
            row: dict[str, Any] = {"maker": mid} if mid else {"maker_name": name}
            meeting = item.get("Meeting")
            if isinstance(meeting, dict) and meeting.get("DateMeeting"):
                row["date"] = _day_of(meeting["DateMeeting"], self.where(f"{path}.Meeting.DateMeeting"))
            if re.fullmatch("[0-9]+", str(item.get("Section") or "")):
                row["number"] = int(item["Section"])
            if item.get("Title"):
                row["title"] = item["Title"]
            rows.append(row)
        # Ahjo lists the latest handling first; the record holds them oldest first
        return sorted(reversed(rows), key=lambda r: r.get("date") or date.min)

    def _appeal(self) -> dict[str, Any]:
        lines = self.parsed.appeal
        if not lines:
            raise ImportRefused(f"{self.where('$.Content')}: the HTML has no appeal text (Muutoksenhaku)")
        heading, body = lines[0], " ".join(lines[1:])
        for row in settings()["appeal"]:
            if heading == row["heading"] and all(w in body for w in row.get("contains", [])):
                appeal: dict[str, Any] = {"route": row["route"]}
                law = [line for line in lines if line.startswith(settings()["law_prefix"])]
                if law and row["route"] == "muutoksenhakukielto":
                    appeal["law"] = law[0].removeprefix(settings()["law_prefix"]).strip()
                return appeal
        raise ImportRefused(
            f"{self.where('$.Content')}: the appeal text '{heading}' is not one govdocs recognises "
            "(templates/import/ahjo.yaml, appeal); write the route yourself in a copy of the file"
        )

    def _distribution(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.parsed.for_information:
            data["for_information"] = self.parsed.for_information
        if self.parsed.extracts:
            data["extracts"] = [{k: v for k, v in e.items() if v} for e in self.parsed.extracts]
        return data

    def _votes(self, rid: str) -> list[dict[str, Any]]:
        results = self._list("VotingResults")
        return [self._vote(rid, n, result) for n, result in enumerate(results)]

    def _vote(self, rid: str, n: int, result: Any) -> dict[str, Any]:
        path = f"$.VotingResults[{n}]"
        sides = {"Ayes": "jaa", "Noes": "ei", "Blank": "tyhjä", "Absent": "poissa"}
        if not isinstance(result, dict) or not all(isinstance(result.get(k), dict) for k in ("Ayes", "Noes")):
            raise ImportRefused(f"{self.where(path)}: expected Ayes and Noes")
        counts: dict[str, int] = {}
        voters: list[dict[str, str]] = []
        for key, ballot in sides.items():
            counts[ballot] = self._side(result.get(key) or {}, ballot, f"{path}.{key}", voters)
        if counts["jaa"] == counts["ei"]:
            raise ImportRefused(
                f"{self.where(path)}: a tied vote ({counts['jaa']}-{counts['ei']}): "
                "the chair's vote decided, which Ahjo does not say"
            )
        vote: dict[str, Any] = {
            "id": f"{rid}.vote-{n + 1}",
            "number": n + 1,
            "jaa": _side_text(result["Ayes"], f"{self.where(path)}.Ayes.Content"),
            "ei": _side_text(result["Noes"], f"{self.where(path)}.Noes.Content"),
            "counts": {k: v for k, v in counts.items() if v or k in ("jaa", "ei")},
            "result": "jaa" if counts["jaa"] > counts["ei"] else "ei",
        }
        if voters:
            vote["voters"] = voters
        return vote

    def _side(self, side: Any, ballot: str, path: str, voters: list[dict[str, str]]) -> int:
        """One side's count; its named voters are added to ``voters``."""
        count = side.get("NumberOfVotes", 0) if isinstance(side, dict) else None
        named = side.get("Voters") or [] if isinstance(side, dict) else None
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise ImportRefused(f"{self.where(path + '.NumberOfVotes')}: expected a count")
        if not isinstance(named, list):
            raise ImportRefused(f"{self.where(path + '.Voters')}: expected a list of voters")
        voters += [_voter(v, ballot, self.where(f"{path}.Voters[{m}]")) for m, v in enumerate(named)]
        return count

    # --- the text -----------------------------------------------------------------------

    def text(self, rid: str) -> str:
        header, tail = self.header(rid), self.tail(rid)
        try:
            Decision.model_validate({**header, "sections": self.parsed.sections, **tail})
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(p) for p in error["loc"])
            raise ImportRefused(
                f"{self.where('$')}: the draft would not be a valid record ({where}: {error['msg']})"
            ) from None
        fill = words()["fill_marker"]
        lines = [
            "# yaml-language-server: $schema=../../docs/decision.schema.json",
            f"# Imported with `govdocs import` from Ahjo's record {_one_line(self.record['NativeId'])}",
            f"# ({_one_line(self.source.name)}).",
            "# The text, metadata, attachments, votes and earlier handlings are Ahjo's. What the decision",
            f"# does is not marked yet: write the signer (the '{fill}' values) and the facts below, then run",
            f"# `govdocs check {rid}`.",
            dump(header),
            dump({"sections": self.parsed.sections}),
            dump(tail),
            "# Facts still to mark (docs/records.md): each act under `items:` with the sentence(s) of the",
            "# text that make it, and the handling's `motions:` (their proposers, seconders, outcomes):",
            "# items:",
            f"#   - id: {rid}.1",
            "#     action: note",
            "#     quote: the sentence, word for word",
        ]
        text = "\n".join(line.rstrip("\n") for line in lines) + "\n"
        try:  # what is written reads back through govdocs' own reader, or nothing is written
            Decision.model_validate(load_text(text, str(self.source)).data)
        except (InputError, ValidationError) as exc:
            raise ImportRefused(f"{self.where('$')}: the draft would not read back ({exc})") from None
        return text


def _one_line(value: Any) -> str:
    """``value`` fit for a comment line: no line breaks, no control characters."""
    return "".join(c for c in " ".join(str(value).split()) if c.isprintable())[:200]


def _day_of(stamp: Any, where: str) -> date:
    """The day of Ahjo's '2021-12-21T16:15:00.000'."""
    try:
        return date.fromisoformat(str(stamp)[:10])
    except ValueError:
        raise ImportRefused(f"{where}: expected a date, found {json.dumps(stamp)[:40]}") from None


def _voter(voter: Any, ballot: str, where: str) -> dict[str, str]:
    """Ahjo's 'Surname, Given names' as the minutes print it."""
    if not isinstance(voter, dict) or not isinstance(voter.get("Name"), str):
        raise ImportRefused(f"{where}: expected a voter with a Name")
    surname, _, given = voter["Name"].partition(",")
    row = {"name": f"{given.strip()} {surname.strip()}".strip(), "ballot": ballot}
    if voter.get("CouncilGroup"):
        row["group"] = voter["CouncilGroup"]
    return row


def _side_text(side: dict[str, Any], where: str) -> str:
    text = side.get("Content")
    if not isinstance(text, str) or not text.strip():
        raise ImportRefused(f"{where}: expected the proposal voted on")
    return " ".join(text.split())
