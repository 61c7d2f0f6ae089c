"""The detection rules: one table of patterns with stable ids, and the matcher's pre-check.

The table is data (``detector.stage_rules`` and ``detector.release_rules``,
each entry a ``detector.rule.Rule``); ``rules_for`` picks the rules worth
running on a sentence from the words it contains. Every rule has sentences
that must and must not match in ``tests/detector/cases.yaml``.
"""

from __future__ import annotations

from newsmon.detector.release_rules import RELEASE_RULES
from newsmon.detector.rule import Kind, Role, Rule
from newsmon.detector.stage_rules import STAGE_RULES

__all__ = ["RULES", "Kind", "Role", "Rule", "rules_for"]

RULES: tuple[Rule, ...] = STAGE_RULES + RELEASE_RULES


_HINTS: tuple[str, ...] = tuple(sorted({hint for rule in RULES for hint in rule.hints}))
_BY_HINT: dict[str, frozenset[int]] = {
    hint: frozenset(i for i, rule in enumerate(RULES) if hint in rule.hints) for hint in _HINTS
}
_ALWAYS: frozenset[int] = frozenset(i for i, rule in enumerate(RULES) if not rule.hints)


def rules_for(lowered: str) -> list[Rule]:
    """The rules whose hint words occur in a lowercased sentence, in table order."""
    chosen = set(_ALWAYS)
    for hint in [hint for hint in _HINTS if hint in lowered]:
        chosen |= _BY_HINT[hint]
    return [RULES[i] for i in sorted(chosen)]


def _check_table() -> None:
    ids = [rule.id for rule in RULES]
    duplicates = {rule_id for rule_id in ids if ids.count(rule_id) > 1}
    if duplicates:
        raise ValueError(f"duplicate rule ids: {sorted(duplicates)}")
    for rule in RULES:
        if any(hint != hint.lower() for hint in rule.hints):
            raise ValueError(f"{rule.id}: hints must be lowercase")


_check_table()
