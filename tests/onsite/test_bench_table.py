"""bench/run.py's one table: the check-in row holds the share against its 40 % target at
each scale, and says so."""

from bench import table


def _checkin(share, median=3.0):
    return {
        "checkin": {
            "people": 25,
            "checked_in": 25,
            "check_in_median_ms": median,
            "check_in_p95_ms": median * 1.1,
            "minimal_median_ms": median * share,
            "share": share,
            "queries": 7,
        }
    }


def test_the_check_in_share_is_met_only_when_every_scale_reaches_forty_percent():
    (met,) = table.checkin_rows({"tenth": _checkin(0.52), "full": _checkin(0.41)})
    (missed,) = table.checkin_rows({"tenth": _checkin(0.52), "full": _checkin(0.39)})
    assert met["met"] is True and missed["met"] is False
    assert met["tenth"].startswith("52% (3.0 vs 1.6 ms), 7 q")
    assert met["target"] == "≥ 40%"


def test_no_check_in_measured_gives_no_row():
    assert table.checkin_rows({"tenth": {}, "full": {}}) == []


def _page(label, ratio, anew=False):
    return {
        "page": label,
        "role": "hr",
        "median_ms": 10.0,
        "p95_ms": 11.0,
        "base_p95_ms": 11.0 / ratio,
        "ratio": ratio,
        "queries": 10,
        "base_queries": 3,
        "bytes": 2048,
        "derived_anew": anew,
    }


def test_a_page_derived_anew_is_shown_apart_and_held_to_no_target():
    measured = {"pages": [_page("summary", 3.5), _page("summary, derived anew", 6.0, anew=True)]}
    results = {"tenth": measured, "full": measured}
    worst = next(r for r in table.summary_rows(results) if r["figure"].startswith("page p95"))
    assert worst["met"] is True and "3.5×" in worst["full"]
    assert [r["figure"] for r in table.page_rows(results)] == ["summary (hr)"]
    (anew,) = table.anew_rows(results)
    assert anew["figure"] == "summary, derived anew (hr)" and anew["met"] is None
    assert "6.0× base" in anew["full"]


def test_the_growth_against_each_pages_base_takes_the_machines_speed_out():
    def measured(page_ms, base_ms):
        row = _page("list", 3.0)
        row.update(median_ms=page_ms, base_median_ms=base_ms)
        return {"pages": [row]}

    # The whole machine ran 2× slower for the full run: 2.0× raw, 1.0× against the base.
    rows = table.summary_rows({"tenth": measured(10.0, 4.0), "full": measured(20.0, 8.0)})
    raw = next(r for r in rows if r["figure"].startswith("full ÷ tenth median"))
    relative = next(r for r in rows if r["figure"].startswith("full ÷ tenth, each page"))
    assert raw["ratio"].startswith("2.00×") and raw["met"] is False
    assert relative["ratio"].startswith("1.00×") and relative["met"] is None


def test_the_pages_measured_in_turn_hold_the_growth_target():
    def measured(page_ms):
        row = _page("list", 3.0)
        row.update(median_ms=page_ms, base_median_ms=4.0)
        return {"pages": [row]}

    in_turn = {"pages": [{"page": "list", "role": "hr", "tenth_median_ms": 10.0,
                          "full_median_ms": 12.0}]}  # fmt: skip
    # Separate runs: 2.0× (the machine slowed); measured in turn: 1.2×.
    results = {"tenth": measured(10.0), "full": measured(20.0), "in_turn": in_turn}
    rows = table.summary_rows(results)
    turn = next(r for r in rows if r["figure"].startswith("full ÷ tenth median page time, in"))
    apart = next(r for r in rows if r["figure"].endswith("separate runs"))
    assert turn["ratio"].startswith("1.20×") and turn["met"] is True
    assert apart["ratio"].startswith("2.00×") and apart["met"] is None
    (page,) = table.page_rows(results)
    assert page["ratio"] == "1.20×" and page["met"] is True
    without = table.summary_rows({"tenth": measured(10.0), "full": measured(20.0)})
    alone = next(r for r in without if r["figure"] == "full ÷ tenth median page time (worst)")
    assert alone["met"] is False
