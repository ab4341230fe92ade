"""Make an announced plan of N projects in the database DATABASE_URL names (for the load
benchmark in public_load.sh). Not for a database that holds anything of value."""

import os
import sys
from datetime import date

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sungmen_plan.settings")

import django

django.setup()

from django.contrib.auth import get_user_model

from tests.benchmarks.plan_page import fill
from tests.support import make_world
from workflow.models import Announcement


def main(count: int) -> None:
    world = make_world("bench", "องค์การบริหารส่วนตำบลทดสอบภาระ")
    fill(world, count)
    plan = world["plan"]
    plan.stage = "announced"
    plan.save()
    by = get_user_model().objects.create_user("bench")
    Announcement.objects.create(
        plan=plan, announced_on=date(2021, 12, 15), signer_name="ก", signer_title="ข", by=by
    )
    print(f"announced plan {plan.pk} with {count} projects")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
