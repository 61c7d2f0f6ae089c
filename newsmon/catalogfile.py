"""Extend the catalog file: validate new shows against it, append them, never lose an entry.

New entries are appended to the file as YAML text, so its comments and
layout stay as they were. The new text is parsed before it replaces the
file, and must hold every old entry followed by the new ones; when the file
is laid out so that appending cannot work (a flow list, an indented list),
it is rewritten from the parsed entries instead, and the caller is told that
comments were not kept. The file is replaced atomically (a temporary file in
the same folder, then a rename), so a crash leaves the old or the new file,
never half of one.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from newsmon.detector.catalog import KINDS, Catalog

logger = logging.getLogger(__name__)

_NEW_FILE_HEADER = "# Shows newsmon watches: canonical title and aliases.\n"
_ALIAS_SEPARATORS = ("|", ";")


class CatalogFileError(ValueError):
    """The catalog or an import file is unreadable or invalid; one line for the user."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One show: its canonical title, the other names it goes by, and whether it is a film."""

    title: str
    aliases: tuple[str, ...] = ()
    kind: str = "series"
    """``series`` (the default) or ``film``; see ``detector.catalog.KINDS``."""

    def as_mapping(self) -> dict[str, Any]:
        """The entry as the catalog file writes it: ``kind`` only for a film."""
        mapping: dict[str, Any] = {"title": self.title, "aliases": list(self.aliases)}
        if self.kind != "series":
            mapping["kind"] = self.kind
        return mapping


@dataclass
class Plan:
    """What adding entries to a catalog would do."""

    added: list[Entry] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    """Titles already in the catalog (or given twice), with nothing new: skipped."""
    conflicts: list[str] = field(default_factory=list)
    """Names that would mean two different shows: nothing is written while there are any."""


def read_entries(path: Path) -> list[Entry]:
    """The entries of a catalog file; an absent or empty file has none."""
    if not path.exists():
        return []
    return _entries(_load_yaml(path), str(path))


