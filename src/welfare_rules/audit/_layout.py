"""Physical lines → logical lines: a sentence wrapped over several lines is read as one.

Reports pasted from a PDF or typed in a plain-text editor are wrapped at a fixed width,
so a figure's count stands on one line and its level and amount on the next. A line
continues the one before it when that one ends mid-sentence (no ``.``, ``:``, ``;``,
``!``, ``?`` at its end) and the next starts like the rest of a sentence: with a small
letter, an opening mark or a digit (after words, not after another number), and with no
bullet, number, heading or table cell of its own. A blank line, a heading, a bullet or a
table row always starts a new block. The logical line keeps the number of its first
physical line; each figure keeps its own (``Line.number_at``).
"""

from __future__ import annotations

from ._normalize import Line

_ENDS_SENTENCE = (".", ":", ";", "!", "?", "…")
_MIN_WRAPPED = 40  # a line shorter than this was ended by its writer, not by the wrap
_OPENING = "(\"'«"


def logical_lines(lines: list[Line]) -> list[Line]:
    """``lines`` with every wrapped sentence joined onto its first line."""
    out: list[Line] = []
    for line in lines:
        if out and _continues(out[-1], line):
            previous = out[-1]
            out[-1] = previous._replace(
                raw=f"{previous.raw.rstrip()} {line.raw.strip()}",
                text=f"{previous.text} {line.text}",
                joined=(*previous.joined, (len(previous.text) + 1, line.number)),
            )
        else:
            out.append(line)
    return out


def _continues(previous: Line, line: Line) -> bool:
    if not previous.text or not line.text:
        return False
    if previous.cells is not None or line.cells is not None or previous.separator:
        return False
    if line.heading or line.bullet is not None or line.enumerator is not None:
        return False
    if previous.heading or previous.text.endswith(_ENDS_SENTENCE):
        return False
    first = line.text[0]
    digit_after_words = first.isdigit() and not previous.text[-1].isdigit()
    if first.islower() or first in _OPENING or digit_after_words:
        return len(previous.raw.strip()) >= _MIN_WRAPPED or previous.text.endswith(",")
    return False


__all__ = ["logical_lines"]
