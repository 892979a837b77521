"""The site's organisation and commitments pages: there for the bundled
records, showing who holds what and each duty's status on the site's day
(which changes when a duty falls due or a later record fulfils it), every
link resolving, and no masked name or secret on them."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest

from govdocs.publish.site import build_site
from tests import builders
from tests import test_site as site_tests
from tests.bundled import ROOT
from tests.test_public_copy_leaks import NAME_FORMS, SECRETS, _fold, _public_decision, _secret_decision

LATE = date(2026, 1, 1)
EARLY = date(2017, 6, 1)
"""kj-2016-59's summer-job model (due 31.12.2017) is open on EARLY, late on LATE."""


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("site-cache")


def _site(tmp_path_factory: pytest.TempPathFactory, cache: Path, day: date, records: Path = ROOT) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    build_site(records, out, as_of=day, documents=(), cache_dir=cache)
    return out


@pytest.fixture(scope="module")
def late(tmp_path_factory: pytest.TempPathFactory, cache: Path) -> Path:
    return _site(tmp_path_factory, cache, LATE)


@pytest.fixture(scope="module")
def early(tmp_path_factory: pytest.TempPathFactory, cache: Path) -> Path:
    return _site(tmp_path_factory, cache, EARLY)


def page(out: Path, name: str) -> str:
    return (out / name).read_text(encoding="utf-8")


def duty_status(text: str, what: str) -> str:
    """The status class of the duty headed ``what`` on a commitments page."""
    found = re.search(r'<section class="duty duty-([a-z-]+)"><h2>' + re.escape(html.escape(what)) + "</h2>", text)
    assert found, what
    return found.group(1)


def test_the_report_pages_are_there_in_finnish_only(late: Path) -> None:
    names = set(site_tests.site_files(late))
    for expected in ("organisaatiot/kaupunginkanslia-elinkeino-osasto.html", "organisaatiot/kaupunginkanslia.html",
                     "organisaatiot/sosiaali-ja-terveysvirasto.html", "sitoumukset/kaupunginjohtaja.html",
                     "sitoumukset/kaupunginvaltuusto.html", "sitoumukset/kansliapaallikko.html"):
        assert expected in names, expected
    assert not [n for n in names if n.startswith(("sv/organisaatiot/", "sv/sitoumukset/"))]
    # a registry entry no decision moves anything of and that holds nothing has no page
    assert "organisaatiot/pantex-pesu.html" not in names
    # a maker whose decisions create no duties has no commitments page
    assert "sitoumukset/turku-kaupunginhallitus.html" not in names


def test_the_typ_service_is_held_by_the_economic_department_after_kj_2016_59(
    late: Path, early: Path, tmp_path: Path
) -> None:
    text = page(late, "organisaatiot/kaupunginkanslia-elinkeino-osasto.html")
    assert "<h1>Kaupunginkanslian elinkeino-osasto</h1>" in text
    held = text.split("<h2>Vastuulla 1.1.2026</h2>")[1].split("</section>")[0]
    assert "<td>Helsingin TYP</td><td>—</td><td>Kaupunginkanslian elinkeino-osasto</td><td>pääosin</td>" in held
    assert 'href="../paatokset/kj-2016-59.html"' in text
    assert '<a href="kaupunginkanslia.html">Kaupunginkanslia</a>' in text  # its parent
    # the timeline inline, named for a screen reader (axe: svg-img-alt)
    assert re.search(r'<svg [^>]*role="img" aria-label="Aikajana [^"]+">', text)
    # before the transfer's assumed effective day it holds nothing yet
    before = page(early, "organisaatiot/kaupunginkanslia-elinkeino-osasto.html")
    assert "<h2>Vastuulla 1.6.2017</h2>" in before
    assert "Helsingin TYP</td><td>—</td><td>Kaupunginkanslian" in before
    older = build_site_from(ROOT, tmp_path / "older", date(2016, 10, 1))
    held = page(older, "organisaatiot/kaupunginkanslia-elinkeino-osasto.html").split("Vastuulla 1.10.2016")[1]
    assert held.split("</section>")[0].count("<td>") == 0 and "Ei mitään." in held


