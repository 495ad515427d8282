"""URLs of the archive app (namespace ``archive``)."""

from django.urls import path

from archive import views

app_name = "archive"

urlpatterns = [
    path("", views.item_list, name="item_list"),
    path("items/new/", views.item_create, name="item_create"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/history/", views.item_history, name="item_history"),
    path("items/<int:pk>/files/new/", views.file_upload, name="file_upload"),
    path("items/<int:pk>/borrow/", views.loan_request, name="loan_request"),
    path("items/<int:pk>/borrow-file/", views.digital_loan_request, name="digital_loan_request"),
    path("items/<int:pk>/queue/", views.hold_place, name="hold_place"),
    path("items/<int:pk>/grants/new/", views.grant_create, name="grant_create"),
    path("items/<int:pk>/destroy/", views.destruction_propose, name="destruction_propose"),
    path("files/<int:pk>/", views.file_download, name="file_download"),
    path("loans/", views.loan_queue, name="loan_queue"),
    path("loans/mine/", views.my_loans, name="my_loans"),
    path("loans/<int:pk>/", views.loan_detail, name="loan_detail"),
    path("loans/<int:pk>/hand-over/", views.loan_hand_over, name="loan_hand_over"),
    path("loans/<int:pk>/return/", views.loan_return, name="loan_return"),
    path("loans/<int:pk>/sign/", views.loan_sign, name="loan_sign"),
    path(
        "loans/<int:pk>/digital/<slug:action>/",
        views.digital_loan_action,
        name="digital_loan_action",
    ),
    path("loans/<int:pk>/<slug:action>/", views.loan_action, name="loan_action"),
    path("loans/<int:pk>/receipt.pdf", views.loan_receipt, name="loan_receipt"),
    path("destructions/", views.destruction_list, name="destruction_list"),
    path("destructions/<int:pk>/", views.destruction_detail, name="destruction_detail"),
    path(
        "destructions/<int:pk>/<slug:action>/", views.destruction_action, name="destruction_action"
    ),
    path("audits/", views.audit_list, name="audit_list"),
    path("audits/new/", views.audit_start, name="audit_start"),
    path("audits/<int:pk>/", views.audit_detail, name="audit_detail"),
    path("audits/<int:pk>/scan/", views.audit_scan, name="audit_scan"),
    path("audits/<int:pk>/<slug:action>/", views.audit_action, name="audit_action"),
    path("audit-lines/<int:pk>/", views.audit_line_mark, name="audit_line_mark"),
    path("discrepancies/", views.discrepancy_list, name="discrepancy_list"),
    path(
        "discrepancies/<int:pk>/<slug:action>/",
        views.discrepancy_action,
        name="discrepancy_action",
    ),
    path("accesses/", views.access_log, name="access_log"),
    path("downloads/", views.download_list, name="download_list"),
    path("grants/", views.grant_list, name="grant_list"),
    path("grants/<int:pk>/revoke/", views.grant_revoke, name="grant_revoke"),
    path("holds/<int:pk>/", views.hold_detail, name="hold_detail"),
    path("holds/<int:pk>/<slug:action>/", views.hold_action, name="hold_action"),
    path("integrity/", views.integrity_list, name="integrity_list"),
    path("labels.pdf", views.labels, name="labels"),
    path("register/items.<str:fmt>", views.item_register, name="item_register"),
    path("register/loans.<str:fmt>", views.loan_register, name="loan_register"),
    path("register/<slug:kind>/background/", views.register_queue, name="register_queue"),
    path("exports/", views.export_list, name="export_list"),
    path("exports/<uuid:token>/", views.export_download, name="export_download"),
    path("exports/<uuid:token>/retry/", views.export_retry, name="export_retry"),
]
