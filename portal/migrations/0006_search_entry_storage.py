from django.db import migrations

# Searches read many rows of portal_searchentry but need only the vectors, the
# title and a few short columns of each; the long texts are read for the ten
# results of a page only. Keeping the texts out of line (TOAST, uncompressed
# for fast excerpts) and the vectors in line makes a row about half as wide,
# so a search reads half as many pages. Takes effect as rows are written
# (rebuild_search_index rewrites them all). PostgreSQL only.
FORWARDS = [
    "ALTER TABLE portal_searchentry"
    " ALTER COLUMN text SET STORAGE EXTERNAL,"
    " ALTER COLUMN lead_folded SET STORAGE EXTERNAL,"
    " ALTER COLUMN body_folded SET STORAGE EXTERNAL,"
    " ALTER COLUMN vector SET STORAGE MAIN,"
    " ALTER COLUMN title_vector SET STORAGE MAIN",
    "ALTER TABLE portal_searchentry SET (toast_tuple_target = 128)",
]
BACKWARDS = [
    "ALTER TABLE portal_searchentry"
    " ALTER COLUMN text SET STORAGE EXTENDED,"
    " ALTER COLUMN lead_folded SET STORAGE EXTENDED,"
    " ALTER COLUMN body_folded SET STORAGE EXTENDED,"
    " ALTER COLUMN vector SET STORAGE EXTENDED,"
    " ALTER COLUMN title_vector SET STORAGE EXTENDED",
    "ALTER TABLE portal_searchentry RESET (toast_tuple_target)",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0005_search_per_language_indexes"),
    ]

    operations = [migrations.RunPython(run(FORWARDS), run(BACKWARDS))]
