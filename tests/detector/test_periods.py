import datetime as dt
import re

import pytest

from newsmon.detector.periods import Period, as_of_key, is_as_of_value, is_release_value, sort_as_of


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2018", "2018-01-01", "2018-12-31"),
        ("2018-03", "2018-03-01", "2018-03-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2018-03-17", "2018-03-17", "2018-03-17"),
        ("2018/2019", "2018-01-01", "2019-12-31"),
        ("2019-03/2019-05", "2019-03-01", "2019-05-31"),
        ("2024-11-05/2024-11-20", "2024-11-05", "2024-11-20"),
    ],
)
def test_parse_gives_the_window_of_days(value, first, last):
    period = Period.parse(value)
    assert (period.first, period.last) == (d(first), d(last))
    assert not period.tba
    assert str(period) == value


def test_open_interval_has_no_end():
    period = Period.parse("2018/..")
    assert period.first == d("2018-01-01")
    assert period.last is None


def test_tba_is_neither_date_nor_window():
    period = Period.parse("tba")
    assert period.tba
    assert str(period) == "tba"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "soon",
        "2018-3",
        "18",
        "2018-13",
        "2018-02-30",
        "2019/2018",
        "2018-06/2018-05",
        "../2019",
        "2018/",
        "2018//2019",
        "spring 2019",
    ],
)
def test_bad_values_are_refused_with_the_value_named(value):
    with pytest.raises(ValueError, match=re.escape(repr(value))):
        Period.parse(value)
    assert not is_release_value(value)


def test_release_and_as_of_values():
    assert is_release_value("2019-03/2019-05")
    assert is_release_value("tba")
    assert is_as_of_value("2019-03")
    assert not is_as_of_value("tba")
    with pytest.raises(ValueError, match="tba"):
        as_of_key("tba")


def test_ordering_by_first_day_then_last_day():
    # FORMAT.md's example: 2024 sorts before 2024-01-15, which sorts before 2024-06.
    values = ["2024-06", "2024-01-15", "2024", "2023-12-31", "2024-01", "2024/..", "2024-01-01"]
    assert sort_as_of(values) == [
        "2023-12-31",
        "2024-01-01",
        "2024-01",
        "2024",
        "2024/..",
        "2024-01-15",
        "2024-06",
    ]


def test_open_end_sorts_after_every_closed_window_with_the_same_start():
    assert Period.parse("2018/..").sort_key > Period.parse("2018/2030").sort_key
    assert Period.parse("2018/..").sort_key < Period.parse("2018-01-02").sort_key


def test_same_window_written_two_ways_is_equal():
    assert Period.parse("2018") == Period.parse("2018-01/2018-12")
    assert Period.parse("2018") != Period.parse("2018-01")


@pytest.mark.parametrize(
    ("outer", "inner"),
    [
        ("2024", "2024-11"),
        ("2024", "2024-11-05"),
        ("2024-11", "2024-11-30"),
        ("2024/2025", "2025-03"),
        ("2019-03/2019-05", "2019-04"),
        ("2018/..", "2031-07-04"),
        ("2018/..", "2019/.."),
        ("2024", "2024"),
    ],
)
def test_contains(outer, inner):
    assert Period.parse(outer).contains(Period.parse(inner))


@pytest.mark.parametrize(
    ("outer", "inner"),
    [
        ("2024-11", "2024"),
        ("2024", "2025-01"),
        ("2024", "2023-12-31/2024-01-05"),
        ("2019-03/2019-05", "2019-06"),
        ("2024", "2024/.."),
        ("2019/..", "2018/.."),
        ("2030", "2018/.."),
    ],
)
def test_does_not_contain(outer, inner):
    assert not Period.parse(outer).contains(Period.parse(inner))


def test_tba_contains_nothing_and_is_contained_by_nothing():
    tba = Period.parse("tba")
    for value in ("2024", "2018/..", "tba"):
        assert not tba.contains(Period.parse(value))
        assert not Period.parse(value).contains(tba)
