"""The confidential A/V archive (regulation §2.4): items and copies, visibility by grant,
borrowing with approval and signatures, return, destruction, periodic audits, registers.

Its options (Django settings ``ARCHIVE_*``) are declared and validated in ``archive/conf.py``.
"""
