"""The memory learns from every save of a translated item, once the save is committed, in a job."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from core import i18n, jobs


def learn_after_save(sender, instance, raw=False, **kwargs):
    if raw or not i18n.content_fields(sender):
        return
    from translating import tasks

    arguments = {"content_type": ContentType.objects.get_for_model(sender).pk, "pk": str(instance.pk)}
    transaction.on_commit(lambda: jobs.start(tasks.learn, **arguments), robust=True)


def forget_after_delete(sender, instance, **kwargs):
    if not i18n.content_fields(sender):
        return
    from translating import tasks

    arguments = {"content_type": ContentType.objects.get_for_model(sender).pk, "pk": str(instance.pk)}
    transaction.on_commit(lambda: jobs.start(tasks.forget, **arguments), robust=True)
