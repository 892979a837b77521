"""Typesetting helpers shared by the renderers: Finnish hyphenation and the shipped fonts."""
