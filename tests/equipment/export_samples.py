"""How to queue each export kind of the equipment app (tests/test_export_kinds.py)."""

KINDS = {
    "equipment.compliance": lambda cast: (
        cast.supervisor,
        {"fmt": "pdf", "year": 2026, "month": 11, "params": {"month": "2026-11"}},
    ),
}
