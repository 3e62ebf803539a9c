"""Plain text and Markdown (``.txt``, ``.md``): the lines as written, placed by number."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._encoding import decode
from .document import Document
from .registry import register


@dataclass(frozen=True)
class TextReader:
    """Text in any encoding :func:`~._encoding.decode` knows; also the fallback reader."""

    name: str = "text"
    suffixes: tuple[str, ...] = (".txt", ".text", ".md", ".markdown", "")
    extra: str | None = None

    def sniff(self, head: bytes) -> bool:
        """Anything is text unless another reader claims it (this one is asked last)."""
        return True

    def read(self, data: bytes, *, name: str) -> Document:
        """The decoded lines, numbered as an editor numbers them; a table drawn with box
        characters (``┌───┬───┐``, ``│ 1 │ … │``) as the pipe table it is."""
        markdown = name.lower().endswith((".md", ".markdown"))
        text = decode(data, name=name)
        if _BOX_MARKS.search(text) is not None:
            text = text.translate(_BOX_TO_PIPES)
        return Document.from_text(text, name=name, format="markdown" if markdown else "text")


# Box-drawing characters, light, heavy and double, one character each for one: a cell
# wall becomes "|", a rule "-", so every offset on the line is kept (a row "│ 1 │ Xã A │"
# reads "| 1 | Xã A |", a border "├───┼───┤" "|---|---|", a table's separator row).
_WALLS = "│┃║┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╒╓╕╖╘╙╛╜╞╟╡╢╤╥╧╨╪╫"
_RULES = "─━═╌╍┄┅┈┉"
_BOX_TO_PIPES = str.maketrans(dict.fromkeys(_WALLS, "|") | dict.fromkeys(_RULES, "-"))
_BOX_MARKS = re.compile(f"[{_WALLS}]")


TEXT = register(TextReader())

__all__ = ["TEXT", "TextReader"]
