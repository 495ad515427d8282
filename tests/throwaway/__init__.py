"""A throw-away app installed only by the test settings (``tests/settings.py``).

It proves that an app plugs into the core without touching a core file: its menu entry,
its URLs, its reminder kind, its export builder and its access expectations are found
the way every real app's are.
"""
