from __future__ import annotations

import pytest

from newsmon.alerts.format import readable_release
from tests.alerts.conftest import alert_event


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "The Defenders (season 1): pre-production -> wrapped"),
        ({"old": None}, "The Defenders (season 1): wrapped"),
        (
            {"show": "Jessica Jones", "season": 2, "facet": "release", "old": None, "new": "2018"},
            "Jessica Jones (season 2): release 2018",
        ),
        (
            {
                "show": "Jessica Jones",
                "season": 2,
                "facet": "release",
                "old": "2018",
                "new": "2018-03",
            },
            "Jessica Jones (season 2): release 2018 -> 2018-03",
        ),
        (
            {"show": "Logan", "season": None, "old": "filming", "new": "post_production"},
            "Logan: filming -> post-production",
        ),
        (
            {
                "show": "Logan",
                "season": None,
                "facet": "release",
                "old": "2017-03/2017-05",
                "new": "tba",
            },
            "Logan: release 2017-03/2017-05 -> tba",
        ),
        ({"old": "on_hold", "new": "cancelled"}, "The Defenders (season 1): on-hold -> cancelled"),
    ],
)
def test_summary_line(changes, expected):
    assert alert_event(**changes).summary == expected


def test_summary_line_is_one_line_even_for_a_title_with_line_breaks():
    line = alert_event(show="The\nDefenders\r\nReturns").summary
    assert line == "The Defenders Returns (season 1): pre-production -> wrapped"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018", "2018"),
        ("2018-03", "March 2018 (2018-03)"),
        ("2018-03-17", "17 March 2018 (2018-03-17)"),
        ("2018/2019", "between 2018 and 2019 (2018/2019)"),
        ("2019-03/2019-05", "between March 2019 and May 2019 (2019-03/2019-05)"),
        ("2018/..", "2018 or later (2018/..)"),
        ("tba", "to be announced"),
        ("someday", "someday"),
    ],
)
def test_readable_release_keeps_the_iso_value_visible(value, expected):
    assert readable_release(value) == expected
