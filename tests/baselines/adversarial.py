"""SYNTHETIC adversarial texts, written here (not news, not from any article): what outside news
holds and a baseline must survive with valid output (``test_validity.py``).

Each text is normalised as ingestion would (``corpus.text.normalize_text``).
"""

from __future__ import annotations

from corpus.schema import Article, ArticleMeta
from corpus.text import derive_doc_id, normalize_text

# A long paragraph: sentences that run on without a full stop, names, numbers, quotes and cues.
_LONG_UNIT = (
    "Mr. Tarso Velt of Coral Group Ltd. said on Nov. 8 that “the U.S. plan will cost US$6.16 "
    "million” and Sen. Mara Ruiz, 54, told reporters at 12:50 p.m. the vote was 1996/97 policy "
    "while Ana said it may rain — according to the agency — "
)

SYNTHETIC_TEXTS: dict[str, str] = {
    "titles and abbreviations": (
        "Mr. Tarso met Sen. Mara Velt and Gov. Ana Ruiz in St. Louis, Mo., on Nov. 8, said "
        "Dr. Bo Lee of Acme Inc. and Lt. Col. Juan Perez Jr. of the U.S. Army. "
        "Mrs. Velt, Ms. Ruiz and Prof. Lee arrived at St. Mary's Hospital on Mt. Hood Ave. "
        "Rev. Dr. Ortiz, Sr., said the U.N. and the E.U. agreed. Messrs. Lee and Ortiz left "
        "Washington, D.C., for Ft. Worth, Tex., at approx. 9 a.m., etc."
    ),
    "initials": (
        "Vladimir V. Putin met M. Waugh and J.R.R. Tolkien's heir, A. B. Chen, while "
        "George W. Bush and H.W. Lee said the U.S.-led talks with the U.K. would resume. "
        "S. Korea and N. Korea denied it, said P.J. O'Rourke."
    ),
    "times": (
        "The talks began at 12:50 p.m. and ended at 14:06 GMT, 7 a.m. EDT or 5:03AM local "
        "time; at 23:59:59 on 2020-02-29 the 9:00–17:00 shift ended, said Ana Ruiz at 1130 UTC."
    ),
    "currencies": (
        "Coral Group Ltd said it paid US$6.16 million, €20bn, £1.5bn, ¥300, Rs. 500 and $5 "
        "for 20km of road, a 1.15% stake and 3½ tonnes; HK$2.3m went to Bre-X Minerals Ltd. "
        "and A$40 to Jean-Claude Velt."
    ),
    "slashes": (
        "In 1996/97 and 2019/20 the 24/7 service and/or its w/o-fee plan ran on the "
        "Lima/Cusco line, said the AFP/Reuters report on 11/09/2001, 1/2 of it in km/h."
    ),
    "all-caps datelines": (
        "LONDON 1996-12-06\n"
        "WASHINGTON (Reuters) - The SENATE voted on Friday, said SEN. MARA VELT.\n"
        "MOSCOW, Nov 3 (AP) — RUSSIA'S DEFENCE MINISTRY SAID IT WILL SEND TROOPS.\n"
        "BRUSSELS, Dec 7 /PRNewswire/ -- Coral Group NV reported results."
    ),
    "tables of results": (
        "SOCCER - ENGLISH LEAGUE RESULTS.\n"
        "Arsenal 2 Chelsea 1\n"
        "Liverpool 0 Everton 0 ( halftime 0-0 )\n"
        "P W D L F A Pts\n"
        "Manchester United 10 7 2 1 20 8 23\n"
        "West Indies 271-5 ( M. Waugh 64 , S. Chanderpaul 49 not out )\n"
        "1. Ana Ruiz ( Peru ) 2:10:33.4\n"
        "2. Bo Lee ( Canada ) 2:11:02\n"
        "-- Lima newsroom +51 1 555 0100"
    ),
    "unbalanced and nested quotes": (
        "“He said ‘we will win’ and left,” said Ana Ruiz.\n"
        "“This never closes, said Bo Lee of Lima.\n"
        "She said: “The “plan” is “dead”. It “will” not return.\n"
        "”Closed first“ said Mara Velt, \"and 'then' \"open.\n"
        '“A,” Ana said, “B,” Bo said, “C,” Lee said. “” ‘’ "" said.\n'
        "« Non », a dit Ruiz. „Nein“, sagte Velt. 「はい」と言った。"
    ),
    "quotes of several sentences": (
        "“We will build the bridge. It will open in May. Nobody can stop us,” Ana Ruiz said. "
        "“No. We deny it.” Bo Lee said, “It is false. The Lima Times said so.” "
        "Velt said that Lee said that Ruiz said that it rained."
    ),
    "emoji": (
        "Great news 🎉🎉 said Ana Ruiz 👍🏽 from 🇺🇸 and 🇵🇪! The 👨‍👩‍👧 family 😀 of Bo Lee said "
        "“🔥🔥” about Lima ❤️."
    ),
    "CJK": (
        "東京 (Tokyo) 首相は言った「はい」。北京 said 中国外交部 denied it. "
        "김정은 (Kim Jong-un) said 평양 will send 공병 to Kursk."
    ),
    "RTL": (
        "قال الرئيس إن الخطة ستنجح، said Ahmed Velt in Cairo. "
        "שלום עולם said Dov Lee of Tel Aviv, ‏and Mara said ‎“لا”."
    ),
    "tabs": "Name\tScore\tCountry\nAna Ruiz\t10\tPeru\nBo Lee said\t\t“yes”\tLima\t\t",
    "odd characters": (
        "Zero\u200bwidth, soft\u00adhyphen, non\u00a0breaking, Ana\u2009Ruiz said\u2028it "
        "rained in Lima\u00a0Peru on Monday. \\ { } < > | ~ ^ ` @handle #tag http://x.y/z?a=1 "
        "a@b.c ((WN)) [...] ... — – - -- ---"
    ),
    "pronouns and sentence starts": (
        "I said I would go. Ruiz said she will. Lee denied it. They said we may. "
        "Velt, who said he knew, said nothing. Smith said. Said Smith. Said."
    ),
    "one word": "Said",
    "punctuation only": "“”‘’\"'.,;:!?—–-()[]{}",
    "ten thousand words": " ".join([_LONG_UNIT] * (10_000 // len(_LONG_UNIT.split()) + 1)),
}


def synthetic_articles() -> list[Article]:
    """The texts above as articles, normalised as ingestion would."""
    articles = []
    for name, raw in SYNTHETIC_TEXTS.items():
        text = normalize_text(raw)
        meta = ArticleMeta(title=f"SYNTHETIC: {name}")
        articles.append(Article(derive_doc_id(text), text, meta))
    return articles
