"""django-reversion's private names that the editorial admin relies on, in one place.

Each has a test (tests/editorial/test_compat.py) against the reversion version
in requirements.txt; no other module reaches into reversion's private names
(tests/test_layout.py).
"""

from reversion.revisions import _get_options


def followed_relations(model):
    """The relations reversion saves with each version of `model` (its `follow`), e.g. a project's objectives.

    reversion.register() takes them, but reversion has no public way to read them back.
    """
    return tuple(_get_options(model).follow)
