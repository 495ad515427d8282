"""How to queue each export kind of attendance (tests/test_export_kinds.py)."""

KINDS = {
    "attendance.month": lambda cast: (
        cast.hr,
        {"fmt": "xlsx", "scope": "company", "year": 2026, "month": 11},
    ),
    "attendance.detail": lambda cast: (
        cast.hr,
        {"fmt": "pdf", "scope": "department", "department": cast.dept_a, "year": 2026, "month": 11},
    ),
}
