"""URLs of the attendance app (its views arrive with the attendance issue)."""

app_name = "attendance"

urlpatterns = []
