"""Swedish versions of decisions: the shared council meeting's items
(kaupunginvaltuusto 22.10.2025, § 244–256) render word for word as Helsinki
published them in Swedish, in every format; a Swedish quote is checked
against the Swedish text; and a Swedish rendering with any Swedish text
missing is refused, located, with nothing written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import govdocs
from govdocs.document.decision import build_decision
from govdocs.problems import RecordsInvalid
from govdocs.render import FORMATS, render, render_document, render_meeting
from govdocs.repository import Repository
from tests.render_helpers import ROOT, missing_in_order, paragraphs_of, readings, squash

SECTIONS = range(244, 257)
PUBLISHED = "meeting/kaupunginvaltuusto-2025-10-22/{section}-sv.txt"
EXTENSIONS = {"html": ".html", "pdf": ".pdf", "docx": ".docx", "txt": ".txt"}
APPEAL = squash("Sökande av ändring")


@pytest.fixture(scope="module")
def repo() -> Repository:
    return govdocs.load(ROOT)


def published(section: int) -> tuple[list[str], list[str]]:
    """The Swedish item's paragraphs before its appeal instructions, and from them on."""
    paragraphs = paragraphs_of(PUBLISHED.format(section=section))
    at = paragraphs.index(APPEAL)
    return paragraphs[:at], paragraphs[at:]


def found(paragraphs: list[str], path: Path) -> str | None:
    """None when ``paragraphs`` are in order in some reading of ``path``, else the first missing one."""
    missing = [missing_in_order(paragraphs, text) for text in readings(path)]
    return None if None in missing else missing[0]


def _formats() -> list[object]:
    return [pytest.param(f, marks=pytest.mark.slow) if f == "pdf" else f for f in FORMATS]


