"""WeasyPrint's line breaker, spared the soft-hyphen tries that cannot succeed.

Our Finnish hyphenation (:mod:`govdocs.typeset.hyphenation`) puts a soft
hyphen at every allowed break, so nearly every line WeasyPrint breaks has
some. When Pango ends a line at a space and the next word does not fit
whole, WeasyPrint 70's ``split_first_line`` tries each soft hyphen of the
rest of the text, longest candidate first, laying out "first line + word
part + hyphen" with Pango every time, and keeps the first that fits on one
line. Mostly none fits (Pango had already found the best break): on the
seed decision about 170 of its 270 text layouts were such tries, a quarter
of the whole warm render.

:func:`install` makes it try the shortest candidate first. If even that
overflows the line, every longer one does too (each is the shorter one with
letters added before the hyphen: wider, with more places for Pango to wrap),
so the tries are skipped and the line is broken exactly as before. When the
shortest fits, the stock loop runs unchanged. The same lines, the same
bytes: every bundled decision's PDF is byte-identical with and without it
(``tests/test_render_pdf.py`` checks the seed).

The change is applied to the pinned WeasyPrint version only, by inserting
the probe into the function's own source; any other version, or a source
that no longer reads as expected, keeps WeasyPrint's stock behaviour.
"""

from __future__ import annotations

import functools
import inspect
import logging
from types import CodeType

__all__ = ["PATCHED_VERSION", "install", "installed"]

PATCHED_VERSION = "70.0"

logger = logging.getLogger("govdocs")

stock_code: CodeType | None = None
"""WeasyPrint's own ``split_first_line`` code once :func:`install` has
replaced it (the tests render with both and compare the bytes)."""

_LOOP = "    if dictionary_iterations:\n        for first_word_part in dictionary_iterations:\n"
"""Where the stock function starts trying candidates (longest first)."""

_PROBE = """\
    # govdocs.typeset.soft_hyphens: if the shortest candidate overflows, so does every longer one.
    if manual_hyphenation and first_line_text and len(dictionary_iterations) > 1:
        new_first_line_text = first_line_text + dictionary_iterations[-1]
        hyphenated_first_line_text = new_first_line_text + style['hyphenate_character']
        _probe = create_layout(
            hyphenated_first_line_text, style, context, max_width, justification_spacing)
        if _probe.get_first_line()[1] is not None:
            dictionary_iterations = []
"""
"""Runs before the loop. Only for soft hyphens (``hyphens: manual``, ours)
and a line that already has text: with an empty first line the stock code
falls back to an overflowing hyphenated word after the loop, which stays
its own. On a skip, the loop's variables hold what its last (shortest) try
would have left in them."""


@functools.cache
def install() -> bool:
    """Patch ``weasyprint.text.line_break.split_first_line`` in place (once
    per process); whether the faster tries are in use."""
    import weasyprint
    from weasyprint.text import line_break

    if weasyprint.__version__ != PATCHED_VERSION:
        logger.debug("WeasyPrint %s, not %s: line breaking left stock", weasyprint.__version__,
                     PATCHED_VERSION)
        return False
    function = line_break.split_first_line
    source = inspect.getsource(function)
    if source.count(_LOOP) != 1:
        logger.debug("WeasyPrint's split_first_line reads differently: line breaking left stock")
        return False
    namespace = dict(vars(line_break))
    exec(compile(source.replace(_LOOP, _PROBE + _LOOP), line_break.__file__, "exec"), namespace)
    global stock_code
    stock_code = function.__code__
    # Swapping the code keeps the function object, so every module that
    # imported it by name (layout.inline, layout.preferred, svg.text) gets it.
    function.__code__ = namespace["split_first_line"].__code__
    return True


def installed() -> bool:
    """Whether :func:`install` has patched WeasyPrint in this process."""
    from weasyprint.text import line_break

    return "_probe" in line_break.split_first_line.__code__.co_varnames
