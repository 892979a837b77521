"""WeasyPrint's line breaker, spared the soft-hyphen tries that cannot succeed.

Our Finnish hyphenation (:mod:`govdocs.typeset.hyphenation`) puts a soft
hyphen at every allowed break, so nearly every line WeasyPrint breaks has
some. When Pango ends a line at a space and the next word does not fit
whole, WeasyPrint 70's ``split_first_line`` tries each soft hyphen of the
rest of the text, longest candidate first, laying out "first line + word
part + hyphen" with Pango every time, and keeps the first that fits on one
line. Mostly none fits (Pango had already found the best break): on the
seed decision about 170 of its 270 text layouts were such tries, a fifth
of the warm render. Table cells (``overflow-wrap: anywhere``) pay it for
every character while WeasyPrint measures their min-content width.

:func:`install` makes it try the shortest candidate first. If even that
overflows the line, every longer one does too (each is the shorter one with
letters added before the hyphen: wider, with more places for Pango to wrap),
so the tries are skipped and the line is broken exactly as before. When the
shortest fits, the stock loop runs unchanged. The same lines, the same
bytes: every bundled decision's PDF is byte-identical with and without it
(``tests/test_render_pdf.py`` checks the seed, and narrow table cells with
long words).

The change is applied to the pinned WeasyPrint version only, by rewriting
one line of the function's own source (so its line numbers stay true in a
traceback); any other version, or a source that no longer reads as
expected, keeps WeasyPrint's stock behaviour.
"""

from __future__ import annotations

import functools
import inspect
import logging
from types import CodeType
from typing import Any

__all__ = ["PATCHED_VERSION", "install", "installed", "stock_code", "tries"]

PATCHED_VERSION = "70.0"

logger = logging.getLogger("govdocs")

stock_code: CodeType | None = None
"""WeasyPrint's own ``split_first_line`` code once :func:`install` has
replaced it (the tests render with both and compare the bytes)."""

_HOOK = "_govdocs_soft_hyphen_tries"
"""The name :func:`tries` has in WeasyPrint's line-breaking module."""

_STOCK_LINE = "    if dictionary_iterations:\n"
_NEW_LINE = (
    f"    if dictionary_iterations := {_HOOK}(manual_hyphenation, dictionary_iterations, "
    "first_line_text, style, context, max_width, justification_spacing):\n"
)


def tries(manual: bool, candidates: list[str], first_line_text: str, style: Any, context: Any,
          max_width: float, justification_spacing: float) -> list[str]:
    """The soft-hyphen candidates (longest first) the stock loop must try.

    All of them, unless the shortest overflows the line: then only that
    one, which fails again in the loop exactly as its last try would, so
    everything after the loop sees what the stock code leaves behind (with
    no other text on the line, it sets the word overflowing, hyphenated)."""
    if not manual or len(candidates) < 2:
        return candidates
    from weasyprint.text.line_break import create_layout

    text = first_line_text + candidates[-1] + style["hyphenate_character"]
    _, second_line = create_layout(text, style, context, max_width, justification_spacing).get_first_line()
    return candidates if second_line is None else candidates[-1:]


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
    lines, first = inspect.getsourcelines(function)
    if lines.count(_STOCK_LINE) != 1:
        logger.debug("WeasyPrint's split_first_line reads differently: line breaking left stock")
        return False
    source = "\n" * (first - 1) + "".join(_NEW_LINE if line == _STOCK_LINE else line for line in lines)
    namespace: dict[str, Any] = {}
    exec(compile(source, line_break.__file__, "exec"), vars(line_break).copy(), namespace)
    global stock_code
    stock_code = function.__code__
    setattr(line_break, _HOOK, tries)
    # Swapping the code keeps the function object, so every module that
    # imported it by name (layout.inline, layout.preferred, svg.text) gets it.
    function.__code__ = namespace["split_first_line"].__code__
    return True


def installed() -> bool:
    """Whether WeasyPrint's line breaker runs with :func:`tries` in this process."""
    from weasyprint.text import line_break

    return _HOOK in line_break.split_first_line.__code__.co_names
