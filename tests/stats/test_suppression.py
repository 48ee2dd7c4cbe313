"""Small numbers do not leave the system: 1–4 become "<5", and no hidden number can be worked
back from a total."""

from beredskab.stats.selectors import TOTAL, Derived, Table
from beredskab.stats.suppression import suppress


def table(counts, *, rows=("r1", "r2"), columns=("a", "b", "c"), **options):
    return Table(
        kind="test",
        title="Test",
        row_header="Række",
        rows=[(r, r) for r in rows],
        columns=[(c, c) for c in columns],
        counts={(r, c): n for (r, c), n in counts.items()},
        **options,
    )


def texts(shown, row, columns=("a", "b", "c", TOTAL)):
    return [shown[row, c].text for c in columns]


def test_one_to_four_become_less_than_five_and_zero_and_five_are_shown():
    shown = suppress(
        table(
            {
                ("r1", "a"): 0,
                ("r1", "b"): 5,
                ("r1", "c"): 0,
                ("r2", "a"): 1,
                ("r2", "b"): 4,
                ("r2", "c"): 0,
            }
        )
    )

    assert texts(shown, "r1") == ["0", "5", "0", "5"]
    assert texts(shown, "r2") == ["<5", "<5", "0", "5"]
    assert shown["r2", "a"].reason == "small"


def test_a_lone_small_cell_takes_the_next_smallest_in_its_row_with_it():
    # r1: 3 + 7 + 20 = 30: with only the 3 hidden, 30 - 7 - 20 would give it back.
    shown = suppress(
        table(
            {
                ("r1", "a"): 3,
                ("r1", "b"): 7,
                ("r1", "c"): 20,
                ("r2", "a"): 9,
                ("r2", "b"): 8,
                ("r2", "c"): 10,
            }
        )
    )

    assert texts(shown, "r1") == ["<5", "x", "20", "30"]
    assert shown["r1", "b"].reason == "secondary"
    # The columns a and b now have one hidden cell each: each takes one more along.
    assert texts(shown, "r2") == ["x", "x", "10", "27"]
    # Every row and every column with a hidden cell now has at least two.
    for line in ("r1", "r2", TOTAL):
        hidden = [c for c in "abc" if shown[line, c].text in ("<5", "x")]
        assert len(hidden) != 1


def test_two_small_cells_in_a_row_need_nothing_more():
    shown = suppress(
        table({("r1", "a"): 2, ("r1", "b"): 3, ("r1", "c"): 20}, rows=("r1",), column_totals=False)
    )

    assert texts(shown, "r1") == ["<5", "<5", "20", "25"]


def test_when_the_rest_are_zeros_the_total_is_hidden():
    # The total of a row with one small cell and zeros equals the small cell: it is small too.
    shown = suppress(table({("r1", "a"): 3}, rows=("r1",), column_totals=False))

    assert texts(shown, "r1") == ["<5", "0", "0", "<5"]


def test_rows_are_protected_even_without_a_total_column():
    # The month's total may stand in another table (all notifications of the month).
    shown = suppress(
        table(
            {("r1", "a"): 2, ("r1", "b"): 6, ("r1", "c"): 9},
            rows=("r1",),
            row_totals=False,
            column_totals=False,
        )
    )

    assert [shown["r1", c].text for c in "abc"] == ["<5", "x", "9"]


def test_shares_and_medians_from_fewer_than_five_cases_are_not_shown():
    counts = {("met", "a"): 3, ("met", "b"): 1, ("big", "a"): 40, ("big", "b"): 10}
    derived = {
        ("met", "share"): Derived(75.0, 4),
        ("met", "median"): Derived(12.0, 4),
        ("big", "share"): Derived(80.0, 50),
        ("big", "median"): Derived(12.34, 50),
    }
    shown = suppress(
        table(
            counts,
            rows=("met", "big"),
            columns=("a", "b"),
            column_totals=False,
            derived=[("share", "Andel", "percent"), ("median", "Median", "hours")],
            derived_values=derived,
        )
    )

    assert shown["met", "share"].text == "–"
    assert shown["met", "median"].text == "–"
    assert shown["big", "share"].text == "80,0"
    assert shown["big", "median"].text == "12,3"


def test_a_share_is_hidden_when_it_would_give_a_hidden_count_back():
    # 97 of 100 met: the 3 missed are hidden, and so must the 97,0 % be.
    counts = {("r", "met"): 97, ("r", "missed"): 3}
    shown = suppress(
        table(
            counts,
            rows=("r",),
            columns=("met", "missed"),
            column_totals=False,
            derived=[("share", "Andel", "percent")],
            derived_values={("r", "share"): Derived(97.0, 100)},
        )
    )

    assert shown["r", "missed"].text == "<5"
    assert shown["r", "met"].text == "x"
    assert shown["r", "share"].text == "x"
