"""A synthetic records repository for benchmarks: many decisions, many
transfers over many organisations, that validates clean.

The generator simulates who holds each function while it writes the
transfers, so every transfer names the real holder as its source, no
function moves twice on one day, and the 1.6.2017 reform (departments
end, divisions take over) is respected. Text is Finnish-looking: the
seed decision's own sentences plus one sentence per transfer and
obligation, which is what the records quote.

    python benchmarks/synthetic.py 10000 /tmp/synthetic-10k [--transfers 20000]

Deterministic for a given seed."""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

REFORM = date(2017, 6, 1)
"""The day the old departments end and their successor divisions begin."""
FIRST_DAY, LAST_DAY = date(2015, 5, 1), date(2025, 12, 31)
"""The records span from the Kuntalaki of 2015, whose oikaisuvaatimus text
(templates/appeal/oikaisuvaatimus/2015-05-01) is the oldest appeal text: an
older decision's appeal text is an error."""
SEED = Path(__file__).resolve().parents[1] / "decisions" / "2016" / "kj-2016-59.yaml"
MAX_FUNCTIONS = 6_000
"""Functions in the registry at most: with their parts, 10,000 of them (what
100,000 decisions would otherwise get) are more list items than one file
may hold (`govdocs.read.yamlsource.MAX_ITEMS`), and the registry is refused."""

_AREAS = (
    "Itä-Helsingin", "Länsi-Helsingin", "Pohjois-Helsingin", "Etelä-Helsingin", "Keski-Helsingin",
    "Koillis-Helsingin", "Kaakkois-Helsingin", "Luoteis-Helsingin", "Lounais-Helsingin", "Kantakaupungin",
)
_TOPICS = (
    "ympäristö", "liikunta", "kulttuuri", "nuoriso", "työllisyys", "rakennus", "talous", "henkilöstö",
    "terveys", "opetus", "asunto", "liikenne", "kirjasto", "vanhus", "perhe", "hankinta", "tieto",
    "viestintä", "elinkeino", "kiinteistö",
)
# nominative, genitive, elative, illative, allative
_UNITS = {
    "unit": [("osasto", "osaston", "osastosta", "osastoon", "osastolle"),
             ("yksikkö", "yksikön", "yksiköstä", "yksikköön", "yksikölle"),
             ("keskus", "keskuksen", "keskuksesta", "keskukseen", "keskukselle")],
    "department": [("virasto", "viraston", "virastosta", "virastoon", "virastolle")],
    "division": [("toimiala", "toimialan", "toimialalta", "toimialalle", "toimialalle")],
}
_SERVICES = ("neuvonta", "ohjaus", "palveluseteli", "määräraha", "koordinointi", "valvonta",
             "lupakäsittely", "avustukset", "hankinnat", "tietopalvelu")
_PARTS = ("asiakaspalvelu", "kehittaminen")
_PEOPLE = ("Aino Virtanen", "Eero Korhonen", "Helmi Mäkinen", "Juho Nieminen", "Kaisa Mäkelä",
           "Lauri Hämäläinen", "Minna Laine", "Olli Heikkinen", "Sanna Koskinen", "Ville Järvinen")


@dataclass
class Org:
    id: str
    forms: tuple[str, str, str, str, str]
    kind: str
    valid_from: date | None = None
    valid_to: date | None = None
    successor: str | None = None

    def exists_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass
class Fn:
    id: str
    name: str
    holder: str
    """Who holds it now, in the simulation."""
    initial: str
    """Who held it when the records begin (written to the registry)."""
    parts: list[str] = field(default_factory=list)
    overrides: dict[str, str] = field(default_factory=dict)
    """Parts held apart from the function's main holder."""
    last_day: date | None = None


@dataclass
class World:
    rng: random.Random
    orgs: list[Org]
    functions: list[Fn]
    sentences: list[str]
    reformed: bool = False
    open_obligations: list[tuple[str, date]] = field(default_factory=list)


def _slug(text: str) -> str:
    table = str.maketrans("äöå", "aoa")
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")


