"""The memory learns from every save of a translated item, once the save is committed, in a job.

The receivers are connected for the models with text to translate only (translating.apps).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from core import jobs


def learn_after_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from translating import tasks

    arguments = {"content_type": ContentType.objects.get_for_model(sender).pk, "pk": str(instance.pk)}
    transaction.on_commit(lambda: jobs.start(tasks.learn, **arguments), robust=True)


def forget_after_delete(sender, instance, **kwargs):
    from translating import tasks

    arguments = {"content_type": ContentType.objects.get_for_model(sender).pk, "pk": str(instance.pk)}
    transaction.on_commit(lambda: jobs.start(tasks.forget, **arguments), robust=True)
