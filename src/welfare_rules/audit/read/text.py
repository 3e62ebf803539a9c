"""Plain text and Markdown (``.txt``, ``.md``): the lines as written, placed by number."""

from __future__ import annotations

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
        """The decoded lines, numbered as an editor numbers them."""
        markdown = name.lower().endswith((".md", ".markdown"))
        return Document.from_text(
            decode(data, name=name), name=name, format="markdown" if markdown else "text"
        )


TEXT = register(TextReader())

__all__ = ["TEXT", "TextReader"]
