import datetime as dt

from qinglian.compliance.periods import containing, recent


def test_keys_labels_and_bounds():
    q = containing("quarter", dt.date(2026, 11, 25))
    assert (q.key, q.label, q.start, q.end) == (
        "2026-Q4",
        "2026年第四季度",
        dt.date(2026, 10, 1),
        dt.date(2026, 12, 31),
    )
    assert containing("month", dt.date(2024, 2, 10)).end == dt.date(2024, 2, 29)
    assert containing("year", dt.date(2026, 5, 1)).key == "2026"


def test_recent_walks_back_across_years():
    keys = [p.key for p in recent("quarter", dt.date(2026, 2, 1), 4)]
    assert keys == ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]
    assert [p.key for p in recent("month", dt.date(2026, 1, 15), 2)] == ["2025-12", "2026-01"]


def test_due_is_the_last_working_day(db):
    # January 2025 ends in the Spring Festival holiday (28 Jan – 4 Feb): due Monday 27 January.
    assert containing("month", dt.date(2025, 1, 5)).due == dt.date(2025, 1, 27)
    # February 2026 ends on Saturday the 28th, a make-up working day (调休上班).
    assert containing("month", dt.date(2026, 2, 5)).due == dt.date(2026, 2, 28)
    # The first quarter of 2024 ends on Sunday 31 March: due Friday 29 March.
    assert containing("quarter", dt.date(2024, 2, 1)).due == dt.date(2024, 3, 29)


def test_months_elapsed_inside_a_quarter():
    q = containing("quarter", dt.date(2026, 11, 25))
    assert q.months_elapsed(dt.date(2026, 11, 25)) == 2
    assert q.months_elapsed(dt.date(2027, 1, 5)) == 3
