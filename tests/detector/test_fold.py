import itertools
import random

import pytest

from newsmon.detector.fold import StateTracker, advance, diff, fold, fold_facet
from newsmon.detector.model import Certainty, Claim

C, E, R = Certainty.confirmed, Certainty.expected, Certainty.rumored


def claim(
    value: str,
    as_of: str,
    certainty: Certainty = C,
    *,
    facet: str = "stage",
    show: str = "Harbour Lights",
    season: int | None = 2,
    evidence: str = "",
) -> Claim:
    return Claim(
        show=show,
        season=season,
        facet=facet,  # type: ignore[arg-type]
        value=value,
        certainty=certainty,
        as_of=as_of,
        evidence=evidence or f"{value} as of {as_of}",
        rule_id="test",
    )


def release(value: str, as_of: str, certainty: Certainty = E, **kw) -> Claim:
    return claim(value, as_of, certainty, facet="release", **kw)


def held(claims, facet: str = "stage", show: str = "Harbour Lights", season: int | None = 2):
    return fold(claims)[(show, season, facet)].value


def test_latest_as_of_wins_whatever_the_feed_order():
    claims = [
        claim("announced", "2021-02-01"),
        claim("filming", "2021-09-14"),
        claim("pre_production", "2021-05"),
    ]
    for order in itertools.permutations(claims):
        assert held(order) == "filming"


def test_reduced_precision_as_of_orders_by_first_then_last_day():
    # "2021" starts on 2021-01-01, before the dated claim; "2021-06" starts after it.
    assert held([claim("filming", "2021-03-10"), claim("wrapped", "2021")]) == "filming"
    assert held([claim("wrapped", "2021-06"), claim("filming", "2021-03-10")]) == "wrapped"
    # Same first day: the shorter window ends first, so the longer one is later.
    assert held([claim("wrapped", "2021-03"), claim("filming", "2021-03-01")]) == "wrapped"


def test_same_as_of_keeps_the_most_certain():
    rumour = claim("cancelled", "2022-04-04", R)
    fact = claim("filming", "2022-04-04", C)
    assert held([rumour, fact]) == "filming"
    assert held([fact, rumour]) == "filming"
    plan = claim("pre_production", "2022-04-04", E)
    assert held([plan, rumour]) == "pre_production"


def test_same_as_of_and_certainty_keeps_the_one_fed_later():
    first = claim("filming", "2022-04-04")
    second = claim("on_hold", "2022-04-04")
    assert held([first, second]) == "on_hold"
    assert held([second, first]) == "filming"


def test_same_as_of_written_two_ways_is_the_same_time():
    first = claim("filming", "2022-04", R)
    second = claim("on_hold", "2022-04-01/2022-04-30", C)
    assert held([second, first]) == "on_hold"


def test_a_less_certain_later_claim_still_moves_the_state():
    # Certainty only breaks ties between claims of the same as_of.
    assert held([claim("filming", "2022-04-04", C), claim("cancelled", "2022-05-01", R)]) == (
        "cancelled"
    )


def test_old_claim_arriving_late_never_moves_the_state_backwards():
    tracker = StateTracker()
    tracker.feed([claim("wrapped", "2023-08-30")])
    changes = tracker.feed([claim("filming", "2023-01-15"), claim("announced", "2022-12")])
    assert changes == []
    assert tracker.state[("Harbour Lights", 2, "stage")].value == "wrapped"


def test_vaguer_release_window_does_not_undo_a_precise_one():
    precise = release("2024-11-05", "2024-03-01")
    vaguer = release("2024", "2024-06-18")
    assert held([precise, vaguer], facet="release") == "2024-11-05"
    later_month = release("2024-11", "2024-07-01")
    assert held([precise, vaguer, later_month], facet="release") == "2024-11-05"


def test_open_window_does_not_undo_a_date_inside_it():
    assert held(
        [release("2025-02", "2024-08"), release("2025/..", "2024-09")], facet="release"
    ) == ("2025-02")


def test_release_window_not_containing_the_state_replaces_it():
    assert held([release("2024-11", "2024-03"), release("2025", "2024-06")], facet="release") == (
        "2025"
    )
    assert held(
        [release("2024-11-05", "2024-03"), release("2024-11-12", "2024-06")], facet="release"
    ) == ("2024-11-12")


def test_tba_replaces_a_date_and_a_date_replaces_tba():
    dated = release("2024-11-05", "2024-03-01")
    pulled = release("tba", "2024-06-18", C)
    assert held([dated, pulled], facet="release") == "tba"
    # tba contains nothing, so a vaguer window after it is news, not a confirmation.
    assert held([dated, pulled, release("2025", "2024-09-01")], facet="release") == "2025"


def test_containment_only_applies_to_release():
    # A stage never "contains" another, even if both values were dates.
    assert held([claim("filming", "2024-01"), claim("wrapped", "2024-02")]) == "wrapped"


def test_fold_keys_by_show_season_and_facet():
    state = fold(
        [
            claim("filming", "2021-01-01", season=1),
            claim("announced", "2021-02-01", season=2),
            release("2021", "2021-02-01", season=2),
            claim("released", "2021-03-01", show="Saltmarsh", season=None),
        ]
    )
    assert {key: c.value for key, c in state.items()} == {
        ("Harbour Lights", 1, "stage"): "filming",
        ("Harbour Lights", 2, "stage"): "announced",
        ("Harbour Lights", 2, "release"): "2021",
        ("Saltmarsh", None, "stage"): "released",
    }


