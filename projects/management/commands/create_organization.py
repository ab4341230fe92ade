"""manage.py create_organization: a new organization, ready, and its first administrator.

The same service as the superuser's page (/manage/organizations/new/): standard programs
and equipment types loaded, the administrator invited by e-mail. The one-time link is also
printed, for an installation whose mail is not set up yet.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from projects.manage import services
from projects.models import Organization


class Command(BaseCommand):
    help = "Create an organization with its standard data and invite its administrator."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True)
        parser.add_argument("--short-name", required=True)
        parser.add_argument("--slug", required=True)
        parser.add_argument("--district", required=True)
        parser.add_argument("--province", required=True)
        parser.add_argument(
            "--kind", default=Organization.Kind.SAO, choices=Organization.Kind.values
        )
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--by", help="the superuser recorded as creator (default: first)")

    def handle(self, *args, **options):
        users = get_user_model().objects.filter(is_superuser=True)
        by = users.filter(username=options["by"]).first() if options["by"] else users.first()
        if by is None:
            raise CommandError("ต้องมีผู้ใช้ระดับ superuser ก่อน (manage.py createsuperuser)")
        fields = {
            "name": options["name"],
            "short_name": options["short_name"],
            "slug": options["slug"],
            "district": options["district"],
            "province": options["province"],
            "kind": options["kind"],
        }
        candidate = Organization(**fields)
        try:
            candidate.full_clean()
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        organization = services.organization_create(
            by=by, admin_email=options["admin_email"], **fields
        )
        admin = organization.memberships.get().user
        self.stdout.write(f"{organization.name}: {self.style.SUCCESS('created')}")
        self.stdout.write(f"invitation for {admin.email}: {services.invitation_url(admin)}")
