"""Showing a structured answer while it is generated: the `text` fields of the JSON, as they grow."""

import json
import re

_FIELD = re.compile(r'"text"\s*:\s*"')


def _decoded_prefix(raw: str) -> tuple[str, bool]:
    """Decode a JSON string body up to the end of `raw`; True when the closing quote was seen."""
    out: list[str] = []
    i = 0
    while i < len(raw):
        char = raw[i]
        if char == '"':
            return "".join(out), True
        if char == "\\":
            escape = raw[i : i + 6] if raw[i + 1 : i + 2] == "u" else raw[i : i + 2]
            if len(escape) < (6 if raw[i + 1 : i + 2] == "u" else 2):
                break  # an escape cut in half: wait for the next piece
            out.append(json.loads(f'"{escape}"'))
            i += len(escape)
            continue
        out.append(char)
        i += 1
    return "".join(out), False


class PointTextStream:
    """Feed raw JSON pieces; get back the new display text ("- point" lines)."""

    def __init__(self) -> None:
        self._raw = ""
        self._shown: list[int] = []
        self._closed: list[bool] = []

    def feed(self, piece: str) -> str:
        self._raw += piece
        new = []
        for index, match in enumerate(_FIELD.finditer(self._raw)):
            text, closed = _decoded_prefix(self._raw[match.end():])
            if index == len(self._shown):
                self._shown.append(0)
                self._closed.append(False)
                new.append("- " if index == 0 else "\n- ")
            if self._closed[index]:
                continue
            new.append(text[self._shown[index]:])
            self._shown[index] = len(text)
            self._closed[index] = closed
        return "".join(new)

    @property
    def raw(self) -> str:
        return self._raw
