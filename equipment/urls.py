"""URLs of the equipment app (namespace ``equipment``)."""

app_name = "equipment"

urlpatterns = []
