"""Every archive URL for anonymous and each role of the cast.

The objects belong to cast.collection (custodian: ``custodian``, leader: ``leader``);
``staff`` is granted the collection up to Secret and the item is Secret. Everyone else
gets 404 for the objects and never learns they exist.
"""

import hashlib
from datetime import timedelta

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from archive.choices import AuditResult, DestructionStatus, LoanStatus
from archive.models import AuditLine, Destruction, Discrepancy, RegisterExport, ShelfAudit
from tests.access import expect


def _url(name, *args, **kwargs):
    return lambda cast: reverse(
        name,
        args=[arg(cast) if callable(arg) else arg for arg in args],
        kwargs=kwargs or None,
    )


def _item(cast):
    from tests.archive.factories import GrantFactory, ItemFactory

    GrantFactory(user=cast.staff, collection=cast.collection, clearance=2)
    return ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=2)


def _item_pk(cast):
    return _item(cast).pk


def _file_pk(cast):
    from tests.archive.factories import make_file

    return make_file(_item(cast)).pk


def _public_file_pk(cast):
    """A file of a public item: at or below the collection's direct-download level."""
    from tests.archive.factories import GrantFactory, ItemFactory, make_file

    GrantFactory(user=cast.staff, collection=cast.collection, clearance=2)
    item = ItemFactory(collection=cast.collection, custodian=cast.custodian, classification=0)
    return make_file(item).pk


def _item_with_file_pk(cast):
    from tests.archive.factories import make_file

    return make_file(_item(cast)).item_id


def _digital(status):
    def make(cast):
        from tests.archive.factories import make_digital_loan, make_file

        item = make_file(_item(cast)).item
        return make_digital_loan(item, cast.staff, status).pk

    return make


def _grant_pk(cast):
    """A single-item grant of the Secret item to HR (who otherwise sees nothing of it)."""
    from archive.models import ItemGrant
    from archive.services.grants import view_item_permission

    now = timezone.now()
    return ItemGrant.objects.create(
        user=cast.hr,
        permission=view_item_permission(),
        content_object=_item(cast),
        reason="审计抽查",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(days=2),
        granted_by=cast.leader,
    ).pk


def _hold_pk(cast):
    from tests.archive.factories import make_hold

    item = _item(cast)
    _loan_of(item, cast.supervisor)
    return make_hold(item, cast.staff).pk


def _loan_of(item, person):
    from tests.archive.factories import make_loan

    return make_loan(item, person, LoanStatus.HANDED_OVER)


def _loan(status):
    def make(cast):
        from tests.archive.factories import make_loan

        loan = make_loan(_item(cast), cast.staff, status)
        if status == LoanStatus.HANDED_OVER:
            content = b"%PDF-1.4 test"
            loan.receipt_sha256 = hashlib.sha256(content).hexdigest()
            loan.receipt.save("receipt.pdf", ContentFile(content), save=True)
        return loan.pk

    return make


def _destruction(status):
    def make(cast):
        item = _item(cast)
        return Destruction.objects.create(
            item=item,
            reason="超过保存期限",
            method="shred",
            witness=cast.manager,
            planned_on=timezone.localdate() + timedelta(days=3),
            proposed_by=cast.custodian,
            status=status,
        ).pk

    return make


def _audit(cast, result=AuditResult.PENDING):
    item = _item(cast)
    audit = ShelfAudit.objects.create(collection=cast.collection, started_by=cast.custodian)
    AuditLine.objects.create(
        audit=audit, copy=item.copies.first(), expected_location="A-01", result=result
    )
    return audit


def _checked_audit_pk(cast):
    """An audit whose every copy was checked: it may be completed."""
    return _audit(cast, AuditResult.FOUND).pk


def _audit_pk(cast):
    return _audit(cast).pk


def _line_pk(cast):
    return _audit(cast).lines.first().pk


def _discrepancy_pk(cast):
    line = _audit(cast).lines.first()
    line.result = AuditResult.MISSING
    line.save()
    return Discrepancy.objects.create(
        line=line, copy=line.copy, item=line.copy.item, kind=AuditResult.MISSING
    ).pk


def _export(state):
    def make(cast):
        content = b"%PDF-1.4 register"
        export = RegisterExport.objects.create(
            requested_by=cast.staff,
            kind="archive.items",
            format="pdf",
            state=state,
            sha256=hashlib.sha256(content).hexdigest(),
            finished_at=timezone.now(),
            expires_at=timezone.now() + timedelta(hours=1),
        )
        if state == "done":
            export.file.save("register.pdf", ContentFile(content), save=True)
        return export.token

    return make


