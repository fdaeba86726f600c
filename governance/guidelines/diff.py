"""The difference between two versions of a guideline, line by line, with a few unchanged lines around each change."""

from dataclasses import dataclass
from difflib import SequenceMatcher

CONTEXT_LINES = 3


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added" or "removed"
    old_number: int | None
    new_number: int | None
    text: str


def version_diff(old: str, new: str) -> list[list[DiffLine]]:
    """Hunks of changed lines; an empty list when the texts are the same."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    hunks = []
    for group in matcher.get_grouped_opcodes(CONTEXT_LINES):
        hunk = []
        for tag, old_start, old_end, new_start, new_end in group:
            if tag == "equal":
                hunk += [
                    DiffLine("same", old_start + offset + 1, new_start + offset + 1, line)
                    for offset, line in enumerate(old_lines[old_start:old_end])
                ]
                continue
            hunk += [
                DiffLine("removed", old_start + offset + 1, None, line)
                for offset, line in enumerate(old_lines[old_start:old_end])
            ]
            hunk += [
                DiffLine("added", None, new_start + offset + 1, line)
                for offset, line in enumerate(new_lines[new_start:new_end])
            ]
        hunks.append(hunk)
    return hunks