@pytest.fixture(scope="module", params=_formats())
def texts(request: pytest.FixtureRequest, repo: Repository, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every item's Swedish text without its appeal instructions, rendered
    in one format through the decision builder and the writers."""
    fmt = request.param
    out = tmp_path_factory.mktemp(f"sv-{fmt}")
    for n in SECTIONS:
        decision = repo.decisions[f"kv-2025-{n}"].model_copy(update={"appeal": None})
        render_document(build_decision(repo, decision, lang="sv"), [fmt], out, decision.id)
    return out


@pytest.mark.parametrize("section", SECTIONS)
def test_the_swedish_text_is_published_word_for_word(texts: Path, section: int) -> None:
    [path] = texts.glob(f"kv-2025-{section}.*")
    text, _appeal = published(section)
    assert found(text, path) is None


@pytest.mark.slow
@pytest.mark.parametrize("section", SECTIONS)
def test_the_swedish_item_renders_with_its_swedish_appeal_text(
    repo: Repository, tmp_path: Path, section: int
) -> None:
    paths = render(repo, f"kv-2025-{section}", FORMATS, tmp_path, lang="sv")
    text, appeal = published(section)
    assert appeal[1].startswith((squash("FÖRBUD MOT SÖKANDE AV ÄNDRING"), squash("BESVÄRSANVISNING")))
    for path in paths:
        assert found([*text, *appeal], path) is None, path.name


def test_the_swedish_minutes_refuse_without_writing(repo: Repository, tmp_path: Path) -> None:
    """Every item has its Swedish version; the meeting record's own texts
    (the place, the checkers' titles) have none in the sources, so the
    Swedish minutes are refused as a whole, located, never written half in
    Finnish."""
    with pytest.raises(RecordsInvalid) as refused:
        render_meeting(repo, "kaupunginvaltuusto-2025-16", ["txt"], tmp_path, kinds=("minutes",), lang="sv")
    problems = refused.value.problems
    assert {p.code for p in problems} == {"swedish-missing"}
    assert {Path(p.file).name for p in problems} == {"kaupunginvaltuusto-2025-16.yaml"}
    assert [p.message.split("'")[1] for p in problems] == ["place", "title", "title", "title", "title"]
    assert list(tmp_path.iterdir()) == []


def test_a_missing_swedish_text_is_refused_where_it_is(repo: Repository, tmp_path: Path) -> None:
    decision = repo.decisions["kv-2025-255"]
    vote = decision.votes[0].model_copy(update={"jaa_sv": None})
    broken = decision.model_copy(update={"votes": [vote]})
    with pytest.raises(RecordsInvalid) as refused:
        build_decision(repo, broken, lang="sv")
    [problem] = refused.value.problems
    assert problem.code == "swedish-missing" and "'jaa'" in problem.message
    assert problem.format().startswith("decisions/2025/kaupunginvaltuusto/kv-2025-255.yaml:")
    line = int(problem.format().split(":")[1])
    source = repo.files[decision.id].read_text(encoding="utf-8").splitlines()
    assert source[line - 1].strip().startswith("jaa:")


def test_a_decision_without_a_swedish_version_is_refused(repo: Repository, tmp_path: Path) -> None:
    with pytest.raises(RecordsInvalid) as refused:
        render(repo, "kj-2016-59", ["txt"], tmp_path, lang="sv")
    assert [p.code for p in refused.value.problems] == ["swedish-missing"]
    assert "no Swedish version" in refused.value.problems[0].message
    assert list(tmp_path.iterdir()) == []


def test_the_finnish_rendering_is_untouched_by_the_swedish_version(repo: Repository) -> None:
    decision = repo.decisions["kv-2025-255"]
    with_sv = build_decision(repo, decision)
    without = build_decision(repo, decision.model_copy(update={"sv": None}))
    assert with_sv == without


def test_cli_render_sv_refuses_with_a_located_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from govdocs.cli import cli

    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", "kj-2016-59", "-C", str(ROOT), "--lang", "sv", "--out", str(out)])
    assert result.exit_code == 1
    assert "kj-2016-59.yaml:13:8: error: decision 'kj-2016-59' has no Swedish version" in result.output
    assert not out.exists() or list(out.iterdir()) == []


SV_QUOTE = "    quote_sv: Stadsfullmäktige betraktade motionen som slutbehandlad.\n"


def test_a_swedish_quote_is_checked_against_the_swedish_text(records: Path, edit: Callable[..., Path]) -> None:
    relative = "decisions/2025/kaupunginvaltuusto/kv-2025-255.yaml"
    path = edit(relative, SV_QUOTE, SV_QUOTE.replace("betraktade", "ansåg"))
    problems = [p for p in govdocs.validate(records).problems if p.code == "quote-not-in-text"]
    assert [p.message for p in problems] == [
        "quote is not in the Swedish text of decision 'kv-2025-255'; the text matches up to "
        "'Stadsfullmäktige' and then differs at 'ansåg'"
    ]
    line = path.read_text(encoding="utf-8").splitlines().index(SV_QUOTE.replace("betraktade", "ansåg")[:-1]) + 1
    assert problems[0].format().startswith(f"{path}:{line}:")


def test_a_finnish_quote_is_no_swedish_quote(records: Path, edit: Callable[..., Path]) -> None:
    relative = "decisions/2025/kaupunginvaltuusto/kv-2025-255.yaml"
    edit(relative, SV_QUOTE, "    quote_sv: Kaupunginvaltuusto katsoi aloitteen loppuun käsitellyksi.\n")
    problems = [p for p in govdocs.validate(records).problems if p.code == "quote-not-in-text"]
    assert len(problems) == 1 and "Swedish text" in problems[0].message


# --- reports and the preview follow the language ---------------------------------------


def _keys(data: object, prefix: str = "") -> set[str]:
    if not isinstance(data, dict):
        return {prefix}
    return {k for key, value in data.items() for k in _keys(value, f"{prefix}.{key}")}


@pytest.mark.parametrize("name", ["labels", "followup", "audit"])
def test_every_label_set_has_its_swedish_keys(name: str) -> None:
    from govdocs.document.labels import label_set

    assert _keys(dict(label_set(name, "sv"))) == _keys(dict(label_set(name, "fi")))


def test_the_reports_speak_swedish(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from govdocs.cli import cli

    runner = CliRunner()
    followup = runner.invoke(cli, ["report", "followup", "-C", str(ROOT), "--lang", "sv", "--as-of", "2018-01-01",
                                   "--format", "txt", "--out", str(tmp_path), "--municipality", "helsinki"])
    audit = runner.invoke(cli, ["report", "audit", "sosiaali-ja-terveysvirasto", "-C", str(ROOT), "--lang", "sv",
                                "--format", "txt", "--out", str(tmp_path)])
    assert followup.exit_code == 0 and audit.exit_code == 0, followup.output + audit.output
    texts = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.txt")}
    [report] = [t for name, t in texts.items() if name.startswith("seuranta")]
    [responsibilities] = [t for name, t in texts.items() if name.startswith("vastuut")]
    assert "Uppföljningsrapport om besluten 1.1.2018" in report and "Skyldigheter" in report
    assert "Velvoitteet" not in report and "Helsingfors stad" in report
    assert "Granskning av ansvar: Social- och hälsovårdsverket" in responsibilities
    assert "Vastuiden tarkastus" not in responsibilities


def test_the_preview_shows_the_swedish_version_or_says_what_is_missing() -> None:
    from govdocs.drafting.preview import Preview

    preview = Preview(ROOT, "sv")
    index = preview.page("/").body.decode("utf-8")
    assert '<html lang="sv">' in index and "Val av protokolljusterare" in index
    page = preview.page("/d/kj-2016-59").body.decode("utf-8")
    assert "kj-2016-59.yaml:13:8" in page and "has no Swedish version" in page
    assert "Beslutet kan inte visas" in page
    assert preview.page("/d/kj-2016-59.pdf").status == 409


# --- the build --------------------------------------------------------------------------


def test_a_swedish_build_is_refused_while_a_record_lacks_its_swedish(tmp_path: Path) -> None:
    from govdocs.build import build

    with pytest.raises(RecordsInvalid) as refused:
        build(ROOT, tmp_path / "site", formats=["txt"], reports=False, jobs=1, cache_dir=tmp_path / "cache",
              lang="sv")
    codes = {p.code for p in refused.value.problems if p.is_error}
    assert codes == {"swedish-missing"}
    assert any(p.file.endswith("kj-2016-59.yaml") for p in refused.value.problems)
    assert not (tmp_path / "site").exists() or list((tmp_path / "site").iterdir()) == []


def test_a_swedish_build_renders_swedish_under_its_own_keys(tmp_path: Path) -> None:
    import json

    from govdocs.build import build
    from tests import builders

    root = builders.write_repo(tmp_path / "records", *builders.swedish_meeting_records(),
                               registry=builders.swedish_meeting_registry())
    options = {"formats": ["txt"], "reports": False, "jobs": 1, "cache_dir": tmp_path / "cache"}
    build(root, tmp_path / "fi", **options)  # type: ignore[arg-type]
    build(root, tmp_path / "sv", lang="sv", **options)  # type: ignore[arg-type]
    finnish = json.loads((tmp_path / "fi" / "manifest.json").read_text(encoding="utf-8"))
    swedish = json.loads((tmp_path / "sv" / "manifest.json").read_text(encoding="utf-8"))
    assert "lang" not in finnish and swedish["lang"] == "sv"
    assert finnish["outputs"].keys() == swedish["outputs"].keys()
    for name, entry in swedish["outputs"].items():
        assert entry["key"] != finnish["outputs"][name]["key"], name  # never the Finnish output from the cache
    text = (tmp_path / "sv" / "hallitus-2024-10.txt").read_text(encoding="utf-8")
    assert builders.MEETING_TEXTS_SV[10] in text and builders.MEETING_TEXTS[10] not in text


# --- the public copy in Swedish ---------------------------------------------------------


def _swedish_repo(root: Path, change: Callable[[list[dict[str, object]]], None] | None = None) -> Repository:
    from tests import builders

    records = builders.swedish_meeting_records()
    if change is not None:
        change(records)  # type: ignore[arg-type]
    return govdocs.load(builders.write_repo(root, *records, registry=builders.swedish_meeting_registry()))


def test_the_swedish_public_copy_masks_the_marked_personal_data(tmp_path: Path) -> None:
    from tests import builders

    repo = _swedish_repo(tmp_path / "records")
    [path] = render_meeting(repo, builders.MEETING_ID, ["txt"], tmp_path, kinds=("minutes",), public=True, lang="sv")
    text = path.read_text(encoding="utf-8")
    assert builders.PRIVATE_PERSON not in text
    assert "Kommunstyrelsen beviljade ***** ett understöd på 500 euro för hembygdsarbete." in text


def test_unmarked_personal_data_in_the_swedish_text_refuses_the_public_copy(tmp_path: Path) -> None:
    from tests import builders

    def leak(records: list[dict[str, object]]) -> None:
        sv = records[2]["sv"]
        sv["sections"][0]["body"].append("Sökandens personbeteckning är 131052-308T.")  # type: ignore[index]

    repo = _swedish_repo(tmp_path / "records", leak)
    with pytest.raises(RecordsInvalid) as refused:
        render_meeting(repo, builders.MEETING_ID, ["txt"], tmp_path / "out", kinds=("minutes",), public=True,
                       lang="sv")
    [problem] = [p for p in refused.value.problems if p.is_error]
    assert problem.file.endswith("hallitus-2024-12.yaml") and problem.code == "personal-data-unmarked"
    assert not (tmp_path / "out").exists()
    # the Finnish public copy does not print the Swedish text, so it is not refused for it
    render_meeting(repo, builders.MEETING_ID, ["txt"], tmp_path / "fi", kinds=("minutes",), public=True)
