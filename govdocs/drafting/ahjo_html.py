"""The HTML of a published Ahjo decision (its ``Content``) read into the
record format's parts: text sections with their blocks, presenter,
contacts, attachments, appeal text, extracts and who is told.

Every element is placed or refused: an element this reader does not know
stops the import with `HtmlRefused`, naming the element and where it is, so
nothing is guessed and nothing is silently dropped."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import lxml.html
import yaml
from lxml.etree import ParserError, _Element

from govdocs.document.labels import labels_for
from govdocs.resources import TEMPLATES_DIR

INLINE = {"a", "span", "strong", "em", "b", "i", "u", "sup", "sub", "font", "abbr"}
"""Elements inside a paragraph whose text is simply part of it."""
HEADINGS = {"h3", "h4", "h5", "h6"}


@cache
def settings() -> dict[str, Any]:
    """templates/import/ahjo.yaml: the Ahjo HTML's classes and words."""
    data: dict[str, Any] = yaml.safe_load(
        (TEMPLATES_DIR / "import" / "ahjo.yaml").read_text(encoding="utf-8")
    )
    return data


class HtmlRefused(ValueError):
    """An element the reader cannot place: ``where`` says which one."""

    def __init__(self, where: str, what: str):
        super().__init__(f"{where}: {what}")
        self.where, self.what = where, what


@dataclass
class Parsed:
    """What the HTML holds, in the record format's terms (plain data, as
    a record file holds it)."""

    lang: str
    number: str
    title: str
    case_line: str
    references: dict[str, str] = field(default_factory=dict)
    """``project_number`` and ``facta``, where the decision prints them."""
    sections: list[dict[str, Any]] = field(default_factory=list)
    presenter: dict[str, str] | None = None
    contacts: list[dict[str, str]] = field(default_factory=list)
    attachments: list[tuple[int, str]] = field(default_factory=list)
    appeal: list[str] = field(default_factory=list)
    extracts: list[dict[str, Any]] = field(default_factory=list)
    for_information: list[str] = field(default_factory=list)


def clean(text: str) -> str:
    """White space as the record format holds it: one space between words
    (no-break and thin spaces included), none at the ends; no control
    characters."""
    return "".join(c for c in " ".join(text.split()) if c.isprintable())


def describe(el: _Element) -> str:
    """``<div class="X">`` at its path in the document, for messages."""
    cls = el.get("class")
    tag = f'<{el.tag} class="{cls}">' if cls else f"<{el.tag}>"
    return f"{tag} at {el.getroottree().getpath(el)}"


def parse(html: str) -> Parsed:
    """The parts of a decision's ``html`` (its ``Content``); raises
    `HtmlRefused` for what it cannot place, or when it has no text."""
    parsed = _read(html, settings()["parts"]["decision"])
    top = f'<div class="{settings()["parts"]["decision"]}">'
    if not parsed.title:
        raise HtmlRefused(top, f'has no <h1 class="{settings()["parts"]["title"]}"> title')
    if not parsed.sections:
        raise HtmlRefused(
            top,
            f'has no <div class="{settings()["parts"]["section"]}"> text section '
            "(a secret decision is published as a mention only)",
        )
    return parsed


def presenter_grounds(html: str) -> list[dict[str, Any]]:
    """The presenter's grounds (Esittelijän perustelut) of a proposal's
    ``html`` (Ahjo's ``Motion``): the decision's own HTML leaves them out."""
    sections = _read(html, settings()["parts"]["motion"]).sections
    return [s for s in sections if s["kind"] == "presenter-grounds"]


def _read(html: str, top_class: str) -> Parsed:
    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError) as exc:
        raise HtmlRefused("the HTML", f"does not parse ({exc})") from None
    lang = root.get("lang") or ""
    if lang not in ("fi", "sv"):
        raise HtmlRefused("<html>", f"lang '{lang}' is not fi or sv")
    found = root.find_class(top_class)
    if len(found) != 1:
        raise HtmlRefused("<body>", f'holds {len(found)} <div class="{top_class}">; expected one')
    return _Reader(found[0], lang).read()


