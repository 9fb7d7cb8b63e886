"""Django's private names that the project relies on, in one place.

Each is used because Django offers no public way to do the same; each has a
test (tests/core/test_compat.py) against the Django version in
requirements.txt, so that an upgrade that changes one fails there, loudly.
No other module reaches into Django's private names (tests/test_layout.py).
"""


def is_new_upload(field_file):
    """True for a file assigned to a FileField since the instance was loaded, not yet written to storage.

    FieldFile._committed is what FileField.pre_save() itself reads to decide whether to store the file.
    """
    return not getattr(field_file, "_committed", True)