def test_bad_as_of_is_refused():
    with pytest.raises(ValueError, match="last week"):
        fold([claim("filming", "last week")])


def test_diff_reports_changed_values_only():
    before = fold([claim("filming", "2021-01-01"), release("2021", "2021-01-01")])
    after = fold(
        [
            claim("filming", "2021-01-01"),
            release("2021", "2021-01-01"),
            claim("wrapped", "2021-05-01"),
            release("2021", "2021-05-01", C),
            claim("announced", "2021-05-01", season=3),
        ]
    )
    changes = diff(before, after)
    assert [(c.show, c.season, c.facet, c.old, c.new) for c in changes] == [
        ("Harbour Lights", 2, "stage", "filming", "wrapped"),
        ("Harbour Lights", 3, "stage", None, "announced"),
    ]
    assert changes[0].claim.evidence == "wrapped as of 2021-05-01"


def test_tracker_reports_one_change_per_facet_per_article():
    tracker = StateTracker()
    first = tracker.feed([claim("pre_production", "2021-04"), release("2022", "2021-04-20")])
    assert [(c.facet, c.old, c.new) for c in first] == [
        ("stage", None, "pre_production"),
        ("release", None, "2022"),
    ]
    # "It wrapped in May and is now in post-production": one event, not two.
    second = tracker.feed([claim("wrapped", "2021-05"), claim("post_production", "2021-07-02")])
    assert [(c.facet, c.old, c.new) for c in second] == [
        ("stage", "pre_production", "post_production")
    ]
    assert tracker.feed([]) == []


def test_tracker_only_reports_productions_the_article_changed():
    tracker = StateTracker([claim("filming", "2021-01-01", season=1)])
    changes = tracker.feed([claim("announced", "2021-02-01", season=2)])
    assert [(c.season, c.new) for c in changes] == [(2, "announced")]
    assert tracker.production_state(("Harbour Lights", 1))[
        ("Harbour Lights", 1, "stage")
    ].value == ("filming")
    assert len(tracker.claims(("Harbour Lights", 2))) == 1


def test_tracker_reaches_the_same_state_in_any_feed_order():
    articles = [
        [claim("announced", "2020-02-01"), release("2021", "2020-02-01")],
        [claim("filming", "2020-09-14"), release("2021-03", "2020-09-14")],
        [claim("wrapped", "2020-12"), release("2021", "2020-12-20")],
        [claim("on_hold", "2020-10-02", R)],
    ]
    finals = set()
    for order in itertools.permutations(articles):
        tracker = StateTracker()
        for batch in order:
            tracker.feed(batch)
        finals.add(tuple(sorted((k[2], c.value) for k, c in tracker.state.items())))
    assert finals == {(("release", "2021-03"), ("stage", "wrapped"))}


def test_tracker_refuses_a_bad_batch_and_keeps_working():
    tracker = StateTracker([claim("filming", "2021-01-01")])
    with pytest.raises(ValueError, match="next spring"):
        tracker.feed([claim("wrapped", "2021-03-01"), release("next spring", "2021-03-01")])
    assert tracker.state[("Harbour Lights", 2, "stage")].value == "filming"
    assert [c.new for c in tracker.feed([claim("wrapped", "2021-03-01")])] == ["wrapped"]


@pytest.mark.parametrize("seed", range(60))
def test_a_claim_weighed_against_the_state_alone_folds_as_the_whole_history_does(seed):
    # Same-day ties, vaguer windows, tba and late arrivals, one claim at a time.
    rng = random.Random(seed)
    days = ["2024", "2024-03", "2024-03-01", "2024-03-15", "2024-06", "2024-06-30", "2025"]
    windows = ["2024", "2024-11", "2024-11-05", "2025", "2025/..", "tba", "2024-10/2024-12"]
    stages = ["announced", "filming", "wrapped"]
    fed: list[Claim] = []
    state = None
    quick_ones = 0
    for _ in range(30):
        certainty, day = rng.choice([C, E, R]), rng.choice(days)
        if seed % 2:
            new = release(rng.choice(windows), day, certainty)
        else:
            new = claim(rng.choice(stages), day, certainty)
        fed.append(new)
        whole = fold_facet(fed)
        quick = advance(state, new)
        assert quick is None or quick == whole, fed
        quick_ones += quick is not None
        state = whole
    assert quick_ones > 0


@pytest.mark.parametrize("seed", range(10))
def test_tracker_fed_in_batches_holds_what_one_fold_of_everything_holds(seed):
    rng = random.Random(seed)
    tracker = StateTracker()
    fed: list[Claim] = []
    for _ in range(15):
        batch = [
            release(rng.choice(["2024", "2024-11", "tba", "2025/.."]), f"2024-0{rng.randint(1, 9)}")
            if rng.random() < 0.5
            else claim(
                rng.choice(["filming", "wrapped"]),
                f"2024-0{rng.randint(1, 9)}",
                rng.choice([C, E, R]),
                season=rng.choice([1, 2]),
            )
            for _ in range(rng.randint(0, 3))
        ]
        before = fold(fed)
        fed.extend(batch)
        changes = tracker.feed(batch)
        assert tracker.state == fold(fed)
        touched = {(c.show, c.season, c.facet) for c in batch}
        expected = diff(before, {k: v for k, v in fold(fed).items() if k in touched})
        assert sorted(changes, key=repr) == sorted(expected, key=repr)
