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
