"""URLs of the archive app (its views arrive with the archive issue)."""

app_name = "archive"

urlpatterns = []
