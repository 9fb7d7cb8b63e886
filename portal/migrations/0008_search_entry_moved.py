from django.db import migrations


class Migration(migrations.Migration):
    """The search index is now the search app's model (search 0001); its table and rows stay."""

    dependencies = [
        ("portal", "0007_collations"),
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="SearchEntry")]),
    ]
