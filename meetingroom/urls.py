"""URLs of the meeting rooms (namespace ``meetingroom``, mounted at ``meetings/``)."""

from django.urls import path

from meetingroom import views

app_name = "meetingroom"

urlpatterns = [
    path("", views.index, name="index"),
    path("venues/<int:pk>/", views.venue_detail, name="venue_detail"),
    path("venues/<int:pk>/door/", views.door, name="door"),
    path("venues/<int:pk>/door/panel/", views.door_panel, name="door_panel"),
    path("venues/<int:pk>/log/", views.access_log, name="access_log"),
    path("venues/<int:pk>/log/enter/", views.entry_create, name="entry_create"),
    path("venues/<int:pk>/denied/", views.denial_list, name="denial_list"),
    path("venues/<int:pk>/visits/", views.visit_list, name="visit_list"),
    path("venues/<int:pk>/visits/new/", views.visit_create, name="visit_create"),
    path("venues/<int:pk>/visits/admit/", views.visit_admit, name="visit_admit"),
    path("venues/<int:pk>/meetings/", views.calendar, name="calendar"),
    path("venues/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("venues/<int:pk>/calendar.ics", views.venue_ical, name="venue_ical"),
    path("venues/<int:pk>/sub-venues/", views.subvenue_list, name="subvenue_list"),
    path("entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("entries/<int:pk>/exit/", views.entry_exit, name="entry_exit"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/<slug:action>/", views.visit_action, name="visit_action"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/staff/", views.meeting_staff, name="meeting_staff"),
    path("meetings/<int:pk>/notice/", views.notice_edit, name="notice_edit"),
    path("meetings/<int:pk>/notice/file/", views.notice_attachment, name="notice_attachment"),
    path("meetings/<int:pk>/sub-venues/", views.admission_create, name="admission_create"),
    path("meetings/<int:pk>/admission-sheet.pdf", views.admission_sheet, name="admission_sheet"),
    path("meetings/<int:pk>/devices/", views.deposit_create, name="deposit_create"),
    path("meetings/<int:pk>/recordings/", views.recordings_hand_over, name="recordings_hand_over"),
    path("meetings/<int:pk>/<slug:action>/", views.meeting_action, name="meeting_action"),
    path("admissions/<int:pk>/", views.admission_detail, name="admission_detail"),
    path("admissions/<int:pk>/verify/", views.admission_verify, name="admission_verify"),
    path("admissions/<int:pk>/<slug:action>/", views.admission_action, name="admission_action"),
    path("deposits/<int:pk>/", views.deposit_detail, name="deposit_detail"),
    path("deposits/<int:pk>/<slug:action>/", views.deposit_action, name="deposit_action"),
    path("pledges/", views.pledge_list, name="pledge_list"),
    path("pledges/sign/", views.pledge_sign, name="pledge_sign"),
    path("pledges/upload/", views.pledge_upload, name="pledge_upload"),
    path("pledges/<int:pk>/", views.pledge_detail, name="pledge_detail"),
    path("pledges/<int:pk>/scan/", views.pledge_scan, name="pledge_scan"),
    path("pledges/<int:pk>/<slug:action>/", views.pledge_action, name="pledge_action"),
    path("exports/", views.export_list, name="export_list"),
    path("exports/<uuid:token>/", views.export_download, name="export_download"),
]
