from django.db import migrations, models

# The dictionary of indexed words (search.models.SearchWord). On PostgreSQL a
# trigram index finds the words similar to a misspelt one, led by the language
# (btree_gin), and a prefix index (text_pattern_ops) tells whether any word
# starts with a query word. The folding rules changed with this migration:
# run ``manage.py rebuild_search_index`` after it on a database with content.


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE INDEX search_word_trgm ON search_word USING gin (language, word gin_trgm_ops)")
    schema_editor.execute("CREATE INDEX search_word_prefix ON search_word (language, word text_pattern_ops)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_word_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS search_word_prefix")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "language",
                    models.CharField(
                        choices=[("be", "Belarusian"), ("sq", "Albanian"), ("en", "English")],
                        max_length=5,
                        verbose_name="language",
                    ),
                ),
                ("word", models.CharField(max_length=100, verbose_name="word")),
                ("entries", models.PositiveIntegerField(default=1, verbose_name="entries")),
            ],
            options={
                "verbose_name": "search word",
                "verbose_name_plural": "search words",
                "db_table": "search_word",
                "ordering": ["language", "word"],
                "constraints": [
                    models.UniqueConstraint(fields=("language", "word"), name="searchword_unique_language_word")
                ],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
