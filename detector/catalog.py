"""The catalog of watched shows: canonical titles, aliases and a fast name index.

The index maps the first token of every name (lowercased) to the names that
start with it, so finding mentions costs one dictionary lookup per token of
text, whatever the size of the catalog.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, get_args

import yaml

logger = logging.getLogger(__name__)

TOKEN_RE = re.compile(r"#?\w+|&")
"""A word (optionally a hashtag) or an ampersand; other punctuation separates tokens."""


def name_tokens(name: str) -> tuple[str, ...]:
    """Lowercased tokens of a show name as the mention finder compares them."""
    return tuple(m.group(0).lower() for m in TOKEN_RE.finditer(name.replace("’", "'")))


ROMAN_NUMERALS = {"II": 2, "III": 3, "IV": 4, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}
_ROMAN_RE = re.compile(r"(?<=\w )(?:II|III|IV|VI|VII|VIII|IX)\b")
"""A sequel's Roman numeral after a word ("Gladiator II", "Part II"); "V" and "X" are too
often letters."""


@dataclass(frozen=True, slots=True)
class CatalogName:
    """One way of writing a show's name, already tokenised."""

    canonical: str
    tokens: tuple[str, ...]


ShowKind = Literal["series", "film"]
"""What a catalog title is; a film's claims are always on season null (FORMAT.md)."""
KINDS: tuple[ShowKind, ...] = get_args(ShowKind)


_VERSUS_RE = re.compile(r"(?<=\w )(?:v|vs|versus)\.?(?= \w)", re.IGNORECASE)
_VERSUS_FORMS = ("v", "vs", "versus")


def _versus_variants(name: str) -> list[str]:
    """The other ways of writing a name's "v" ("Ford v Ferrari", "Ford vs. Ferrari")."""
    match = _VERSUS_RE.search(name)
    if match is None:
        return []
    written = match.group(0).rstrip(".").lower()
    return [
        f"{name[: match.start()]}{form}{name[match.end() :]}"
        for form in _VERSUS_FORMS
        if form != written
    ]


def _trailing_number(name: str) -> int | None:
    """The number a name ends with, Arabic or Roman ("Shrek 5", "Gladiator II"), if any."""
    tokens = name.split()
    if len(tokens) < 2:
        return None
    last = tokens[-1]
    if last.isdigit() and 1 < int(last) < 20:
        return int(last)
    return ROMAN_NUMERALS.get(last)


