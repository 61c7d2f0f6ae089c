"""The sentence splitter: where trade prose ends a sentence and where it only abbreviates."""

from __future__ import annotations

import pytest

from newsmon.detector.text import sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Filming began at Warner Bros. Studios Leavesden. The cast is new.",
            ["Filming began at Warner Bros. Studios Leavesden.", "The cast is new."],
        ),
        (
            "Dr. Ruiz directs. Shooting starts in May.",
            ["Dr. Ruiz directs.", "Shooting starts in May."],
        ),
        ("It opens in May. Then it streams.", ["It opens in May.", "Then it streams."]),
    ],
)
def test_sentences_end_at_full_stops_but_not_after_abbreviations(
    text: str, expected: list[str]
) -> None:
    assert [s.norm for s in sentences("", text)] == expected
