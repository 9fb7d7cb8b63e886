from django.contrib.postgres.operations import CreateCollation
from django.db import migrations


class Migration(migrations.Migration):
    """ICU collations for alphabetical lists in each language (PostgreSQL only).

    "ka-shifted" makes punctuation such as «» quotes ignorable, so
    «Партнёры Албанія» sorts under П.
    """

    dependencies = [("portal", "0006_search_entry_storage")]

    operations = [
        CreateCollation("ura_be", provider="icu", locale="be-u-ka-shifted"),
        CreateCollation("ura_sq", provider="icu", locale="sq-u-ka-shifted"),
        CreateCollation("ura_en", provider="icu", locale="en-u-ka-shifted"),
    ]
