"""``newsmon catalog``: suggestions from detected articles, and extending the catalog file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from sqlalchemy import select

from newsmon.cli import main
from newsmon.detector.catalog import Catalog
from newsmon.detector.model import Certainty
from newsmon.detector.suggest import Suggestion
from newsmon.pipelines.ingest import catalog_reader
from newsmon.storage.articles import NewArticle
from newsmon.storage.db import open_database, unit_of_work
from newsmon.storage.ingest import ingest_article
from newsmon.storage.models import Article
from newsmon.storage.suggestions import record_suggestions

CATALOG_TEXT = """\
# Shows we watch. Keep this comment.
- title: Harrow Point
  aliases: ["#HarrowPoint"]   # the hashtag fans use
- title: The Quiet Ledger
  aliases: [TQL]
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    (tmp_path / "catalog.yaml").write_text(CATALOG_TEXT, encoding="utf-8")
    path = tmp_path / "newsmon.yaml"
    path.write_text(f"database_url: sqlite:///{tmp_path / 'store.db'}\ncatalog: catalog.yaml\n")
    return path


def _run(config: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--config", str(config), "catalog", *args])


def _titles(config: Path) -> list[str]:
    entries = yaml.safe_load((config.parent / "catalog.yaml").read_text(encoding="utf-8"))
    return [entry["title"] for entry in entries]


def test_add_appends_and_keeps_comments(config: Path) -> None:
    result = _run(config, "add", "Salt Road", "--alias", "#SaltRoad", "--alias", "Salt Rd")
    assert result.exit_code == 0, result.output
    text = (config.parent / "catalog.yaml").read_text(encoding="utf-8")
    assert text.startswith(CATALOG_TEXT)
    assert "# the hashtag fans use" in text
    catalog = Catalog.load(config.parent / "catalog.yaml")
    assert catalog.canonical("salt rd") == "Salt Road"
    assert catalog.titles == ["Harrow Point", "The Quiet Ledger", "Salt Road"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["harrow point"], "'harrow point' is already in the catalog"),
        (
            ["Quiet Hours", "--alias", "tql"],
            "'Quiet Hours': 'tql' already names 'The Quiet Ledger'",
        ),
        (["#HarrowPoint"], "'#HarrowPoint' already names 'Harrow Point'"),
    ],
)
def test_add_refuses_duplicates_and_conflicts_in_one_line(
    config: Path, args: list[str], message: str
) -> None:
    before = (config.parent / "catalog.yaml").read_bytes()
    result = _run(config, "add", *args)
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert message in result.output
    assert (config.parent / "catalog.yaml").read_bytes() == before


def test_import_csv_with_both_alias_separators_skips_known_shows(
    config: Path, tmp_path: Path
) -> None:
    source = tmp_path / "shows.csv"
    source.write_text(
        "title,aliases\nSalt Road,#SaltRoad|Salt Rd\nHarrow Point,#HarrowPoint\n"
        "Lantern Street,Lantern St;#Lantern\n",
        encoding="utf-8",
    )
    result = _run(config, "import", str(source))
    assert result.exit_code == 0, result.output
    assert "skipped 1 already in the catalog: Harrow Point" in result.output
    assert "added 2" in result.output
    catalog = Catalog.load(config.parent / "catalog.yaml")
    assert catalog.canonical("#lantern") == "Lantern Street"
    assert catalog.canonical("salt rd") == "Salt Road"
    assert (config.parent / "catalog.yaml").read_text(encoding="utf-8").startswith(CATALOG_TEXT)


def test_import_yaml_with_a_conflict_writes_nothing(config: Path, tmp_path: Path) -> None:
    source = tmp_path / "shows.yaml"
    source.write_text(
        "- {title: Salt Road, aliases: ['#SaltRoad']}\n- {title: Ledger Lines, aliases: [TQL]}\n",
        encoding="utf-8",
    )
    result = _run(config, "import", str(source))
    assert result.exit_code == 2
    assert "nothing added, 1 conflicting: 'Ledger Lines': 'TQL' already names" in result.output
    assert _titles(config) == ["Harrow Point", "The Quiet Ledger"]


def test_import_rejects_malformed_files_in_one_line(config: Path, tmp_path: Path) -> None:
    no_title = tmp_path / "shows.csv"
    no_title.write_text("name,aliases\nSalt Road,\n", encoding="utf-8")
    result = _run(config, "import", str(no_title))
    assert result.exit_code == 2
    assert "needs a header row with a 'title' column" in result.output
    bad = tmp_path / "shows.yaml"
    bad.write_text("- {title: Salt Road, aliases: Salt Rd}\n", encoding="utf-8")
    result = _run(config, "import", str(bad))
    assert result.exit_code == 2
    assert "'aliases' must be a list of strings" in result.output
    assert _titles(config) == ["Harrow Point", "The Quiet Ledger"]


