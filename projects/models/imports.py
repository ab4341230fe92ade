"""An uploaded spreadsheet between its preview and the officer's confirmation.

Nothing of the file reaches the plan before the confirmation; keeping the bytes here lets the
preview and the confirmation read the very same file, in whichever worker serves them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingImport(models.Model):
    plan = models.ForeignKey("projects.OperationsPlan", on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    content = models.BinaryField()
    # Project id → the version the preview showed; the import is refused if one moved on.
    versions = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("ไฟล์นำเข้าที่รอยืนยัน")
        verbose_name_plural = _("ไฟล์นำเข้าที่รอยืนยัน")

    def __str__(self):
        return self.file_name

    @property
    def seen_versions(self) -> dict[int, int]:
        return {int(k): v for k, v in self.versions.items()}
