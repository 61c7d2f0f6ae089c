"""The extraction benchmark's scoring, as its README describes it (4-token shingles)."""

from __future__ import annotations

import pytest

from bench.extraction import page_scores, shingles


def test_shingles_are_a_multiset_of_four_token_runs():
    assert shingles("a b c d e", 4) == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("only two", 4) == {("only", "two"): 1}  # a short text is one shingle
    assert shingles("", 4) == {}
    assert shingles("x y z w x y z w", 4)[("x", "y", "z", "w")] == 2


def test_precision_and_recall_of_one_page():
    reference = "one two three four five six"  # 3 shingles
    assert page_scores(reference, reference, 4) == (1.0, 1.0)
    precision, recall = page_scores(reference, "one two three four five six seven eight", 4)
    assert recall == 1.0
    assert precision == pytest.approx(3 / 5)
    precision, recall = page_scores(reference, "one two three four", 4)
    assert precision == 1.0
    assert recall == pytest.approx(1 / 3)
    assert page_scores(reference, "", 4) == (0.0, 0.0)
    assert page_scores("", "", 4) == (1.0, 1.0)
