"""Laying out a document: the neutral tree (:mod:`.model`), tree transforms
(:mod:`.transform`) and the builders that turn records into trees
(:mod:`.decision`)."""
