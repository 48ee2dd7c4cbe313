"""The charts are readable at a glance and without colour: contrast, patterns, a scale that fits."""

import datetime as dt

import pytest

from beredskab.stats import chart
from beredskab.stats.selectors import Derived, Table


def contrast(colour, against="#ffffff"):
    def luminance(hex_colour):
        def channel(value):
            value /= 255
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    lighter, darker = sorted((luminance(colour), luminance(against)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(("colour", "_pattern"), chart.SERIES)
def test_every_series_colour_stands_out_against_white(colour, _pattern):
    # WCAG 1.4.11 asks 3:1 for graphics; 4.5:1 keeps the white pattern marks visible too.
    assert contrast(colour) >= 4.5


def test_series_differ_by_pattern_not_only_by_colour():
    patterns = [pattern for _colour, pattern in chart.SERIES]

    assert len(set(patterns)) == len(patterns)


@pytest.mark.parametrize(
    ("largest", "top"), [(0, 5), (3, 5), (7, 10), (12, 20), (22, 25), (40, 50), (180, 200)]
)
def test_the_scale_is_a_round_number_just_above_the_largest_bar(largest, top):
    assert chart.nice_maximum(largest) == top


def test_stacked_bars_are_as_high_as_their_counts():
    months = [dt.date(2025, 1, 1), dt.date(2025, 2, 1)]
    table = Table(
        kind="age",
        title="Alder",
        row_header="Måned",
        rows=[("2025-01", "januar 2025"), ("2025-02", "februar 2025")],
        columns=[("child", "Barn"), ("adult", "Voksen")],
        counts={("2025-01", "child"): 6, ("2025-01", "adult"): 4, ("2025-02", "adult"): 5},
    )

    drawn = chart.monthly_stacked(table, months)

    january, february = drawn["bars"]
    assert [s["n"] for s in january["segments"]] == [6, 4]
    assert january["segments"][0]["height"] == pytest.approx(
        1.5 * january["segments"][1]["height"], abs=0.2
    )
    assert [s["label"] for s in february["segments"]] == ["Voksen"]
    assert (january["total"], february["total"]) == (10, 5)
    assert january["year"] == 2025 and february["year"] == ""
    assert [item["label"] for item in drawn["legend"]] == ["Barn", "Voksen"]


def test_a_chart_of_overlapping_categories_shows_no_totals_over_its_bars():
    # A notification may concern several types: the segments of a month add up to more than the
    # month's notifications, so the sum is not printed over the bar.
    months = [dt.date(2025, 1, 1)]
    table = Table(
        kind="concern",
        title="Bekymringstype",
        row_header="Måned",
        rows=[("2025-01", "januar 2025")],
        columns=[("forced_marriage", "Tvangsægteskab"), ("control", "Social kontrol")],
        counts={("2025-01", "forced_marriage"): 3, ("2025-01", "control"): 4},
    )

    assert chart.monthly_stacked(table, months)["show_totals"] is True
    assert chart.monthly_stacked(table, months, totals=False)["show_totals"] is False


def test_share_bars_run_from_0_to_100_percent():
    table = Table(
        kind="deadlines",
        title="Frister",
        row_header="Frist",
        rows=[("assessment", "Risikovurdering"), ("receipt", "Kvittering")],
        columns=[("met", "Overholdt")],
        counts={},
        column_totals=False,
        derived=[("share", "Andel", "percent")],
        derived_values={
            ("assessment", "share"): Derived(50.0, 10),
            ("receipt", "share"): Derived(None, 0),
        },
    )

    drawn = chart.shares(table)

    assessment, receipt = drawn["rows"]
    assert assessment["width"] == pytest.approx(drawn["bar_width"] / 2)
    assert assessment["value"] == "50,0"
    assert receipt["width"] == 0 and receipt["value"] is None
