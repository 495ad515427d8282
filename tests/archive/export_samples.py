"""How to queue each export kind of the archive (tests/test_export_kinds.py)."""

KINDS = {
    "archive.items": lambda cast: (cast.custodian, {"fmt": "pdf", "params": {"q": "录像"}}),
    "archive.loans": lambda cast: (cast.leader, {"fmt": "pdf"}),
}