def test_a_flow_style_catalog_is_rewritten_without_losing_entries(config: Path) -> None:
    (config.parent / "catalog.yaml").write_text(
        "[{title: Harrow Point, aliases: ['#HarrowPoint']}, {title: The Quiet Ledger}]\n"
    )
    result = _run(config, "add", "Salt Road")
    assert result.exit_code == 0, result.output
    assert "comments were not kept" in result.output
    assert _titles(config) == ["Harrow Point", "The Quiet Ledger", "Salt Road"]
    assert Catalog.load(config.parent / "catalog.yaml").canonical("#harrowpoint") == "Harrow Point"


def _detect(config: Path, day: str, slug: str, text: str) -> None:
    engine, sessions = open_database(f"sqlite:///{config.parent / 'store.db'}")
    catalog = Catalog.load(config.parent / "catalog.yaml")
    with unit_of_work(sessions) as session:
        article = NewArticle(
            source_name="local",
            url=f"http://127.0.0.1/{slug}",
            canonical_url=f"http://127.0.0.1/{slug}",
            headline="",
            text=text,
            published=dt.date.fromisoformat(day),
            published_raw=day,
            published_source="structured-data",
        )
        ingest_article(session, article, read=catalog_reader(catalog))
    engine.dispose()


def test_suggest_lists_what_the_pipeline_saw_until_the_show_is_added(config: Path) -> None:
    _detect(config, "2025-03-01", "a", 'The network has greenlit "Salt Road," a harbor drama.')
    _detect(config, "2025-05-20", "b", 'Cameras are rolling on "Salt Road" in Leith.')
    _detect(config, "2025-05-21", "c", '"Harrow Point" wrapped; "Tin Can" is a podcast.')
    result = _run(config, "suggest", "--json")
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.output)
    assert [(r["title"], r["articles"], r["first_seen"], r["last_seen"]) for r in rows] == [
        ("Salt Road", 2, "2025-03-01", "2025-05-20")
    ]
    assert rows[0]["evidence"][0]["rule_id"] == "stage.filming.cameras-rolling"
    assert rows[0]["evidence"][0]["article_url"] == "http://127.0.0.1/b"
    text = _run(config, "suggest", "--evidence", "2").output
    assert "Salt Road  (2 articles, first seen 2025-03-01, last seen 2025-05-20)" in text
    assert "stage=announced (confirmed, stage.announced.greenlight)" in text
    assert _run(config, "add", "Salt Road").exit_code == 0
    assert "No suggestions" in _run(config, "suggest").output


def test_commands_need_a_catalog_file(tmp_path: Path) -> None:
    path = tmp_path / "newsmon.yaml"
    path.write_text(f"database_url: sqlite:///{tmp_path / 'store.db'}\n")
    result = _run(path, "add", "Salt Road")
    assert result.exit_code == 2
    assert "no catalog file is configured" in result.output
    target = tmp_path / "new.yaml"
    assert _run(path, "add", "Salt Road", "--catalog", str(target)).exit_code == 0
    assert Catalog.load(target).titles == ["Salt Road"]


def test_every_option_of_explain_and_catalog_is_in_the_readme() -> None:
    import click

    from newsmon.commands.catalog import catalog
    from newsmon.commands.explain import explain

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    commands: list[tuple[str, click.Command]] = [("explain", explain)]
    assert isinstance(catalog, click.Group)
    commands += [(f"catalog {name}", command) for name, command in catalog.commands.items()]
    for name, command in commands:
        assert f"`newsmon {name}" in readme, f"{name} is not in README.md"
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.opts[-1] in readme, f"{name} {param.opts[-1]} is not in README.md"


def test_add_a_film_writes_its_kind_and_leaves_series_implicit(config: Path) -> None:
    assert _run(config, "add", "Salt Road", "--kind", "film").exit_code == 0
    assert _run(config, "add", "Lantern Street").exit_code == 0
    text = (config.parent / "catalog.yaml").read_text(encoding="utf-8")
    assert text.startswith(CATALOG_TEXT)
    added = text[len(CATALOG_TEXT) :].splitlines()
    assert added == [
        '- {title: "Salt Road", aliases: [], kind: film}',
        '- {title: "Lantern Street", aliases: []}',
    ]
    catalog = Catalog.load(config.parent / "catalog.yaml")
    assert catalog.films == {"Salt Road"}
    assert catalog.kind("Lantern Street") == "series"
    bad = _run(config, "add", "Tin Roof", "--kind", "movie")
    assert bad.exit_code == 2
    assert "'movie' is not one of 'series', 'film'" in bad.output


