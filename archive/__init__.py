"""The confidential A/V archive (regulation §2.4): items and copies, visibility by grant,
borrowing with approval and signatures, return, destruction, periodic audits, registers.

Settings (all optional):

``ARCHIVE_CLASSIFICATION_LEVELS``   labels lowest first (default 公开/内部/秘密/机密)
``ARCHIVE_AUDITED_READ_LEVEL``      reads of items at or above this level are audited (1)
``ARCHIVE_MAX_LOAN_DAYS``           longest loan (30)
``ARCHIVE_LOAN_COURTESY_DAYS``      courtesy notice this many days before the due date (2)
``ARCHIVE_LOAN_OVERDUE_DAYS``       days after the due date of the 3 overdue notices (1, 4, 8)
``ARCHIVE_AUDIT_INTERVAL_DAYS_BY_MEDIUM``  shorter audit intervals per medium ({})
``ARCHIVE_MAX_UPLOAD_BYTES``        largest digital file (8 GiB)
``ARCHIVE_PDF_MAX_ROWS``            longer PDF registers are made by a Celery task (400)
``ARCHIVE_EXPORT_KEEP_HOURS``       how long such a register can be downloaded (24)
"""
