"""URLs of the equipment app (namespace ``equipment``)."""

from django.urls import path

from equipment.views import (
    compliance,
    faults,
    feeds,
    inspections,
    inventory,
    labels,
    plans,
    transfer,
)

app_name = "equipment"

urlpatterns = [
    path("", inventory.equipment_list, name="equipment_list"),
    path("new/", inventory.equipment_create, name="equipment_create"),
    path("<int:pk>/", inventory.equipment_detail, name="equipment_detail"),
    path("<int:pk>/edit/", inventory.equipment_edit, name="equipment_edit"),
    path("<int:pk>/files/new/", inventory.attachment_upload, name="attachment_upload"),
    path("<int:pk>/fault/", faults.fault_report, name="fault_report"),
    path("<int:pk>/<slug:action>/", inventory.equipment_action, name="equipment_action"),
    path("files/<int:pk>/", inventory.attachment_download, name="attachment_download"),
    path("import/", transfer.import_view, name="import"),
    path("import/confirm/", transfer.import_confirm, name="import_confirm"),
    path("export.<str:fmt>", transfer.inventory_export, name="inventory_export"),
    path("calendar-feed/", feeds.feed_settings, name="feed_settings"),
    path("calendar/<str:token>.ics", feeds.feed, name="feed"),
    path("labels.pdf", labels.labels, name="labels"),
    path("compliance/", compliance.compliance_view, name="compliance"),
    path("compliance/export.<str:fmt>", compliance.compliance_export, name="compliance_export"),
    path("exports/", compliance.export_list, name="export_list"),
    path("exports/<uuid:token>/", compliance.export_download, name="export_download"),
    path("exports/<uuid:token>/retry/", compliance.export_retry, name="export_retry"),
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("due/", inspections.due_list, name="due_list"),
    path("due/calendar/", inspections.due_calendar, name="due_calendar"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/record/", inspections.inspection_record, name="inspection_record"),
    path(
        "inspections/<int:pk>/<slug:action>/",
        inspections.inspection_action,
        name="inspection_action",
    ),
    path("photos/<int:pk>/", inspections.result_photo, name="result_photo"),
    path("faults/", faults.fault_list, name="fault_list"),
    path("faults/<int:pk>/", faults.fault_detail, name="fault_detail"),
    path("faults/<int:pk>/<slug:action>/", faults.fault_action, name="fault_action"),
]
