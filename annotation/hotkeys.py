"""Hotkeys taken from the names they select: PERSON = p, CUE = c, PRO = shift+p.

Label Studio binds every hotkey for the whole page (a choice's key works even while its
control is hidden), so keys are distinct across all labels and choices: labels get plain
letters, choices ``shift`` + a letter. ``u`` is Label Studio's own (unselect the region).
"""

from __future__ import annotations

import string

CHOICE_MODIFIER = "shift"
RESERVED_KEYS = frozenset("u")  # Label Studio 1.23: region:unselect


def assign_hotkeys(names: tuple[str, ...], modifier: str | None = None) -> dict[str, str]:
    """A distinct hotkey per name: the first letter of its name that no shorter name took.

    Shorter names choose first (they have fewer letters to choose from; equal lengths keep
    their order). A name whose letters are all taken gets the first free letter of the alphabet.
    """
    taken = set(RESERVED_KEYS)
    letters: dict[str, str] = {}
    for name in sorted(names, key=len):
        own = [c for c in name.lower() if c in string.ascii_lowercase and c not in taken]
        spare = [c for c in string.ascii_lowercase if c not in taken]
        if not own and not spare:
            raise ValueError(f"no hotkey left for {name!r}")
        letters[name] = (own or spare)[0]
        taken.add(letters[name])
    prefix = f"{modifier}+" if modifier else ""
    return {name: prefix + letters[name] for name in names}
