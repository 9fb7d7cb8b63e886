"""The memory's jobs: learning from a saved item and forgetting a deleted one run on the job queue,
not in the editor's request (core.jobs starts them; Procrastinate's workers run them)."""

from django.contrib.contenttypes.models import ContentType
from procrastinate.contrib.django import app

from translating import memory


@app.task(name="translating.learn", queue="translating")
def learn(content_type, pk):
    """Record the aligned pairs of the item (content type id, primary key) as it is now."""
    model = ContentType.objects.get_for_id(content_type).model_class()
    obj = model._base_manager.filter(pk=pk).first() if model is not None else None
    if obj is None:  # deleted before the job ran: forget_after_delete has its own job
        return 0
    return memory.learn(obj)


@app.task(name="translating.forget", queue="translating")
def forget(content_type, pk):
    """Take out what the memory learnt from a deleted item."""
    model = ContentType.objects.get_for_id(content_type).model_class()
    if model is not None:
        memory.forget_key(model, pk)
