from projects.models import Organization


def site(request):
    """Whether to show the demonstration-data warning: on every page while demo data exists."""
    return {"demo_data": Organization.objects.filter(is_demo=True).exists()}
