"""URLs of the duties app (namespace ``duties``)."""

app_name = "duties"
urlpatterns = []
