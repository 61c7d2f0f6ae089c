"""Gated patterns (detector.literals) find exactly what their whole patterns find."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import newsmon.detector
from newsmon.detector import analyze, foreign, scan
from newsmon.detector import literals as literals_module
from newsmon.detector import text as text_module
from newsmon.detector.literals import INDEX, GatedPattern, gate, gated
from newsmon.detector.rules import rules_for
from newsmon.detector.text import sentences

HERE = Path(__file__).parent
CASES: dict[str, Any] = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
ARTICLES = sorted((HERE.parent / "corpus-real" / "articles").glob("*.json"))

# Text that case-insensitive matching reads differently from str.lower: the Kelvin sign,
# the long s, the dotted and dotless i, and an Arabic-Indic digit for \d.
AWKWARD = [
    "Filming began on \u212aingdom in May; it was renewed.",
    "The \u017fhoot started, and the series was cancelled in \u0663 weeks.",
    "\u0130t premiered on March 4, \u0131t said; season \u0664 is next.",
    "Production on Harbor was halted on Monday after 2 weeks.",
]


def _texts() -> list[str]:
    texts = [*AWKWARD]
    for case in CASES["cases"]:
        texts += [s.norm for s in sentences(case.get("headline", ""), case.get("text", ""))]
    # Every fifth article of the real corpus: a thousand sentences of trade prose.
    for path in ARTICLES[::5]:
        data = json.loads(path.read_text(encoding="utf-8"))
        texts += [s.norm for s in sentences(data.get("headline", ""), data.get("text", ""))]
    return texts


TEXTS = _texts()


def _gated_patterns() -> Iterator[tuple[str, GatedPattern]]:
    """Every GatedPattern the detector's modules hold, alone or in a list or tuple."""
    for info in pkgutil.iter_modules(newsmon.detector.__path__):
        module = importlib.import_module(f"newsmon.detector.{info.name}")
        for name, value in vars(module).items():
            for item in _flatten(value):
                yield f"{info.name}.{name}", item


def _flatten(value: object) -> Iterator[GatedPattern]:
    if isinstance(value, GatedPattern):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _flatten(item)


PATTERNS = [
    *_gated_patterns(),
    # Tables that stay plain patterns and are gated where they run.
    *(
        (f"foreign.{name}", gate(p))
        for name in ("_WORKS", "_TITLED_WORKS")
        for p in getattr(foreign, name)
    ),
    # Plain patterns gated where they run.
    *(
        (f"{module.__name__.rsplit('.', 1)[-1]}.{name}", gate(getattr(module, name)))
        for module, name in [
            (foreign, "_TITLE_SEASON"),
            (foreign, "_TITLE_RENEWED"),
            (foreign, "_INDEFINITE_WORK"),
            (analyze, "_COORDINATED_SEASONS"),
            (analyze, "_NUMBERED_SEASONS"),
        ]
    ),
]


def _spans(regex: re.Pattern[str] | None, text: str) -> list[tuple[int, int]]:
    return [] if regex is None else [m.span() for m in regex.finditer(text)]


def test_the_detector_gates_its_big_patterns() -> None:
    names = {name for name, _ in PATTERNS}
    assert {"scan._GATED", "dates._COMPILED", "certainty._CLAUSE_HEDGE", "foreign._WORKS"} <= names
    assert len(TEXTS) > 1000


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_gated_pattern_finds_what_the_whole_pattern_finds(name: str, pattern: GatedPattern) -> None:
    for text in TEXTS:
        expected = _spans(pattern.regex, text)
        assert _spans(pattern.for_text(INDEX.present(text)), text) == expected, (name, text)