class _Reader:
    """Walks the children of the document's top ``div`` in order; each part's heading
    starts it, and the elements after it belong to it until the next part."""

    def __init__(self, top: _Element, lang: str):
        self.top, self.lang = top, lang
        self.parts = settings()["parts"]
        self.found: dict[str, str] = {}
        self.parsed = Parsed(lang, "", "", "")

    def read(self) -> Parsed:
        children = [c for c in self.top if isinstance(c.tag, str)]
        readers: dict[str, Callable[[_Element, list[_Element]], None]] = {
            self.parts["presenter"]: self._presenter,
            self.parts["contacts"]: self._contacts,
            self.parts["attachments"]: self._attachments,
            self.parts["appeal"]: self._appeal,
            self.parts["extracts"]: self._extracts,
            self.parts["for_information"]: self._for_information,
        }
        index = 0
        while index < len(children):
            el = children[index]
            cls = el.get("class") or ""
            if el.tag == "h3" and cls in readers:
                end = self._part_end(children, index + 1)
                readers[cls](el, children[index + 1 : end])
                index = end
                continue
            self._head_or_section(el, cls)
            index += 1
        return self._complete()

    @staticmethod
    def _part_end(children: list[_Element], start: int) -> int:
        """A part runs to the next element with a class: the next part, or
        one this reader does not know (refused, never swallowed)."""
        for n in range(start, len(children)):
            if children[n].get("class"):
                return n
        return len(children)

    def _head_or_section(self, el: _Element, cls: str) -> None:
        text = clean(el.text_content())
        if cls in (self.parts["number"], self.parts["title"], self.parts["case"]):
            self.found[cls] = text
        elif cls == self.parts["section"]:
            self.parsed.sections.append(self._section(el))
        elif cls == self.parts["reference"]:
            if text:
                self._reference(el, text)
        elif cls in self.parts["empty"]:
            if text:
                raise HtmlRefused(describe(el), f"holds text ('{text[:60]}'), which govdocs cannot place")
        else:
            raise HtmlRefused(describe(el), "is not a part of an Ahjo decision govdocs knows")

    def _reference(self, el: _Element, text: str) -> None:
        labels = labels_for(self.lang)
        for key in ("project_number", "facta"):
            prefix = f"{labels[key + '_prefix']} "
            if text.startswith(prefix) and key not in self.parsed.references:
                self.parsed.references[key] = text.removeprefix(prefix).strip()
                return
        raise HtmlRefused(describe(el), f"holds '{text[:60]}', neither a project number nor Facta numbers")

    def _complete(self) -> Parsed:
        parsed = self.parsed
        parsed.number = self.found.get(self.parts["number"], "")
        parsed.title = self.found.get(self.parts["title"], "")
        parsed.case_line = self.found.get(self.parts["case"], "")
        return parsed

    # --- text sections ------------------------------------------------------------

    def _section(self, el: _Element) -> dict[str, Any]:
        children = [c for c in el if isinstance(c.tag, str)]
        if not children or children[0].get("class") != self.parts["section_heading"]:
            raise HtmlRefused(
                describe(el), f'does not open with its <h3 class="{self.parts["section_heading"]}">'
            )
        heading = clean(children[0].text_content())
        body = [block for child in children[1:] for block in self._blocks(child)]
        if not body:
            raise HtmlRefused(describe(el), f"section '{heading}' has no text")
        kinds = {str(v): k for k, v in labels_for(self.lang)["sections"].items()}
        kind = kinds.get(heading)
        section: dict[str, Any] = {"kind": kind} if kind else {"kind": "free", "heading": heading}
        section["body"] = body
        return section

    def _blocks(self, el: _Element) -> Iterator[Any]:
        """The blocks one element of a section gives."""
        if el.tag == "p":
            yield from _lines(el)
        elif el.tag in HEADINGS and not el.get("class"):
            yield from ({"subheading": line} for line in _lines(el))
        elif el.tag in ("ul", "ol"):
            yield _list(el)
        elif el.tag == "table":
            yield {"table": _table(el)}
        elif el.tag == "div" and not el.get("class"):
            inner = [c for c in el if isinstance(c.tag, str)]
            if inner and all(c.tag not in INLINE and c.tag != "br" for c in inner):
                if clean(el.text or "") or any(clean(c.tail or "") for c in inner):
                    raise HtmlRefused(describe(el), "mixes text with blocks")
                for child in inner:
                    yield from self._blocks(child)
            else:
                yield from _lines(el)
        else:
            raise HtmlRefused(describe(el), "is not a paragraph, list, table or heading govdocs can place")

    # --- the parts after the text -------------------------------------------------------

    def _presenter(self, heading: _Element, els: list[_Element]) -> None:
        lines = [clean(e.text_content()) for e in els]
        if len(lines) != 2 or any(e.tag != "div" for e in els):
            raise HtmlRefused(describe(heading), "is not followed by a title and a name, one <div> each")
        if all(lines):
            self.parsed.presenter = {"title": lines[0], "name": lines[1]}
        elif any(lines):
            raise HtmlRefused(describe(els[0]), "gives a presenter's title or name but not both")

    def _contacts(self, heading: _Element, els: list[_Element]) -> None:
        phone = str(labels_for(self.lang)["phone"])
        for el in els:
            text = clean(el.text_content())
            if el.tag == "p":
                self.parsed.contacts.append(_contact(text, phone))
            elif el.tag == "div" and self.parsed.contacts and "email" not in self.parsed.contacts[-1]:
                self.parsed.contacts[-1]["email"] = text
            else:
                raise HtmlRefused(describe(el), "is neither a contact nor its e-mail address")

    def _attachments(self, heading: _Element, els: list[_Element]) -> None:
        for el in els:
            found = re.fullmatch(r"(\d+) (.+)", clean(el.text_content()))
            if el.tag != "div" or found is None:
                raise HtmlRefused(describe(el), "is not an attachment line ('1 Title')")
            self.parsed.attachments.append((int(found.group(1)), found.group(2)))

    def _appeal(self, heading: _Element, els: list[_Element]) -> None:
        # only its heading and words are read (the route's text is the templates'), so its
        # address tables and lists are text here
        self.parsed.appeal = [text for el in els if (text := clean(el.text_content()))]

    def _extracts(self, heading: _Element, els: list[_Element]) -> None:
        if len(els) != 1 or els[0].tag != "table":
            raise HtmlRefused(describe(heading), "is not followed by one table of extracts")
        for row in els[0].iter("tr"):
            cells = [c for c in row if c.tag == "td"]
            if not cells:
                continue
            if len(cells) != 2:
                raise HtmlRefused(describe(row), "an extract row has a recipient and its attachments")
            with_it = [clean(d.text_content()) for d in cells[1] if d.tag == "div"]
            self.parsed.extracts.append(
                {"to": clean(cells[0].text_content()), "attachments": [a for a in with_it if a]}
            )

    def _for_information(self, heading: _Element, els: list[_Element]) -> None:
        for el in els:
            if el.tag != "p":
                raise HtmlRefused(describe(el), "is not a unit told of the decision")
            self.parsed.for_information.append(clean(el.text_content()))