def test_list_shows_the_kind_in_the_table_and_in_json(config: Path) -> None:
    assert _run(config, "add", "Salt Road", "--kind", "film", "--alias", "Salt Rd").exit_code == 0
    table = _run(config, "list").output.splitlines()
    assert table[0].split() == ["title", "kind", "aliases"]
    assert table[2].split() == ["Harrow", "Point", "series", "#HarrowPoint"]
    assert table[4].split() == ["Salt", "Road", "film", "Salt", "Rd"]
    rows = json.loads(_run(config, "list", "--json").output)
    assert rows[-1] == {"title": "Salt Road", "kind": "film", "aliases": ["Salt Rd"]}
    assert [r["kind"] for r in rows] == ["series", "series", "film"]
    lines = _run(config, "list", "--jsonl").output.splitlines()
    assert [json.loads(line) for line in lines] == rows


def test_import_csv_and_yaml_with_kinds(config: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "shows.csv"
    csv_file.write_text(
        "title,aliases,kind\nSalt Road,Salt Rd,film\nLantern Street,,\nTin Roof,,Series\n",
        encoding="utf-8",
    )
    result = _run(config, "import", str(csv_file))
    assert result.exit_code == 0, result.output
    yaml_file = tmp_path / "shows.yaml"
    yaml_file.write_text("- {title: Grey Docks, kind: film}\n- {title: Copper Sky}\n")
    result = _run(config, "import", str(yaml_file))
    assert result.exit_code == 0, result.output
    catalog = Catalog.load(config.parent / "catalog.yaml")
    assert catalog.titles[2:] == [
        "Salt Road",
        "Lantern Street",
        "Tin Roof",
        "Grey Docks",
        "Copper Sky",
    ]
    assert catalog.films == {"Salt Road", "Grey Docks"}
    assert (config.parent / "catalog.yaml").read_text(encoding="utf-8").count("kind:") == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "shows.csv",
            "title,kind\nSalt Road,film\nTin Roof,miniseries\n",
            "shows.csv: line 3 (Tin Roof): kind must be series or film, not 'miniseries'",
        ),
        (
            "shows.yaml",
            "- {title: Salt Road, kind: film}\n- {title: Tin Roof, kind: movie}\n",
            "shows.yaml: entry 2 (Tin Roof): 'kind' must be one of series, film, not 'movie'",
        ),
    ],
)
def test_import_refuses_a_bad_kind_in_one_line_naming_the_row(
    config: Path, tmp_path: Path, name: str, content: str, message: str
) -> None:
    before = (config.parent / "catalog.yaml").read_bytes()
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    result = _run(config, "import", str(source))
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert message in result.output
    assert (config.parent / "catalog.yaml").read_bytes() == before


def test_a_known_title_with_another_kind_is_a_conflict(config: Path, tmp_path: Path) -> None:
    before = (config.parent / "catalog.yaml").read_bytes()
    result = _run(config, "add", "Harrow Point", "--kind", "film")
    assert result.exit_code == 2
    assert "'Harrow Point' is already in the catalog as a series" in result.output
    assert (config.parent / "catalog.yaml").read_bytes() == before


def test_a_rewritten_catalog_keeps_each_film(config: Path) -> None:
    (config.parent / "catalog.yaml").write_text(
        "[{title: Harrow Point, kind: film}, {title: The Quiet Ledger}]\n"
    )
    assert _run(config, "add", "Salt Road", "--kind", "film").exit_code == 0
    catalog = Catalog.load(config.parent / "catalog.yaml")
    assert catalog.films == {"Harrow Point", "Salt Road"}
    assert catalog.titles == ["Harrow Point", "The Quiet Ledger", "Salt Road"]


def test_suggest_leaves_out_stored_non_titles(config: Path) -> None:
    _detect(config, "2025-05-21", "d", 'A slate marked "DAY 41" shows that filming is under way.')
    _detect(config, "2025-05-22", "e", 'The thriller "You" premieres its final season on June 4.')
    _detect(config, "2025-05-23", "f", 'The comedy "Billable" has been cancelled after one season.')
    # A row stored by an earlier version, before quotes were held to the title filter.
    engine, sessions = open_database(f"sqlite:///{config.parent / 'store.db'}")
    with unit_of_work(sessions) as session:
        article = session.scalars(select(Article).where(Article.url.endswith("/e"))).one()
        old = Suggestion(title="You", season=None, facet="release", value="2025-06-04",
                         certainty=Certainty.expected, as_of="2025-05-22",
                         evidence="The thriller ...", rule_id="release.verb.date")  # fmt: skip
        record_suggestions(session, article=article, found=[old])
    engine.dispose()
    rows = json.loads(_run(config, "suggest", "--json").output)
    assert [r["title"] for r in rows] == ["Billable"]
