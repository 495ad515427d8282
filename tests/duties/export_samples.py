"""How to queue each export kind of the duties app (tests/test_export_kinds.py)."""


def _receipts(cast):
    from tests.duties.factories import DocumentFactory, make_receipt

    document = DocumentFactory(sender=cast.hr)
    make_receipt(document, cast.staff, "objected")
    make_receipt(document, cast.outsider)
    return cast.hr, {"fmt": "xlsx", "params": {"document": document.pk}}


KINDS = {"duties.receipts": _receipts}