def _contact(text: str, phone_label: str) -> dict[str, str]:
    """'Name, title, puhelin: 310 89045' as printed, in its parts."""
    name, _, rest = text.partition(", ")
    contact = {"name": name}
    title, marker, phone = rest.rpartition(f", {phone_label}: ")
    if marker:
        contact.update(title=title, phone=phone)
    elif rest:
        contact["title"] = rest
    return contact


def _lines(el: _Element) -> list[str]:
    """A paragraph's text, one entry per line its <br>s make; refuses a
    block element inside it."""
    lines: list[list[str]] = [[el.text or ""]]
    _walk(el, el, lines)
    return [cleaned for line in lines if (cleaned := clean("".join(line)))]


def _walk(top: _Element, node: _Element, lines: list[list[str]]) -> None:
    for child in node:
        if child.tag == "br":
            lines.append([])
        elif child.tag in INLINE:
            lines[-1].append(child.text or "")
            _walk(top, child, lines)
        elif isinstance(child.tag, str):
            raise HtmlRefused(describe(child), f"inside a <{top.tag}> is not text govdocs can place")
        lines[-1].append(child.tail or "")


def _list(el: _Element) -> dict[str, list[str]]:
    items = []
    for li in el:
        if not isinstance(li.tag, str):
            continue
        if li.tag != "li":
            raise HtmlRefused(describe(li), f"inside a <{el.tag}> is not a list item")
        if any(c.tag in ("ul", "ol") for c in li.iterdescendants()):
            raise HtmlRefused(
                describe(li), "holds a list inside a list item, which the record format cannot hold"
            )
        text = " ".join(_lines(li))
        if text:
            items.append(text)
    if not items:
        raise HtmlRefused(describe(el), "is an empty list")
    return {"numbered" if el.tag == "ol" else "list": items}


def _table(el: _Element) -> dict[str, Any]:
    rows = [[clean(cell.text_content()) for cell in tr if cell.tag in ("td", "th")] for tr in el.iter("tr")]
    rows = [row for row in rows if row]
    if len(rows) < 2 or any(len(row) != len(rows[0]) for row in rows):
        raise HtmlRefused(describe(el), "is not a table of a header row and rows of the same width")
    return {"columns": rows[0], "rows": rows[1:]}
