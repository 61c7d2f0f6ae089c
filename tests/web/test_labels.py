"""The pages speak in words with one arrow: "Release: spring 2025 → 14 March 2025"."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from newsmon.web.render import release_label
from tests.web.conftest import Store


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2025-03/2025-05", "spring 2025"),
        ("2025-06/2025-08", "summer 2025"),
        ("2025-09/2025-11", "autumn 2025"),
        ("2025-12/2026-02", "winter 2025–26"),
        ("2025-03-14", "14 March 2025"),
        ("2025-03", "March 2025"),
        ("2025/..", "2025 or later"),
        ("2018/2019", "between 2018 and 2019"),
        ("tba", "to be announced"),
        (None, "not known"),
    ],
)
def test_release_windows_in_words(value: str | None, words: str) -> None:
    assert release_label(value) == words


@pytest.mark.parametrize("path", ["/", "/?all=1", "/sources", "/shows/Show%20001"])
def test_pages_use_one_arrow_and_no_machine_values(synthetic: Store, path: str) -> None:
    response = synthetic.client().get(path)
    assert response.status_code == 200
    text = BeautifulSoup(response.text, "html.parser").get_text(" ")
    assert " -> " not in text
    assert "/.." not in text
    assert "→" in text or path == "/sources"


def test_recent_changes_read_as_sentences(synthetic: Store) -> None:
    page = BeautifulSoup(synthetic.client().get("/?all=1").text, "html.parser")
    lines = [link.get_text(" ", strip=True) for link in page.select("section.recent li a")]
    assert lines
    for line in lines:
        show, _, change = line.partition("): ")
        assert show.startswith("Show ")
        assert "(season" in show
        assert change.startswith("Release: ") or change.split(" → ")[-1] in {
            "announced",
            "pre-production",
            "filming",
            "wrapped",
            "post-production",
            "released",
            "cancelled",
            "on hold",
        }
