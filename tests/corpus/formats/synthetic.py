"""SYNTHETIC inputs of the format tests: every text, name and fact below is made up.

``BRAT``: two brat documents of an outside vocabulary (``MAPPING_TOML`` maps it): ``a`` has
``\\r\\n`` line breaks, blank lines between paragraphs, a no-break space before a name, a
discontinuous content, a name across a sentence of the text layer (``ST. LOUIS``), a name off
its tokens (``Nord`` in ``NordCorp``), an unmapped type and a note; ``b`` starts with a byte
order mark, holds a character NFC composes (``e`` + U+0301) and a content brat split at the
paragraph break. The offsets of the ``.ann`` lines count characters of the ``.txt`` as stored.
"""

from __future__ import annotations

from pathlib import Path

PARAGRAPHS_A = (
    "Synthetic Daily reported on Monday that Alda Vinter met Boris Kell in Port Elm.",
    "\u00a0Vinter said the talks were \u201cvery useful\u201d.",
    "The deal, Kell's office denied, was signed in ST. LOUIS on Friday.",
    "NordCorp hired Vinter.",
)
TXT_A = "\r\n\r\n".join(PARAGRAPHS_A) + "\r\n"
ANN_A = """\
T1\tOrganization 0 15\tSynthetic Daily
T2\tAttribution 16 24\treported
T3\tDate 28 34\tMonday
T4\tContent 40 78\tAlda Vinter met Boris Kell in Port Elm
T5\tPerson 40 51\tAlda Vinter
T6\tPerson 56 66\tBoris Kell
T7\tLocation 70 78\tPort Elm
E1\tAttribution:T2 Source:T1 Content:T4
R1\tMeeting Arg1:T5 Arg2:T6
T8\tPerson 83 90\t\u00a0Vinter
T9\tAttribution 91 95\tsaid
T10\tContent 96 124\tthe talks were \u201cvery useful\u201d
E2\tAttribution:T9 Source:T8 Content:T10
A1\tQuote E2 Mixed
T11\tOffice 139 152\tKell's office
T12\tPerson 139 143\tKell
T13\tAttribution 153 159\tdenied
T14\tContent 129 137;161 194\tThe deal was signed in ST. LOUIS on Friday
E3\tAttribution:T13 Source:T11 Content:T14
A2\tNegated E3
T15\tLocation 175 184\tST. LOUIS
T16\tDate 188 194\tFriday
T17\tOrganization 199 203\tNord
T18\tPerson 214 220\tVinter
R2\tEmployment Arg1:T18 Arg2:T17
T19\tMisc 208 213\thired
*\tEquiv T5 T8 T18
*\tEquiv T6 T12
#1\tAnnotatorNotes T1\ta synthetic note
"""
TEXT_A = "\n".join(paragraph.strip("\u00a0") for paragraph in PARAGRAPHS_A)

TXT_B = "\ufeffCafe\u0301 Nord will open.\r\n\r\nIt will close soon, Vinter wrote.\r\n"
ANN_B = """\
T1\tOrganization 1 11\tCafe\u0301 Nord
T2\tOrganization 1 5\tCafe
T3\tPerson 46 52\tVinter
T4\tAttribution 53 58\twrote
T5\tContent 1 22;26 44\tCafe\u0301 Nord will open. It will close soon
E1\tAttribution:T4 Source:T3 Content:T5
"""
TEXT_B = "Caf\u00e9 Nord will open.\nIt will close soon, Vinter wrote."

MAPPING_TOML = """\
[mentions]
Organization = "ORG"
Person = "PERSON"
Location = "GPE"
Date = "DATE"
Office = { type = "ORG", kind = "NOM" }

[relations]
Employment = "MEMBER_OF"
Meeting = "MEETS"

[claims.Attribution]
content = "Content"
cue = "trigger"
sources = "Source"

[attributes.Negated]
sets = "claim.stance"
value = "DENY"

[attributes.Quote]
sets = "claim.quote"
values = { Direct = "DIRECT", Indirect = "INDIRECT", Mixed = "MIXED" }
"""


def write_exact(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8 with its line breaks as given (``\\r\\n`` kept)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def write_brat_folder(folder: Path) -> Path:
    """The two SYNTHETIC brat documents, ``a`` and ``b``, in ``folder``."""
    for name, txt, ann in (("a", TXT_A, ANN_A), ("b", TXT_B, ANN_B)):
        write_exact(folder / f"{name}.txt", txt)
        write_exact(folder / f"{name}.ann", ann)
    return folder


def write_brat_copies(folder: Path, count: int) -> Path:
    """``count`` SYNTHETIC variants of document ``a``, each with a closing paragraph of its own
    (after every annotated span, so the ``.ann`` of ``a`` holds for each)."""
    for index in range(count):
        write_exact(folder / f"a{index}.txt", f"{TXT_A}\r\nSynthetic copy {index}.\r\n")
        write_exact(folder / f"a{index}.ann", ANN_A)
    return folder


def write_mapping(path: Path) -> Path:
    return write_exact(path, MAPPING_TOML)
