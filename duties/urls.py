"""URLs of the duties app (namespace ``duties``)."""

from django.urls import path

from duties.views import (
    checklists,
    documents,
    files,
    property,
    reports,
    requests,
    tasks,
    vp,
)

app_name = "duties"

urlpatterns = [
    path("documents/", documents.document_list, name="document_list"),
    path("documents/sent/", documents.document_sent, name="document_sent"),
    path("documents/new/", documents.document_create, name="document_create"),
    path("documents/<int:pk>/", documents.document_detail, name="document_detail"),
    path("documents/<int:pk>/receipts/", documents.document_receipts, name="document_receipts"),
    path("documents/<int:pk>/revise/", documents.document_revise, name="document_revise"),
    path("documents/<int:pk>/<slug:action>/", documents.document_action, name="document_action"),
    path("receipts/<int:pk>/", documents.receipt_detail, name="receipt_detail"),
    path("receipts/<int:pk>/<slug:action>/", documents.receipt_action, name="receipt_action"),
    path("reports/", reports.report_list, name="report_list"),
    path("reports/team/", reports.report_team, name="report_team"),
    path("reports/missing/", reports.report_missing, name="report_missing"),
    path("reports/new/", reports.report_create, name="report_create"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/<slug:action>/", reports.report_action, name="report_action"),
    path("tasks/", tasks.task_list, name="task_list"),
    path("tasks/new/", tasks.task_create, name="task_create"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("tasks/<int:pk>/<slug:action>/", tasks.task_action, name="task_action"),
    path("requests/", requests.request_list, name="request_list"),
    path("requests/new/", requests.request_create, name="request_create"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/<slug:action>/", requests.request_action, name="request_action"),
    path("authorisations/", requests.authorisation_list, name="authorisation_list"),
    path("authorisations/new/", requests.authorisation_create, name="authorisation_create"),
    path("authorisations/<int:pk>/", requests.authorisation_detail, name="authorisation_detail"),
    path(
        "authorisations/<int:pk>/<slug:action>/",
        requests.authorisation_action,
        name="authorisation_action",
    ),
    path("checklist/", checklists.checklist_today, name="checklist_today"),
    path("checklist/<int:pk>/", checklists.checklist_submit, name="checklist_submit"),
    path("checklist/team/", checklists.checklist_overview, name="checklist_overview"),
    path("checklist/sites/", checklists.checklist_templates, name="checklist_templates"),
    path(
        "checklist/sites/<int:pk>/",
        checklists.checklist_template_edit,
        name="checklist_template_edit",
    ),
    path("visits/new/", checklists.visit_create, name="visit_create"),
    path("visits/<int:pk>/", checklists.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/<slug:action>/", checklists.visit_action, name="visit_action"),
    path("property/", property.custody_list, name="custody_list"),
    path("property/register/", property.property_list, name="property_list"),
    path("property/register/new/", property.property_create, name="property_create"),
    path("property/items/<int:pk>/", property.property_detail, name="property_detail"),
    path(
        "property/items/<int:pk>/hand-over/", property.custody_hand_over, name="custody_hand_over"
    ),
    path("property/custody/<int:pk>/", property.custody_detail, name="custody_detail"),
    path("property/custody/<int:pk>/return/", property.custody_return, name="custody_return"),
    path("property/custody/<int:pk>/transfer/", property.custody_transfer, name="custody_transfer"),
    path("vp-requests/", vp.vp_request_list, name="vp_request_list"),
    path("vp-requests/new/", vp.vp_request_create, name="vp_request_create"),
    path("vp-requests/<int:pk>/", vp.vp_request_detail, name="vp_request_detail"),
    path("vp-requests/<int:pk>/<slug:action>/", vp.vp_request_action, name="vp_request_action"),
    path("files/<slug:kind>/<int:pk>/", files.attachment, name="attachment"),
]
