"""Date strings as pages write them -> ISO 8601, keeping exactly the precision given."""

from __future__ import annotations

import pytest

from newsmon.crawler.date_strings import normalise_date


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024-03-05T14:30:00-05:00", "2024-03-05T14:30:00-05:00"),
        ("2024-03-05T19:30:00Z", "2024-03-05T19:30:00+00:00"),
        ("2024-03-05T19:30:00.250+01:00", "2024-03-05T19:30:00.250000+01:00"),
        ("2024-03-05T10:00:00-0500", "2024-03-05T10:00:00-05:00"),
        ("2024-03-05 10:00", "2024-03-05T10:00:00"),
        ("2024-03-05", "2024-03-05"),
        ("20240305", "2024-03-05"),
        ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05T10:00:00+00:00"),
        ("Tue, 05 Mar 2024 10:00:00 +0100", "2024-03-05T10:00:00+01:00"),
        ("March 3, 2024 6:00 PM PST", "2024-03-03T18:00:00-08:00"),
        ("Mar 5, 2024, 3:14 pm IST", "2024-03-05T15:14:00+05:30"),
        ("5 March 2024 10:00", "2024-03-05T10:00:00"),
        ("March 5, 2024 10 AM", "2024-03-05T10:00:00"),
        ("March 5, 2024", "2024-03-05"),
        ("  2024-03-05  ", "2024-03-05"),
    ],
)
def test_readable_dates_become_iso(raw, iso):
    assert normalise_date(raw) == iso


@pytest.mark.parametrize(
    "raw",
    [None, "", "   ", "yesterday", "March 2024", "2024", "2024-02-30", "n/a", "x" * 200],
)
def test_vague_or_invalid_dates_give_none(raw):
    assert normalise_date(raw) is None
