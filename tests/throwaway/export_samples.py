"""How to queue each export kind of the app (tests/test_export_kinds.py)."""

KINDS = {"throwaway.text": lambda cast: (cast.hr, {"fmt": "txt", "params": {"rows": 2}})}