class Catalog:
    """Canonical show titles with their aliases and kinds, indexed for lookup and matching."""

    def __init__(
        self, entries: Iterable[tuple[str, Iterable[str]]], *, films: Iterable[str] = ()
    ) -> None:
        self._titles: list[str] = []
        self._aliases: dict[str, list[str]] = {}
        self._films: set[str] = set(films)
        self.declares_kinds = False
        """Whether the catalog says which titles are films (then text cues are not needed)."""
        self._by_key: dict[str, str] = {}
        # first token -> name length -> token tuple -> canonical title
        self._index: dict[str, dict[int, dict[tuple[str, ...], str]]] = {}
        self._lengths: dict[str, list[int]] = {}
        for title, names in entries:
            aliases = list(names)
            self._titles.append(title)
            self._aliases[title] = aliases
            for name in (title, *aliases):
                self._add_name(title, name)
            # "The Quiet Ledger" is often written "Quiet Ledger"; one-word
            # remainders ("Defenders") are too ambiguous to add.
            words = title.split()
            if len(words) > 2 and words[0].lower() == "the":
                self._add_name(title, " ".join(words[1:]), implicit=True)
            # "Gladiator II" is as often written "Gladiator 2", and a contest's "v" as "vs.".
            for name in (title, *aliases):
                arabic = _ROMAN_RE.sub(lambda m: str(ROMAN_NUMERALS[m.group(0)]), name)
                if arabic != name:
                    self._add_name(title, arabic, implicit=True)
                for variant in _versus_variants(name):
                    self._add_name(title, variant, implicit=True)
        for first, by_length in self._index.items():
            self._lengths[first] = sorted(by_length, reverse=True)

    def _add_name(self, title: str, name: str, *, implicit: bool = False) -> None:
        key = name.strip().lower()
        if not implicit:
            previous = self._by_key.get(key)
            if previous is not None and previous != title:
                logger.warning("name %r is used by both %r and %r", name, previous, title)
            self._by_key.setdefault(key, title)
        tokens = name_tokens(name)
        if not tokens:
            return
        bucket = self._index.setdefault(tokens[0], {}).setdefault(len(tokens), {})
        bucket.setdefault(tokens, title)

    @classmethod
    def from_entries(
        cls, entries: Iterable[Mapping[str, Any]], *, source: str = "catalog"
    ) -> Catalog:
        """Build a catalog from mappings with ``title``, optional ``aliases`` and ``kind``.

        Raises ValueError naming the source and the entry when one is malformed.
        """
        parsed: list[tuple[str, list[str]]] = []
        films: list[str] = []
        entries_list = list(entries)
        for number, entry in enumerate(entries_list, start=1):
            where = f"{source}: entry {number}"
            if not isinstance(entry, Mapping):
                raise ValueError(f"{where}: expected a mapping with 'title', got {entry!r}")
            title = entry.get("title")
            if not isinstance(title, str) or not title.strip():
                raise ValueError(f"{where}: 'title' must be a non-empty string")
            aliases = entry.get("aliases") or []
            if not isinstance(aliases, list) or not all(
                isinstance(a, str) and a.strip() for a in aliases
            ):
                raise ValueError(f"{where} ({title}): 'aliases' must be a list of strings")
            kind = entry.get("kind", "series")
            if kind not in KINDS:
                raise ValueError(
                    f"{where} ({title}): 'kind' must be one of {', '.join(KINDS)}, not {kind!r}"
                )
            unknown = set(entry) - {"title", "aliases", "kind"}
            if unknown:
                raise ValueError(f"{where} ({title}): unknown keys {sorted(unknown)}")
            parsed.append((title.strip(), [a.strip() for a in aliases]))
            if kind == "film":
                films.append(title.strip())
        catalog = cls(parsed, films=films)
        catalog.declares_kinds = any(isinstance(e, Mapping) and "kind" in e for e in entries_list)
        return catalog

    @classmethod
    def load(cls, path: Path) -> Catalog:
        """Read a catalog YAML file: a list of ``{title, aliases, kind}`` mappings."""
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ValueError(f"{path}: cannot read catalog: {exc.strerror or exc}") from exc
        except yaml.YAMLError as exc:
            raise ValueError(f"{path}: not valid YAML: {exc}") from exc
        if data is None:
            data = []
        if not isinstance(data, list):
            raise ValueError(f"{path}: expected a list of shows, got {type(data).__name__}")
        return cls.from_entries(data, source=str(path))

    @property
    def titles(self) -> list[str]:
        """Canonical titles in catalog order."""
        return list(self._titles)

    def extended(self, titles: Iterable[str]) -> Catalog:
        """A copy of this catalog with more titles (without aliases); this one is unchanged.

        Only the index buckets the new titles touch are copied, so extending a
        large catalog by a few titles is cheap.
        """
        other = Catalog.__new__(Catalog)
        other._titles = list(self._titles)
        other._aliases = dict(self._aliases)
        other._films = set(self._films)
        other.declares_kinds = self.declares_kinds
        other._by_key = dict(self._by_key)
        other._index = dict(self._index)
        other._lengths = dict(self._lengths)
        copied: set[str] = set()
        for title in titles:
            tokens = name_tokens(title)
            if not tokens or other.canonical(title) is not None:
                continue
            if tokens[0] not in copied:
                buckets = self._index.get(tokens[0], {})
                other._index[tokens[0]] = {n: dict(b) for n, b in buckets.items()}
                copied.add(tokens[0])
            other._titles.append(title)
            other._aliases[title] = []
            other._add_name(title, title)
        for first in copied:
            other._lengths[first] = sorted(other._index[first], reverse=True)
        return other

    @cached_property
    def instalments(self) -> dict[str, int]:
        """The instalment number each film's names carry ("Avatar 3", "Gladiator II").

        A film known to be the third of its franchise is not "the fourth film"
        an article mentions in passing.
        """
        numbers: dict[str, int] = {}
        for title in self._films:
            for name in (title, *self._aliases.get(title, [])):
                number = _trailing_number(name)
                if number is not None:
                    numbers.setdefault(title, number)
        return numbers

    @cached_property
    def sequel_bases(self) -> dict[tuple[str, ...], str]:
        """Films whose names number them the second of a franchise, by the franchise's name.

        "the Gladiator sequel" is "Gladiator 2" when the catalog names a film so.
        """
        bases: dict[tuple[str, ...], str] = {}
        ambiguous: set[tuple[str, ...]] = set()
        for title in self._films:
            for name in (title, *self._aliases.get(title, [])):
                if _trailing_number(name) != 2:
                    continue
                base = name_tokens(name)[:-1]
                if not base:
                    continue
                if bases.get(base, title) != title:
                    ambiguous.add(base)
                bases[base] = title
        return {base: title for base, title in bases.items() if base not in ambiguous}

    @cached_property
    def franchise_heads(self) -> dict[tuple[str, ...], str]:
        """Titles by the franchise name before their subtitle ("Alien" of "Alien: Earth").

        "FX's new Alien series" is "Alien: Earth" when no other catalog title carries
        that franchise name and the name is not a catalog title of its own.
        """
        heads: dict[tuple[str, ...], str] = {}
        ambiguous: set[tuple[str, ...]] = set()
        # Canonical titles only: an alias such as "Star Wars: Andor" adds a franchise
        # ("Star Wars") whose name points at many works.
        for title in self._titles:
            if ":" not in title:
                continue
            head = name_tokens(title.split(":", 1)[0])
            if not head or self.canonical(" ".join(head)) is not None:
                continue
            if heads.get(head, title) != title:
                ambiguous.add(head)
            heads[head] = title
        return {head: title for head, title in heads.items() if head not in ambiguous}

    def kind(self, title: str) -> str:
        """``film`` or ``series`` (the default, also for unknown titles)."""
        return "film" if title in self._films else "series"

    @property
    def films(self) -> frozenset[str]:
        """Canonical titles the catalog marks as films."""
        return frozenset(self._films)

    def aliases(self, title: str) -> list[str]:
        """The aliases listed for a canonical title (empty if none or unknown)."""
        return list(self._aliases.get(title, []))

    def canonical(self, name: str) -> str | None:
        """Return the canonical title for a title or alias, ignoring case; None if unknown."""
        key = name.strip().replace("’", "'").lower()
        found = self._by_key.get(key)
        if found is not None:
            return found
        tokens = name_tokens(name)
        if not tokens:
            return None
        return self._index.get(tokens[0], {}).get(len(tokens), {}).get(tokens)

    @cached_property
    def first_tokens(self) -> frozenset[str]:
        """The first token of every name: a word that is none of them starts no name."""
        return frozenset(self._index)

    def match_at(self, tokens: Sequence[str], i: int) -> CatalogName | None:
        """Return the longest catalog name starting at ``tokens[i]`` (lowercased tokens), if any."""
        by_length = self._index.get(tokens[i])
        if by_length is None:
            return None
        for length in self._lengths[tokens[i]]:
            if i + length > len(tokens):
                continue
            key = tuple(tokens[i : i + length])
            title = by_length[length].get(key)
            if title is not None:
                return CatalogName(title, key)
        return None

    def __len__(self) -> int:
        return len(self._titles)
