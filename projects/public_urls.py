"""Citizens' pages: no login, announced plans only. Filled in by the portal work."""

app_name = "public"
urlpatterns: list = []