def test_parts_of_the_last_sentence_run_with_its_literals() -> None:
    # The words before a match, a clause, a window: gated with the sentence's literals
    # (``LiteralIndex.covering``), a superset of their own, they find the same matches.
    patterns = [pattern for _, pattern in PATTERNS]
    for text in TEXTS[::7]:
        assert INDEX.present(text) == INDEX.covering(text)
        for start, end in [(0, len(text) // 2), (len(text) // 3, len(text)), (5, 45)]:
            part = text[start:end]
            own = INDEX.present(part)
            INDEX.present(text)
            covering = INDEX.covering(part)
            assert own is None or covering is None or own <= covering, (text, part)
            for pattern in patterns:
                expected = [m.span() for m in pattern.regex.finditer(part)]
                assert [m.span() for m in pattern.finditer(part)] == expected, (text, part)


def test_cues_are_those_of_every_hinted_rule_run_whole() -> None:
    for text in TEXTS:
        whole = [
            (rule.id, m.span())
            for rule in rules_for(text.lower())
            for m in rule.regex.finditer(text)
        ]
        whole.sort(key=lambda cue: cue[1])
        assert [(c.rule.id, (c.start, c.end)) for c in scan.find_cues(text)] == whole, text


def test_the_index_finds_exactly_the_literals_a_text_holds() -> None:
    literals = INDEX._literals
    for text in TEXTS:
        present = INDEX.present(text)
        if present is None:
            continue
        assert present == {literal for literal in literals if literal in text.lower()}, text


def test_the_finder_reads_word_parts_and_phrases(monkeypatch: pytest.MonkeyPatch) -> None:
    literals = frozenset({"began", "egan", "2", "in the can", "n't", "set for", "$", "the "})
    finder = literals_module._Finder(literals)
    monkeypatch.setattr(literals_module, "_MAX_WORDS", 4)  # the word cache is renewed as it fills
    for text in [
        "It began in the can't-miss set, $2.",
        "Reset for began; the end",
        "Megan's 12 set  for",
        "",
        "in the cannery",
        "It began in the can't-miss set, $2.",
    ]:
        lowered = text.lower()
        assert finder.literals_in(lowered) == {lit for lit in literals if lit in lowered}, text


@pytest.mark.parametrize("text", AWKWARD[:3])
def test_text_that_folds_unlike_lowercase_is_not_gated(text: str) -> None:
    assert INDEX.present(text) is None


def _requirements(pattern: str, flags: int = re.IGNORECASE) -> list[set[frozenset[str]]]:
    return [set(b.requirement) for b in gated(pattern, flags).branches]


def test_literals_of_a_sequence() -> None:
    # Optional parts and lookarounds add nothing; short runs ("to ", " ") tell too little.
    assert _requirements(r"(?<!not )\bcomes? (?:back )?to (?:the )?theaters\b") == [
        {frozenset({"come"}), frozenset({"theaters"})}
    ]
    # A group of one branch is part of the run around it.
    assert _requirements(r"\b(?:the shoot)\s+wrapped") == [
        {frozenset({"the shoot"}), frozenset({"wrapped"})}
    ]


def test_an_alternation_needs_one_literal_of_each_branch() -> None:
    assert _requirements(r"\b(?:began|started|kicked off)\s+(?:filming|shooting)\b") == [
        {frozenset({"filming", "shooting"}), frozenset({"began", "kicked off", "started"})}
    ]
    # A branch with nothing telling ("is") leaves the alternation unknown.
    assert _requirements(r"(?:renewed|is) again") == [{frozenset({" again"})}]


def test_a_digit_class_is_its_ten_digits() -> None:
    assert _requirements(r"season \d{1,2}") == [{frozenset("0123456789"), frozenset({"season "})}]


def test_top_level_branches_are_gated_one_by_one() -> None:
    pattern = gated(r"\bon hold\b|\bshelved\b|(?-i:[A-Z])\w+ halted", re.IGNORECASE)
    assert [b.source for b in pattern.branches] == [
        r"\bon hold\b",
        r"\bshelved\b",
        r"(?-i:[A-Z])\w+ halted",
    ]
    present = INDEX.present("It was shelved.")
    # Met once, the branches run within a pattern already compiled (here the whole one)...
    assert pattern.for_text(present) is pattern.regex
    # ...met again, they get a pattern of their own.
    reduced = pattern.for_text(present)
    assert reduced is not None
    assert reduced.pattern == r"\bshelved\b"
    assert pattern.for_text(present) is reduced
    assert pattern.for_text(INDEX.present("Nothing here.")) is None
    assert pattern.for_text(INDEX.present("On hold, then shelved.")) is not None


def test_a_set_of_branches_met_once_runs_in_the_smallest_compiled_pattern_holding_it() -> None:
    pattern = gated(r"\bon hold\b|\bshelved\b|\bscrapped\b", re.IGNORECASE)
    both = INDEX.present("On hold, then shelved.")
    pattern.for_text(both)
    two = pattern.for_text(both)
    assert two is not None
    assert two.pattern == r"\bon hold\b|\bshelved\b"
    # Compiling costs more than running a few branches that cannot match here.
    assert pattern.for_text(INDEX.present("It was shelved.")) is two
    assert pattern.for_text(INDEX.present("It was scrapped.")) is pattern.regex


def test_compiled_branch_sets_are_bounded() -> None:
    words = [f"qx{n:03d}zz" for n in range(literals_module._MAX_REDUCED + 40)]
    pattern = gated("|".join(rf"\b{word}\b" for word in words), re.IGNORECASE)
    for word in words:
        pattern.for_text(INDEX.present(f"Then {word}."))
        pattern.for_text(INDEX.present(f"Then {word}."))
    assert len(pattern._reduced) == literals_module._MAX_REDUCED
    # Past the bound, a set runs in the whole pattern, with the same matches.
    late = INDEX.present(f"Then {words[-1]}.")
    assert pattern.for_text(late) is pattern.regex


def test_groups_keep_a_pattern_whole() -> None:
    pattern = gated(r"(?P<a>premiered)|(?P<b>debuted) on", re.IGNORECASE)
    assert len(pattern.branches) == 1
    assert pattern.for_text(INDEX.present("It debuted on Netflix.")) is pattern.regex


@pytest.mark.parametrize(
    "pattern",
    [r"(\w+) \1", r"(?i)renewed", r"(?x) renewed # verbose", r"\x41bc", r"(a)?(?(1)b|c)"],
)
def test_what_the_reader_does_not_model_runs_whole(pattern: str) -> None:
    gated_pattern = gated(pattern)
    assert [b.requirement for b in gated_pattern.branches] == [()]
    assert gated_pattern.for_text(INDEX.present("nothing")) is gated_pattern.regex


def test_literals_added_later_are_found() -> None:
    pattern = GatedPattern(re.compile(r"\bzyzzyva\b", re.IGNORECASE))
    assert pattern.for_text(INDEX.present("A Zyzzyva wrapped.")) is pattern.regex
    assert pattern.for_text(INDEX.present("A weevil wrapped.")) is None


def test_normalise_skips_only_work_that_changes_nothing() -> None:
    def whole(text: str) -> str:
        return text_module._MONTH_ABBREVIATION.sub(r"\1 ", text.translate(text_module._NORMALISE))

    samples = [*TEXTS, "It opens Sept. 8 \u2014 \u201cfinally\u201d.", "Due Nov.\t3, or Dec. x"]
    for text in samples:
        assert text_module.normalise(text) == whole(text), text
