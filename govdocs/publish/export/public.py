"""What every export may show of a decision: its web copy, nothing more.

Each format builds its objects from a :class:`PublicView`: the decision as
its public copy shows it on the day asked. A secret decision is only its
mention (who decided, §, diary number, the legal basis); its text, votes,
motions and attachments stay out. Texts come from the public document tree
(the same one the site renders), and every string a format writes passes
through the decision's :class:`~govdocs.document.redact.Redactor` at the
end (:func:`scrubbed`), so personal data the web copy masks on that day
(`govdocs.publish.lifecycle.masked_personal_data`) appears in no exported
field, whatever field a format takes it from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from govdocs.document.decision import build_decision
from govdocs.document.labels import labels_for
from govdocs.document.redact import Redactor, is_secret, public_quote
from govdocs.model.decision import Attachment, Decision, PublicityClass
from govdocs.model.items import Vote
from govdocs.model.registry import DecisionMaker
from govdocs.publish.lifecycle import masked_personal_data
from govdocs.repository import Repository

__all__ = ["PublicView", "everyone_masked", "public_views", "scrubbed", "slug"]


@dataclass(frozen=True)
class PublicView:
    """One decision as its web copy shows it on ``as_of``."""

    repo: Repository
    decision: Decision
    as_of: date

    @property
    def id(self) -> str:
        return self.decision.id

    @property
    def secret(self) -> bool:
        """Wholly secret: the export holds only its mention."""
        return is_secret(self.decision.publicity)

    @cached_property
    def redactor(self) -> Redactor:
        return Redactor(masked_personal_data(self.repo, self.decision, self.as_of))

    @cached_property
    def text(self) -> str:
        """The public copy's text (the text writer over the public tree)."""
        from govdocs.writers.text import write_text

        doc = build_decision(self.repo, self.decision, public=True, as_of=self.as_of)
        return write_text(doc).decode("utf-8")

    @property
    def title(self) -> str:
        """The public title: a secret decision's `public_title`, else the
        public copy's heading for it ('Salassa pidettävä päätös')."""
        if self.secret:
            return self.decision.public_title or str(labels_for(self.decision.language)["secret_decision"])
        return self.decision.title

    @property
    def maker(self) -> DecisionMaker | None:
        return self.repo.makers.get(self.decision.maker)

    def maker_name(self, maker_id: str | None = None, fallback: str | None = None) -> str | None:
        """The Finnish name of ``maker_id`` (default: the decision's maker)."""
        found = self.repo.makers.get(maker_id or self.decision.maker)
        return found.name.fi if found else fallback

    @property
    def votes(self) -> list[Vote]:
        return [] if self.secret else list(self.decision.votes)

    def proposal(self, text: object) -> str | None:
        """A vote's JAA or EI proposal as the public copy may show it:
        a quote from a secret section becomes that section's mention."""
        if not isinstance(text, str):
            return None  # not stated
        return public_quote(self.repo, self.id, text, self.decision.language) or text

    @property
    def attachments(self) -> list[Attachment]:
        """Every attachment the public copy lists (a secret decision: none)."""
        return [] if self.secret else list(self.decision.attachments)

    @staticmethod
    def attachment_title(attachment: Attachment) -> str | None:
        """The title, unless the attachment itself is not public (then only its mention is shown)."""
        return attachment.title if attachment.publicity.class_ is PublicityClass.PUBLIC else None


def public_views(repo: Repository, as_of: date) -> Iterator[PublicView]:
    """Every decision's public view, in id order (the export's stable order)."""
    for decision_id in sorted(repo.decisions):
        yield PublicView(repo, repo.decisions[decision_id], as_of)


def scrubbed(value: Any, redactor: Redactor) -> Any:
    """``value`` (JSON data) with every string masked by ``redactor``, keys too."""
    if isinstance(value, str):
        return redactor(value)
    if isinstance(value, dict):
        return {redactor(k): scrubbed(v, redactor) for k, v in value.items()}
    if isinstance(value, list):
        return [scrubbed(v, redactor) for v in value]
    return value


def everyone_masked(views: list[PublicView]) -> Redactor:
    """One redactor for objects many decisions share (a person, a group):
    what any of them masks on the day."""
    every = (p for view in views for p in masked_personal_data(view.repo, view.decision, view.as_of))
    return Redactor(dict.fromkeys(every))


def slug(text: str) -> str:
    """'Otso Kivekäs' → 'otso-kivekas': a stable id part of a name."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())
