from django.db import migrations

# Candidates of a fuzzy match share two of the segment's longest words: a full-text index of the
# normalised source's words (the "simple" configuration: no stemming, no stop words) finds them in
# milliseconds where the trigram index reads long lists for the common trigrams. Short segments keep
# the trigram index (translating.memory).


def word_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX memory_words ON translating_memorysegment USING gin (to_tsvector('simple', normalised))"
    )


def drop_word_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS memory_words")


class Migration(migrations.Migration):
    dependencies = [
        ("translating", "0001_memory_and_glossary"),
    ]

    operations = [
        migrations.RunPython(word_index, drop_word_index),
    ]
