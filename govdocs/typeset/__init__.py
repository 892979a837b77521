"""Typesetting helpers shared by the renderers: Finnish hyphenation, the shipped fonts, and
WeasyPrint's line breaker spared its hopeless soft-hyphen tries (same bytes, faster)."""