def test_a_duty_falls_due_between_two_days(early: Path, late: Path) -> None:
    what = "Kehitetään uusi toimintamalli nuorten kesätöiden edistämiseen."
    before, after = page(early, "sitoumukset/kaupunginjohtaja.html"), page(late, "sitoumukset/kaupunginjohtaja.html")
    assert duty_status(before, what) == "open"
    assert duty_status(after, what) == "overdue"
    # kj-2016-59's duties on 1.6.2017: the budget and the 2017 agreement late, three open
    assert "0/5 määräaikaa hoidettu 1.6.2017" in before
    assert '<span class="status st-overdue">myöhässä</span> 2' in before
    assert '<span class="status st-open">avoin</span> 3' in before
    assert "0/14 määräaikaa hoidettu 1.1.2026" in after
    assert 'href="../paatokset/kj-2016-59.html"' in after


def test_the_reporting_duty_of_a_working_group_is_a_commitment(late: Path) -> None:
    text = page(late, "sitoumukset/kansliapaallikko.html")
    assert duty_status(text, "Raportointi: Helsingin kaupunkikonsernin matkailun yhteistyöryhmä") == "overdue"
    assert "<td>2025</td><td>31.12.2025</td><td>myöhässä</td>" in text


def test_front_maker_and_decision_pages_link_the_report_pages(late: Path) -> None:
    front = page(late, "index.html")
    assert 'href="sitoumukset/kaupunginjohtaja.html"' in front
    assert 'href="organisaatiot/kaupunginkanslia-elinkeino-osasto.html"' in front
    assert 'href="../../sitoumukset/kaupunginjohtaja.html"' in page(late, "paattajat/kaupunginjohtaja/index.html")
    decision = page(late, "paatokset/kj-2016-59.html")
    assert 'href="../organisaatiot/kaupunginkanslia-elinkeino-osasto.html"' in decision
    assert 'href="../sitoumukset/kaupunginjohtaja.html"' in decision  # it creates duties
    assert "sitoumukset/" not in page(late, "paatokset/kh-2021-898.html")  # it creates none
    assert "sitoumukset/" not in page(late, "sv/index.html")


def test_every_link_of_both_days_resolves(early: Path, late: Path) -> None:
    site_tests.test_every_relative_link_resolves(early)
    site_tests.test_every_relative_link_resolves(late)


def test_another_day_makes_the_report_pages_again(late: Path, cache: Path, tmp_path: Path) -> None:
    import shutil

    out = tmp_path / "copy"
    shutil.copytree(late, out)
    result = build_site(ROOT, out, as_of=date(2026, 1, 2), documents=(), cache_dir=cache)
    assert "sitoumukset/kaupunginjohtaja.html" in result.made
    assert "organisaatiot/kaupunginkanslia.html" in result.made
    assert "paatokset/kj-2016-59.html" not in result.made


# ---------------------------------------------------------------- evidence and leaks


def _closing(**changes: object) -> dict[str, object]:
    """kj-2017-3: marks kj-2016-1's report made."""
    record = builders.decision(
        id="kj-2017-3", number=3, date="2017-09-01", title="Raportin käsittely",
        sections=[{"kind": "decision", "body": ["Kanslian raportti on käsitelty."]},
                  {"kind": "grounds", "body": ["Perustelut ovat tässä."]}],
        transfers=[], obligations=[],
        fulfils=[{"obligation": "kj-2016-1.raportti", "evidence": "Kanslian raportti hallitukselle"}],
    )
    record.update(changes)
    return record


def test_a_fulfilled_duty_shows_its_evidence_linked(tmp_path: Path) -> None:
    records = builders.write_repo(tmp_path / "records", builders.decision(), _closing())
    before = build_site_from(records, tmp_path / "before", EARLY)
    after = build_site_from(records, tmp_path / "after", date(2018, 1, 1))
    first, then = page(before, "sitoumukset/johtaja.html"), page(after, "sitoumukset/johtaja.html")
    assert duty_status(first, "Raportoi.") == "open" and "kj-2017-3" not in first
    assert duty_status(then, "Raportoi.") == "fulfilled"
    assert "1/1 määräaikaa hoidettu 1.1.2018" in then
    assert '<a href="../paatokset/kj-2017-3.html">Kanslian raportti hallitukselle (1.9.2017)</a>' in then
    assert '<a href="../organisaatiot/kanslia.html">Kanslia</a>' in then  # its owner
    site_tests.test_every_relative_link_resolves(after)


def build_site_from(records: Path, out: Path, day: date, documents: tuple[str, ...] = ()) -> Path:
    build_site(records, out, as_of=day, documents=documents, cache_dir=out.parent / "cache")
    return out