MANAGERS = {"custodian": 200, "leader": 200}

EXPECTATIONS = {
    "archive:item_list": expect(_url("archive:item_list"), 200),
    "archive:item_create": expect(_url("archive:item_create"), 403, custodian=200),
    "archive:item_detail": expect(
        _url("archive:item_detail", _item_pk), 404, staff=200, **MANAGERS
    ),
    "archive:item_edit": expect(
        _url("archive:item_edit", _item_pk), 404, staff=403, custodian=200, leader=403
    ),
    "archive:item_history": expect(
        _url("archive:item_history", _item_pk), 404, staff=403, **MANAGERS
    ),
    "archive:file_upload": expect(
        _url("archive:file_upload", _item_pk), 404, staff=403, custodian=200, leader=403
    ),
    # The Secret item's file: those who see the item are sent back to its page (a digital
    # loan is needed above the collection's direct level); everyone else gets 404.
    # Above the direct-download level a file opens only inside a digital loan (else back
    # to the item saying so); at or below it, everyone who may see the item downloads it.
    "archive:file_download": expect(
        _url("archive:file_download", _file_pk), 404, staff=302, custodian=302, leader=302
    ),
    "archive:file_download[public]": expect(
        _url("archive:file_download", _public_file_pk), 404, staff=200, custodian=200, leader=200
    ),
    "archive:loan_request": expect(
        _url("archive:loan_request", _item_pk), 404, staff=200, **MANAGERS
    ),
    "archive:destruction_propose": expect(
        _url("archive:destruction_propose", _item_pk), 404, staff=403, custodian=200, leader=403
    ),
    "archive:loan_queue": expect(_url("archive:loan_queue"), 403, **MANAGERS),
    "archive:my_loans": expect(_url("archive:my_loans"), 200),
    "archive:loan_detail": expect(
        _url("archive:loan_detail", _loan(LoanStatus.REQUESTED)), 404, staff=200, **MANAGERS
    ),
    "archive:loan_action[approve]": expect(
        _url("archive:loan_action", _loan(LoanStatus.REQUESTED), "approve"),
        404,
        staff=403,
        custodian=403,
        leader=200,
    ),
    "archive:loan_action[reject]": expect(
        _url("archive:loan_action", _loan(LoanStatus.REQUESTED), "reject"),
        404,
        staff=403,
        custodian=403,
        leader=200,
    ),
    "archive:loan_action[cancel]": expect(
        _url("archive:loan_action", _loan(LoanStatus.REQUESTED), "cancel"),
        404,
        staff=200,
        custodian=200,
        leader=403,
    ),
    "archive:loan_hand_over": expect(
        _url("archive:loan_hand_over", _loan(LoanStatus.APPROVED)),
        404,
        staff=403,
        custodian=200,
        leader=403,
    ),
    "archive:loan_return": expect(
        _url("archive:loan_return", _loan(LoanStatus.HANDED_OVER)),
        404,
        staff=403,
        custodian=200,
        leader=403,
    ),
    "archive:loan_receipt": expect(
        _url("archive:loan_receipt", _loan(LoanStatus.HANDED_OVER)), 404, staff=200, **MANAGERS
    ),
    "archive:destruction_list": expect(_url("archive:destruction_list"), 403, **MANAGERS),
    "archive:destruction_detail": expect(
        _url("archive:destruction_detail", _destruction(DestructionStatus.PROPOSED)),
        404,
        **MANAGERS,
    ),
    "archive:destruction_action[approve]": expect(
        _url("archive:destruction_action", _destruction(DestructionStatus.PROPOSED), "approve"),
        404,
        custodian=403,
        leader=200,
    ),
    "archive:destruction_action[reject]": expect(
        _url("archive:destruction_action", _destruction(DestructionStatus.PROPOSED), "reject"),
        404,
        custodian=403,
        leader=200,
    ),
    "archive:destruction_action[carry_out]": expect(
        _url("archive:destruction_action", _destruction(DestructionStatus.APPROVED), "carry_out"),
        404,
        custodian=200,
        leader=403,
    ),
    "archive:audit_list": expect(_url("archive:audit_list"), 403, **MANAGERS),
    "archive:audit_start": expect(_url("archive:audit_start"), 403, custodian=200),
    "archive:audit_detail": expect(_url("archive:audit_detail", _audit_pk), 404, **MANAGERS),
    "archive:audit_action[complete]": expect(
        _url("archive:audit_action", _checked_audit_pk, "complete"), 404, custodian=200, leader=403
    ),
    "archive:audit_line_mark": expect(
        _url("archive:audit_line_mark", _line_pk),
        404,
        method="post",
        data={"result": "found"},
        custodian=302,
        leader=403,
    ),
    "archive:discrepancy_list": expect(_url("archive:discrepancy_list"), 403, **MANAGERS),
    "archive:discrepancy_action[resolve]": expect(
        _url("archive:discrepancy_action", _discrepancy_pk, "resolve"),
        404,
        custodian=200,
        leader=403,
    ),
    "archive:export_list": expect(_url("archive:export_list"), 200),
    # An export belongs to the one who asked for it: everyone else gets 404.
    "archive:export_download": expect(
        _url("archive:export_download", _export("done")), 404, staff=200
    ),
    "archive:export_retry": expect(
        _url("archive:export_retry", _export("failed")), 404, method="post", staff=302
    ),
    "archive:access_log": expect(_url("archive:access_log"), 403, **MANAGERS),
    # Digital loans: the staff member cleared for the Secret item borrows its file.
    "archive:digital_loan_request": expect(
        _url("archive:digital_loan_request", _item_with_file_pk), 404, staff=200, **MANAGERS
    ),
    "archive:loan_sign": expect(
        _url("archive:loan_sign", _digital(LoanStatus.APPROVED)),
        404,
        staff=200,
        custodian=403,
        leader=403,
    ),
    "archive:digital_loan_action[approve]": expect(
        _url("archive:digital_loan_action", _digital(LoanStatus.REQUESTED), "approve"),
        404,
        staff=403,
        custodian=403,
        leader=200,
    ),
    "archive:digital_loan_action[reject]": expect(
        _url("archive:digital_loan_action", _digital(LoanStatus.REQUESTED), "reject"),
        404,
        staff=403,
        custodian=403,
        leader=200,
    ),
    "archive:digital_loan_action[cancel]": expect(
        _url("archive:digital_loan_action", _digital(LoanStatus.REQUESTED), "cancel"),
        404,
        staff=200,
        custodian=200,
        leader=403,
    ),
    "archive:digital_loan_action[finish]": expect(
        _url("archive:digital_loan_action", _digital(LoanStatus.ACCESS), "finish"),
        404,
        staff=200,
        custodian=403,
        leader=403,
    ),
    "archive:digital_loan_action[revoke]": expect(
        _url("archive:digital_loan_action", _digital(LoanStatus.ACCESS), "revoke"),
        404,
        staff=403,
        **MANAGERS,
    ),
    "archive:download_list": expect(_url("archive:download_list"), 403, **MANAGERS),
    # Single-item grants: given and revoked by the leader in charge only.
    "archive:grant_create": expect(
        _url("archive:grant_create", _item_pk), 404, staff=403, custodian=403, leader=200
    ),
    "archive:grant_list": expect(_url("archive:grant_list"), 403, **MANAGERS),
    "archive:grant_revoke": expect(
        _url("archive:grant_revoke", _grant_pk), 404, custodian=403, leader=200
    ),
    # Holds: staff queue for the item lent to the supervisor.
    "archive:hold_place": expect(_url("archive:hold_place", _item_pk), 404, staff=200, **MANAGERS),
    "archive:hold_detail": expect(
        _url("archive:hold_detail", _hold_pk), 404, staff=200, **MANAGERS
    ),
    "archive:hold_action[cancel]": expect(
        _url("archive:hold_action", _hold_pk, "cancel"), 404, staff=200, custodian=200, leader=403
    ),
    # Storage integrity, labels and scanning: the collection's keepers.
    "archive:integrity_list": expect(_url("archive:integrity_list"), 403, **MANAGERS),
    "archive:labels": expect(_url("archive:labels"), 403, custodian=200),
    "archive:audit_scan": expect(
        _url("archive:audit_scan", _audit_pk),
        404,
        method="post",
        data=lambda cast: {"code": "COL-99999-1"},
        custodian=302,
        leader=403,
    ),
    # Registers answer everyone, filtered by what each may see.
    "archive:item_register": expect(_url("archive:item_register", fmt="xlsx"), 200),
    "archive:loan_register": expect(_url("archive:loan_register", fmt="xlsx"), 200),
    # Anyone may have a register made in the background (of the rows they may see).
    "archive:register_queue": expect(
        _url("archive:register_queue", "items"), 302, method="post", data={"q": "录"}
    ),
}
