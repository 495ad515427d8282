"""URLs of the meetingroom app (its views arrive with the meetingroom issue)."""

app_name = "meetingroom"

urlpatterns = []