def read_import(path: Path) -> list[Entry]:
    """Entries from a YAML list of ``{title, aliases, kind}`` or a CSV with those columns.

    In a CSV, aliases are separated by ``|`` or ``;``, and an empty or absent
    ``kind`` means a series.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CatalogFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise CatalogFileError(f"{path}: not UTF-8 text") from None
    if path.suffix.lower() == ".csv":
        return _csv_entries(text, str(path))
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CatalogFileError(f"{path}: not valid YAML: {_one_line(exc)}") from None
    return _entries(data, str(path))


def plan_additions(existing: Sequence[Entry], new: Iterable[Entry]) -> Plan:
    """Sort ``new`` entries into additions, duplicates and conflicts with ``existing``."""
    owner: dict[str, str] = {}
    kinds = {entry.title: entry.kind for entry in existing}
    for entry in existing:
        for name in (entry.title, *entry.aliases):
            owner.setdefault(_key(name), entry.title)
    plan = Plan()
    for entry in new:
        title_owner = owner.get(_key(entry.title))
        if title_owner is not None and _key(title_owner) == _key(entry.title):
            if kinds.get(title_owner, "series") != entry.kind:
                plan.conflicts.append(
                    f"{entry.title!r} is already in the catalog as a "
                    f"{kinds.get(title_owner, 'series')}; change its kind by editing the file"
                )
            elif all(owner.get(_key(a)) == title_owner for a in entry.aliases):
                plan.duplicates.append(entry.title)
            else:
                extra = [a for a in entry.aliases if owner.get(_key(a)) != title_owner]
                plan.conflicts.append(
                    f"{entry.title!r} is already in the catalog; add the aliases "
                    f"{', '.join(repr(a) for a in extra)} by editing the file"
                )
            continue
        clashes = [
            f"{name!r} already names {owner[_key(name)]!r}"
            for name in (entry.title, *entry.aliases)
            if _key(name) in owner
        ]
        if clashes:
            plan.conflicts.append(f"{entry.title!r}: " + ", ".join(clashes))
            continue
        plan.added.append(entry)
        kinds[entry.title] = entry.kind
        for name in (entry.title, *entry.aliases):
            owner[_key(name)] = entry.title
    return plan


def append_entries(path: Path, entries: Sequence[Entry]) -> bool:
    """Add ``entries`` at the end of the catalog file, atomically.

    Returns True when the file's own text (comments included) was kept and
    the entries appended, False when it had to be rewritten from its entries.
    Raises CatalogFileError if the file is not a valid catalog.
    """
    old_entries = read_entries(path)
    old_text = path.read_text(encoding="utf-8") if path.exists() else _NEW_FILE_HEADER
    wanted = [*old_entries, *entries]
    appended = old_text
    if appended and not appended.endswith("\n"):
        appended += "\n"
    appended += "".join(_entry_line(entry) for entry in entries)
    kept = _parses_to(appended, wanted)
    text = appended if kept else _dump(wanted)
    if not _parses_to(text, wanted):
        raise CatalogFileError(f"{path}: cannot write the new entries safely; file left unchanged")
    Catalog.from_entries([e.as_mapping() for e in wanted], source=str(path))
    _write_atomically(path, text)
    logger.info("%s: added %d shows (comments kept: %s)", path, len(entries), kept)
    return kept


def _entry_line(entry: Entry) -> str:
    # JSON strings are valid YAML double-quoted scalars, so any title is quoted safely.
    aliases = ", ".join(json.dumps(a, ensure_ascii=False) for a in entry.aliases)
    # A series is the default, so only a film says what it is.
    kind = f", kind: {entry.kind}" if entry.kind != "series" else ""
    title = json.dumps(entry.title, ensure_ascii=False)
    return f"- {{title: {title}, aliases: [{aliases}]{kind}}}\n"


def _dump(entries: Sequence[Entry]) -> str:
    body = yaml.safe_dump(
        [e.as_mapping() for e in entries], allow_unicode=True, sort_keys=False, width=100
    )
    return _NEW_FILE_HEADER + body


def _parses_to(text: str, wanted: Sequence[Entry]) -> bool:
    try:
        return _entries(yaml.safe_load(text), "new catalog") == list(wanted)
    except (yaml.YAMLError, CatalogFileError):
        return False


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else None
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise CatalogFileError(f"{path}: not valid YAML: {_one_line(exc)}") from None


def _entries(data: Any, source: str) -> list[Entry]:
    if data is None:
        return []
    if not isinstance(data, list):
        raise CatalogFileError(f"{source}: expected a list of shows, got {type(data).__name__}")
    try:
        Catalog.from_entries(data, source=source)
    except ValueError as exc:
        raise CatalogFileError(str(exc)) from None
    return [_entry(item) for item in data]


def _entry(item: Mapping[str, Any]) -> Entry:
    return Entry(
        title=str(item["title"]).strip(),
        aliases=tuple(str(a).strip() for a in item.get("aliases") or []),
        kind=str(item.get("kind", "series")),
    )


def _csv_entries(text: str, source: str) -> list[Entry]:
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    if "title" not in columns:
        raise CatalogFileError(f"{source}: a CSV import needs a header row with a 'title' column")
    reader.fieldnames = columns
    entries: list[Entry] = []
    for number, row in enumerate(reader, start=2):
        title = (row.get("title") or "").strip()
        if not title:
            raise CatalogFileError(f"{source}: line {number}: empty title")
        raw = row.get("aliases") or ""
        for separator in _ALIAS_SEPARATORS[1:]:
            raw = raw.replace(separator, _ALIAS_SEPARATORS[0])
        aliases = tuple(a.strip() for a in raw.split(_ALIAS_SEPARATORS[0]) if a.strip())
        kind = (row.get("kind") or "").strip().lower() or "series"
        if kind not in KINDS:
            raise CatalogFileError(
                f"{source}: line {number} ({title}): kind must be "
                f"{' or '.join(KINDS)}, not {row.get('kind')!r}"
            )
        entries.append(Entry(title=title, aliases=aliases, kind=kind))
    return entries


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").casefold().split())


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
