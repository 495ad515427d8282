"""URLs of the attendance app (namespace ``attendance``)."""

from django.urls import path

from attendance import views

app_name = "attendance"

urlpatterns = [
    path("", views.today, name="today"),
    path("check-in/", views.check_in, name="check_in"),
    path("check-out/", views.check_out, name="check_out"),
    path("month/", views.my_month, name="my_month"),
    path("requests/", views.my_requests, name="my_requests"),
    path("overtime/new/", views.overtime_new, name="overtime_new"),
    path("overtime/<int:pk>/", views.overtime_detail, name="overtime_detail"),
    path("overtime/<int:pk>/hours/", views.overtime_hours, name="overtime_hours"),
    path("overtime/<int:pk>/<slug:action>/", views.overtime_action, name="overtime_action"),
    path("leave/new/", views.leave_new, name="leave_new"),
    path("leave/<int:pk>/", views.leave_detail, name="leave_detail"),
    path("leave/<int:pk>/<slug:action>/", views.leave_action, name="leave_action"),
    path("corrections/new/", views.correction_new, name="correction_new"),
    path("corrections/<int:pk>/", views.correction_detail, name="correction_detail"),
    path("corrections/<int:pk>/<slug:action>/", views.correction_action, name="correction_action"),
    path("deputies/", views.deputies, name="deputies"),
    path("deputies/<int:pk>/withdraw/", views.deputy_withdraw, name="deputy_withdraw"),
    path("rules/", views.rules, name="rules"),
    path("queue/", views.queue, name="queue"),
    path("queue/decide/", views.queue_decide, name="queue_decide"),
    path("team/", views.team, name="team"),
    path("all-requests/", views.request_list, name="request_list"),
    path("unapproved/", views.unapproved, name="unapproved"),
    path("summary/", views.summary, name="summary"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/day/", views.calendar_day_save, name="calendar_day_save"),
    path("calendar/day/<int:pk>/delete/", views.calendar_day_delete, name="calendar_day_delete"),
    path("calendar/<int:year>/<slug:action>/", views.calendar_year, name="calendar_year"),
    path("sites/", views.site_list, name="site_list"),
    path("sites/<int:pk>/", views.site_detail, name="site_detail"),
    path("sites/days-off/<int:pk>/delete/", views.site_day_off_delete, name="site_day_off_delete"),
    path("leave-types/", views.leave_types_list, name="leave_types"),
    path("leave-allowances/", views.leave_allowances, name="leave_allowances"),
    path("leave-types/new/", views.leave_type_edit, name="leave_type_new"),
    path("leave-types/<int:pk>/", views.leave_type_edit, name="leave_type_edit"),
    path("exports/", views.export_list, name="exports"),
    path("exports/start/", views.export_start, name="export_start"),
    path("exports/pdf/", views.export_pdf, name="export_pdf"),
    path("exports/xlsx/", views.export_xlsx, name="export_xlsx"),
    path("exports/<uuid:token>/", views.export_status, name="export_status"),
    path("exports/<uuid:token>/retry/", views.export_retry, name="export_retry"),
    path("exports/<uuid:token>/download/", views.export_download, name="export_download"),
]
