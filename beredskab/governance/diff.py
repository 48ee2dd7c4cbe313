"""What changed between two versions of a plan, as field paths with old and new values.

Works on the stored JSON documents (`PlanVersion.document`). Lists of items with a `key` are
matched by key (`partners[red_safehouse].phone`); other lists by content, so removing one warning
sign shows as one removed item, not as every later sign changed. Positions in other lists are
counted from 1 (`warning_signs.signs[3]`). Texts are compared per language (`... .note.en`).
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from typing import Any

CHANGED = "changed"
ADDED = "added"
REMOVED = "removed"

_WHOLE_MINUTE = re.compile(r"^\d{2}:\d{2}:00$")
# The field that names an item best, for showing a whole added or removed item.
_NAME_FIELDS = ("name", "title", "term", "label", "number", "address", "text")


@dataclass(frozen=True)
class Change:
    path: str
    kind: str  # CHANGED, ADDED or REMOVED
    old: Any = None
    new: Any = None

    @property
    def old_display(self) -> str:
        return display(self.old) if self.kind != ADDED else ""

    @property
    def new_display(self) -> str:
        return display(self.new) if self.kind != REMOVED else ""

    def __str__(self):
        return f"{self.path}: {self.old_display or '–'} → {self.new_display or '–'}"


def diff_documents(old: dict, new: dict) -> list[Change]:
    """The changes that turn plan document `old` into `new`, in document order."""
    changes: list[Change] = []
    _walk(old, new, "", changes)
    return changes


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _walk(old, new, path: str, out: list[Change]) -> None:
    if old == new:
        return
    # An optional Text or section that appears or disappears: compare it field by field.
    if (old is None or new is None) and (is_text(old) or is_text(new)):
        old, new = old or {}, new or {}
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            sub = _join(path, key)
            if key not in new:
                _removed(sub, old[key], out)
            elif key not in old:
                _added(sub, new[key], out)
            else:
                _walk(old[key], new[key], sub, out)
    elif isinstance(old, list) and isinstance(new, list):
        if _keyed(old) and _keyed(new):
            _walk_keyed(old, new, path, out)
        else:
            _walk_sequence(old, new, path, out)
    else:
        out.append(Change(path, CHANGED, old, new))


def _added(path, value, out):
    if is_text(value):
        out.extend(Change(f"{path}.{lang}", ADDED, new=text) for lang, text in value.items())
    elif value not in (None, [], {}):
        out.append(Change(path, ADDED, new=value))


def _removed(path, value, out):
    if is_text(value):
        out.extend(Change(f"{path}.{lang}", REMOVED, old=text) for lang, text in value.items())
    elif value not in (None, [], {}):
        out.append(Change(path, REMOVED, old=value))


def _keyed(items: list) -> bool:
    return all(isinstance(item, dict) and "key" in item for item in items)


def _walk_keyed(old: list, new: list, path: str, out: list[Change]) -> None:
    old_by_key = {item["key"]: item for item in old}
    new_by_key = {item["key"]: item for item in new}
    for key, item in old_by_key.items():
        sub = f"{path}[{key}]"
        if key not in new_by_key:
            out.append(Change(sub, REMOVED, old=item))
        else:
            _walk(item, new_by_key[key], sub, out)
    for key, item in new_by_key.items():
        if key not in old_by_key:
            out.append(Change(f"{path}[{key}]", ADDED, new=item))
    # Order matters (the first phone is the main number): anything but the old order with new
    # items at the end is a change too.
    expected = [key for key in old_by_key if key in new_by_key]
    expected += [key for key in new_by_key if key not in old_by_key]
    if list(new_by_key) != expected:
        out.append(Change(f"{path} (rækkefølge)", CHANGED, list(old_by_key), list(new_by_key)))


def _walk_sequence(old: list, new: list, path: str, out: list[Change]) -> None:
    matcher = difflib.SequenceMatcher(
        a=[_canonical(item) for item in old], b=[_canonical(item) for item in new], autojunk=False
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for offset in range(paired):  # an item edited in place: show what changed inside it
            _walk(old[i1 + offset], new[j1 + offset], f"{path}[{j1 + offset + 1}]", out)
        for index in range(i1 + paired, i2):
            out.append(Change(f"{path}[{index + 1}]", REMOVED, old=old[index]))
        for index in range(j1 + paired, j2):
            out.append(Change(f"{path}[{index + 1}]", ADDED, new=new[index]))


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def is_text(value) -> bool:
    """A plan Text: {da: ..., en: ...} and any of the languages the file declares."""
    return (
        isinstance(value, dict)
        and "da" in value
        and all(isinstance(v, str) for v in value.values())
    )


def display(value) -> str:
    """A value as one line of text for the table (Danish for a whole Text or item)."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, str) and _WHOLE_MINUTE.match(value):
        return value[:5]  # a time of day: "17:00:00" -> "17:00"
    if isinstance(value, str | int | float):
        return str(value)
    if is_text(value):
        return value.get("da", "")
    if isinstance(value, dict):
        for field in _NAME_FIELDS:
            if field in value:
                name = display(value[field])
                return f"{name} ({value['key']})" if "key" in value else name
        return _canonical(value)
    if isinstance(value, list):
        return ", ".join(display(item) for item in value)
    return str(value)
