"""Golden extraction fixtures: load them, and re-render their expected output.

Each folder under ``fixtures/`` is one case: ``input.html`` (the page),
``meta.json`` (``url`` it is served from, ``description``) and
``expected.json`` (``extract_article``'s result as JSON, or ``null``).

Updating expectations is a deliberate act; review the diff afterwards::

    .venv/bin/python -m tests.crawler.golden            # re-render every case
    .venv/bin/python -m tests.crawler.golden CASE ...   # only the named cases
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from newsmon.crawler.extraction import extract_article

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def case_dirs() -> list[Path]:
    """Every extraction case folder, sorted by name."""
    return sorted(p for p in FIXTURES.iterdir() if (p / "input.html").is_file())


def render(case: Path) -> Any:
    """The current extraction result of one case, as plain JSON data."""
    meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
    html = (case / "input.html").read_text(encoding="utf-8")
    page = extract_article(url=meta["url"], html=html)
    return None if page is None else dataclasses.asdict(page)


def expected(case: Path) -> Any:
    """The stored expectation of one case."""
    return json.loads((case / "expected.json").read_text(encoding="utf-8"))


def main(names: list[str]) -> int:
    """Re-render ``expected.json`` for the named cases (all when none are named)."""
    cases = case_dirs()
    if names:
        unknown = set(names) - {c.name for c in cases}
        if unknown:
            print(f"unknown case(s): {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        cases = [c for c in cases if c.name in names]
    for case in cases:
        text = json.dumps(render(case), indent=2, ensure_ascii=False) + "\n"
        target = case / "expected.json"
        old = target.read_text(encoding="utf-8") if target.exists() else None
        target.write_text(text, encoding="utf-8")
        print(f"{'unchanged' if old == text else 'written'}: {case.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