def _org(index: int, kind: str, rng: random.Random) -> tuple[str, tuple[str, str, str, str, str]]:
    area = _AREAS[index % len(_AREAS)]
    topic = _TOPICS[(index // len(_AREAS)) % len(_TOPICS)]
    unit = rng.choice(_UNITS[kind])
    serial = index // (len(_AREAS) * len(_TOPICS))
    tail = f" {serial + 1}" if serial else ""
    joint = "-" if topic[-1] == unit[0][0] else ""  # elinkeino-osasto, not elinkeinoosasto
    forms = tuple(f"{area} {topic}{joint}{word}{tail}" for word in unit)
    nominative = forms[0][0].upper() + forms[0][1:]
    return _slug(f"{forms[0]}-{index}"), (nominative, *forms[1:])  # type: ignore[return-value]


def make_orgs(n: int, rng: random.Random) -> list[Org]:
    """One in ten ends at the reform and hands over to a new division."""
    ending = max(1, n // 10)
    orgs: list[Org] = []
    for i in range(n):
        if i < ending:
            kind = "department"
        elif i < 2 * ending:
            kind = "division"
        else:
            kind = "unit"
        oid, forms = _org(i, kind, rng)
        orgs.append(Org(oid, forms, kind))
    for i in range(ending):
        old, new = orgs[i], orgs[ending + i]
        old.valid_to, old.successor = REFORM - timedelta(days=1), new.id
        new.valid_from = REFORM
    return orgs


def make_functions(n: int, orgs: list[Org], rng: random.Random) -> list[Fn]:
    founders = [o for o in orgs if o.valid_from is None]
    functions = []
    for i in range(n):
        area = _AREAS[i % len(_AREAS)]
        topic = _TOPICS[(i // len(_AREAS)) % len(_TOPICS)]
        service = _SERVICES[(i // (len(_AREAS) * len(_TOPICS))) % len(_SERVICES)]
        serial = i // (len(_AREAS) * len(_TOPICS) * len(_SERVICES))
        name = f"{area} {topic}{service}" + (f" {serial + 1}" if serial else "")
        parts = list(_PARTS) if i % 5 == 0 else []
        holder = rng.choice(founders).id
        functions.append(Fn(_slug(f"{name}-{i}"), name, holder, holder, parts))
    return functions


def seed_sentences() -> list[str]:
    """Sentences of the bundled seed decision, reused as filler text."""
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    text = " ".join(b for s in data["sections"] for b in s["body"] if isinstance(b, str))
    return [s.strip() for s in re.split(r"(?<=[.])\s+(?=[A-ZÄÖ])", " ".join(text.split())) if len(s) > 40]


def fi(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


# --- the simulation ----------------------------------------------------------
def _reform(world: World) -> None:
    """Mirror the registry successions: what an ending department held
    passes to its successor division."""
    succ = {o.id: o.successor for o in world.orgs if o.successor}
    for fn in world.functions:
        fn.holder = succ.get(fn.holder, fn.holder)
        fn.overrides = {p: succ.get(h, h) for p, h in fn.overrides.items()}
    world.reformed = True


def _pick_function(world: World, day: date) -> Fn:
    for _ in range(50):
        fn = world.rng.choice(world.functions)
        if fn.last_day != day:
            return fn
    return next(f for f in world.functions if f.last_day != day)


def _other_org(world: World, day: date, not_: str) -> Org:
    while True:
        org = world.rng.choice(world.orgs)
        if org.id != not_ and org.exists_on(day):
            return org


def make_transfer(world: World, decision_id: str, n: int, day: date) -> tuple[dict[str, Any], str]:
    """One transfer record and the sentence that states it, updating who holds what."""
    if day >= REFORM and not world.reformed:
        _reform(world)
    rng, fn = world.rng, _pick_function(world, day)
    fn.last_day = day
    orgs = {o.id: o for o in world.orgs}
    roll = rng.random()
    record: dict[str, Any] = {"id": f"{decision_id}.siirto-{n}", "what": fn.id}
    if roll < 0.1:
        holder = orgs[fn.holder]
        sentence = f"{fn.name} jää {holder.forms[3]} {fi(day)} alkaen."
        record |= {"change": "stays", "to": holder.id}
    elif roll < 0.25 and fn.parts:
        part = rng.choice(fn.parts)
        source = orgs[fn.overrides.get(part, fn.holder)]
        target = _other_org(world, day, source.id)
        fn.overrides[part] = target.id
        sentence = (f"{fn.name} siirretään osan {part} osalta {source.forms[2]} "
                    f"{target.forms[3]} {fi(day)} alkaen.")
        record |= {"scope": "part", "part": part, "from": source.id, "to": target.id}
    else:
        source = orgs[fn.holder]
        target = _other_org(world, day, source.id)
        mostly = roll > 0.9
        fn.holder = target.id
        fn.overrides = {p: h for p, h in fn.overrides.items() if h != source.id}
        word = "siirretään pääosin" if mostly else "siirtyy"
        sentence = f"{fn.name} {word} {source.forms[2]} {target.forms[3]} {fi(day)} alkaen."
        record |= {"scope": "mostly" if mostly else "whole", "from": source.id, "to": target.id}
        if rng.random() < 0.02:
            record["context_only"] = True
    record["effective"] = day.isoformat()
    if rng.random() < 0.05:  # the text gives no date: the record assumes the decision's
        sentence = sentence.replace(f" {fi(day)} alkaen.", ".")
        record["effective"] = {"not_stated": "Teksti ei kerro voimaantuloa.", "assumed": day.isoformat(),
                               "basis": "Päätöksen päivä."}
    record["quote"] = sentence
    return record, sentence


# --- records -------------------------------------------------------------------
def _maker(day: date, rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.5:
        return "kaupunginhallitus", "meeting"
    return ("kaupunginjohtaja", "office-holder") if day < REFORM else ("kansliapaallikko", "office-holder")


def _obligation(world: World, decision_id: str, n: int, day: date) -> tuple[dict[str, Any], str]:
    rng = world.rng
    owner = _other_org(world, day, "")
    kind = rng.choice(("report", "develop", "budget-incorporation", "agreement"))
    style = rng.random()
    if style < 0.4:
        due_day = day + timedelta(days=rng.randint(30, 400))
        due: dict[str, Any] = {"date": due_day.isoformat()}
        when = f"viimeistään {fi(due_day)}"
    elif style < 0.7:
        due, when = {"year": day.year + 1}, f"vuoden {day.year + 1} aikana"
    elif style < 0.85:
        due, when = {"budget_year": day.year + 1}, f"vuoden {day.year + 1} talousarvioon"
    else:
        due = {"every": "yearly", "before": "budget-frame-phase", "start": day.year + 1}
        when = "vuosittain ennen budjetin raamivaihetta"
    sentence = f"{owner.forms[0]} valmistelee selvityksen asiasta {when}."
    oid = f"{decision_id}.velvoite-{n}"
    record = {"id": oid, "kind": kind, "what": sentence, "owner": owner.id, "due": due, "quote": sentence}
    if "every" not in due:
        world.open_obligations.append((oid, day))
    return record, sentence


def _fulfils(world: World, day: date) -> list[dict[str, Any]]:
    rng, pool = world.rng, world.open_obligations
    if not pool or rng.random() > 0.3:
        return []
    oid, created = pool.pop(rng.randrange(len(pool)))
    if created > day:
        pool.append((oid, created))
        return []
    return [{"obligation": oid, "evidence": "Selvitys esiteltiin päättäjälle."}]


def make_decision(
    world: World, serial: int, day: date, n_transfers: int, numbers: dict[Any, int]
) -> dict[str, Any]:
    rng = world.rng
    maker, handling = _maker(day, rng)
    numbers[(maker, day.year)] = number = numbers.get((maker, day.year), 0) + 1
    did = f"syn-{day.year}-{serial}"
    transfers, obligations, stated = [], [], []
    for n in range(1, n_transfers + 1):
        record, sentence = make_transfer(world, did, n, day)
        transfers.append(record)
        stated.append(sentence)
    for n in range(1, rng.choice((0, 1, 1, 2)) + 1):
        record, sentence = _obligation(world, did, n, day)
        obligations.append(record)
        stated.append(sentence)
    filler = rng.sample(world.sentences, k=min(6, len(world.sentences)))
    person = rng.randrange(len(_PEOPLE))
    decision: dict[str, Any] = {
        "id": did, "maker": maker, "handling": handling, "date": day.isoformat(), "number": number,
        "title": f"Työllisyydenhoidon tehtävien järjestäminen ({serial})",
        "case": f"HEL {day.year}-{serial % 1_000_000:06d}", "task_code": "00 00 02", "language": "fi",
        "sections": [
            {"kind": "decision", "body": [" ".join(stated) or filler[0]]},
            {"kind": "grounds", "body": [" ".join(filler[:3]), " ".join(filler[3:])]},
        ],
        "signature": {"name": _PEOPLE[(person + 1) % len(_PEOPLE)], "title": "kansliapäällikkö"},
        "contacts": [{"name": _PEOPLE[person], "title": "erityissuunnittelija",
                      "phone": f"310 {10000 + person * 7:05d}", "person": f"henkilo-{person}"}],
        "appeal": {"route": "oikaisuvaatimus"},
        "transfers": transfers, "obligations": obligations,
    }
    if fulfils := _fulfils(world, day):
        decision["fulfils"] = fulfils
    return decision


def registry(world: World) -> dict[str, Any]:
    seed_registry = yaml.safe_load((SEED.parents[2] / "registry.yaml").read_text(encoding="utf-8"))
    orgs = []
    for o in world.orgs:
        nom, gen, ela, ill, all_ = o.forms
        entry: dict[str, Any] = {"id": o.id, "kind": o.kind, "name": {
            "fi": nom, "genitive": gen, "elative": ela, "illative": ill, "allative": all_}}
        if o.valid_from:
            entry["valid_from"] = o.valid_from.isoformat()
        if o.valid_to:
            entry |= {"valid_to": o.valid_to.isoformat(), "successor": o.successor,
                      "successor_basis": "Johtamisjärjestelmän uudistus; toimialat aloittivat 1.6.2017."}
        orgs.append(entry)
    functions = []
    for fn in world.functions:
        entry = {"id": fn.id, "kind": "function", "name": fn.name,
                 "holder": {"organisation": fn.initial, "basis": "Hallintosääntö."}}
        if fn.parts:
            entry["parts"] = fn.parts
        functions.append(entry)
    makers = [m for m in seed_registry["decision_makers"]
              if m["id"] in ("kaupunginhallitus", "kaupunginjohtaja", "kansliapaallikko")]
    for m in makers:
        m.pop("organisation", None)
    people = [{"id": f"henkilo-{i}", "name": name, "title": "erityissuunnittelija"}
              for i, name in enumerate(_PEOPLE)]
    return {"municipality": seed_registry["municipality"], "organisations": orgs,
            "decision_makers": makers, "people": people, "functions": functions}


def _days(count: int) -> list[date]:
    span = (LAST_DAY - FIRST_DAY).days
    return [FIRST_DAY + timedelta(days=(i * span) // max(1, count)) for i in range(count)]


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # libyaml's emitter: ten times faster than PyYAML's, which made 100,000 decisions take minutes
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")


def generate(root: Path, decisions: int, *, organisations: int = 200, transfers: int | None = None,
             seed: int = 1) -> Path:
    """Write a records repository (registry.yaml + decisions/<year>/*.yaml)
    under ``root`` and return ``root``. ``transfers`` defaults to two per
    decision; the simulation keeps every record consistent, so the result
    validates without errors or warnings."""
    rng = random.Random(seed)
    total = 2 * decisions if transfers is None else transfers
    orgs = make_orgs(max(organisations, 10), rng)
    # in the simulated world, thousands of decisions share functions: ~20 moves each, and more
    # beyond MAX_FUNCTIONS, so that the registry stays within the reader's limit on list items
    functions = make_functions(min(max(20, total // 20), MAX_FUNCTIONS), orgs, rng)
    world = World(rng, orgs, functions, seed_sentences())
    root = Path(root)
    numbers: dict[Any, int] = {}
    for serial, day in enumerate(_days(decisions), start=1):
        count = total // decisions + (1 if serial <= total % decisions else 0)
        decision = make_decision(world, serial, day, count, numbers)
        _dump(root / "decisions" / str(day.year) / f"{decision['id']}.yaml", decision)
    _dump(root / "registry.yaml", registry(world))
    return root


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic govdocs records repository.")
    parser.add_argument("decisions", type=int, help="number of decisions")
    parser.add_argument("target", type=Path, help="folder to write (created)")
    parser.add_argument("--organisations", type=int, default=200)
    parser.add_argument("--transfers", type=int, default=None, help="default: 2 per decision")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(args.target, args.decisions, organisations=args.organisations,
             transfers=args.transfers, seed=args.seed)
    print(f"wrote {args.decisions} decisions to {args.target}", file=sys.stderr)


if __name__ == "__main__":
    main()
