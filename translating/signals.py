"""The memory learns from every save of a translated item, once the save is committed."""

from django.db import transaction

from core import i18n


def learn_after_save(sender, instance, raw=False, **kwargs):
    if raw or not i18n.content_fields(sender):
        return
    from translating import memory

    transaction.on_commit(lambda: memory.learn(instance), robust=True)


def forget_after_delete(sender, instance, **kwargs):
    if not i18n.content_fields(sender):
        return
    from translating import memory

    pk = instance.pk
    transaction.on_commit(lambda: memory.forget_key(sender, pk), robust=True)
