"""Stage 2: the declared record models. Every field has a docstring; the
JSON Schema (`govdocs schema`) and docs/records.md are generated from them."""

from govdocs.model.decision import Decision, FollowUp
from govdocs.model.registry import Registry

__all__ = ["Decision", "FollowUp", "Registry"]