def test_the_audit_links_the_decisions_pdf_when_the_site_holds_it(tmp_path: Path) -> None:
    records = builders.write_repo(tmp_path / "records", builders.decision())
    out = build_site_from(records, tmp_path / "public", date(2018, 1, 1), documents=("pdf",))
    text = page(out, "organisaatiot/kanslia.html")
    assert 'href="../asiakirjat/kj-2016-1-julkinen.pdf"' in text
    assert 'href="../paatokset/kj-2016-1.html"' in text
    site_tests.test_every_relative_link_resolves(out)


def test_no_masked_name_or_secret_reaches_a_report_page(tmp_path: Path) -> None:
    secret_closing = _closing(
        publicity={"class": "salassa-pidettava", "basis": "JulkL (621/1999) 24.1 § 25 k"},
        title="Kivikkolan perheen raportti",
        fulfils=[{"obligation": "kj-2016-1.raportti", "evidence": "Kivikkolan perheen tilanne raportoitu"}],
    )
    secret = _secret_decision()  # its working group reports yearly, in words from its secret text
    secret["mandates"][0]["reporting"] = [{"id": "kj-2016-2.tukiryhma.raportointi", "to": "hallitus",
                                           "every": "yearly",
                                           "quote": "Kivikkolan perheen tilanne arvioidaan vuonna 2017."}]
    records = builders.write_repo(tmp_path / "records", _public_decision(), secret, secret_closing)
    for day in (EARLY, date(2018, 1, 1)):
        out = build_site_from(records, tmp_path / day.isoformat(), day)
        reports = {name: _fold(data.decode("utf-8")) for name, data in site_tests.site_files(out).items()
                   if name.startswith(("organisaatiot/", "sitoumukset/"))}
        assert "sitoumukset/johtaja.html" in reports and "organisaatiot/kanslia.html" in reports
        found = [(name, word) for name, text in reports.items() for word in (*NAME_FORMS, *SECRETS) if word in text]
        assert found == []
        # the secret decision's duty and its group's reporting are there, as their mention
        commitments = reports["sitoumukset/johtaja.html"]
        assert commitments.count("<h2>salassa pidettävä päätös</h2>") == 1
        assert commitments.count("<h2>raportointi: salassa pidettävä päätös</h2>") == 1


def test_an_organisation_that_ended_names_its_successor_and_its_last_day(late: Path) -> None:
    facts = page(late, "organisaatiot/sosiaali-ja-terveysvirasto.html").split('<dl class="facts">')[1]
    facts = facts.split("</dl>")[0]
    assert '<dt>Seuraaja</dt>\n<dd><a href="sosiaali-ja-terveystoimiala.html">Sosiaali- ja terveystoimiala</a>' in facts
    assert "<dt>Toiminut asti</dt>\n<dd>31.5.2017</dd>" in facts
    assert "<dt>Toiminut alkaen</dt>\n<dd>ennen aineiston alkua</dd>" in facts


def test_a_name_shown_during_the_appeal_period_is_on_no_report_page(tmp_path: Path) -> None:
    said = "Kanslia raportoi Aino Appelsiinille vuonna 2017."
    record = builders.decision(
        sections=[{"kind": "decision", "body": [builders.TEXT, said]},
                  {"kind": "grounds", "body": ["Perustelut ovat tässä."]}],
        published_personal_data=["Aino Appelsiini"], published_on="2016-06-01",
    )
    record["obligations"][0].update(what="Raportoi Aino Appelsiinille.", quote=said)
    records = builders.write_repo(tmp_path / "records", record)
    out = build_site_from(records, tmp_path / "public", date(2016, 6, 5))
    assert "appelsiini" in _fold(page(out, "paatokset/kj-2016-1.html"))  # the appeal period runs
    for name in ("sitoumukset/johtaja.html", "organisaatiot/kanslia.html", "organisaatiot/virasto.html"):
        assert "appelsiini" not in _fold(page(out, name)), name


def test_a_body_whose_duties_begin_later_has_its_page_saying_none_yet(tmp_path: Path) -> None:
    records = builders.write_repo(tmp_path / "records", builders.decision())
    out = build_site_from(records, tmp_path / "public", date(2016, 1, 1))
    text = page(out, "sitoumukset/johtaja.html")
    assert "Päättäjän päätöksistä ei seuraa velvoitteita 1.1.2016." in text and "duty-" not in text
    assert "0/0 määräaikaa hoidettu 1.1.2016" in text
    assert 'href="../../sitoumukset/johtaja.html"' in page(out, "paattajat/johtaja/index.html")
