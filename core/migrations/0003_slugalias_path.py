# The old addresses of a site that moved in join the old slugs: one table of redirects (core.SlugAlias).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0002_slug_alias'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='slugalias',
            options={'ordering': ['content_type', 'slug', 'path'], 'verbose_name': 'old address', 'verbose_name_plural': 'old addresses'},
        ),
        migrations.RemoveConstraint(
            model_name='slugalias',
            name='slugalias_unique_per_language',
        ),
        migrations.AddField(
            model_name='slugalias',
            name='path',
            field=models.CharField(blank=True, help_text='The path, with ?p=… or ?page_id=… where the old site used them, without the domain.', max_length=500, verbose_name='old path'),
        ),
        migrations.AlterField(
            model_name='slugalias',
            name='slug',
            field=models.SlugField(blank=True, max_length=120, verbose_name='old slug'),
        ),
        migrations.AddConstraint(
            model_name='slugalias',
            constraint=models.UniqueConstraint(condition=models.Q(('slug__gt', '')), fields=('content_type', 'language', 'slug'), name='slugalias_unique_per_language'),
        ),
        migrations.AddConstraint(
            model_name='slugalias',
            constraint=models.UniqueConstraint(condition=models.Q(('path__gt', '')), fields=('path',), name='slugalias_unique_path'),
        ),
        migrations.AddConstraint(
            model_name='slugalias',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('slug__gt', ''), ('path', '')), models.Q(('slug', ''), ('path__gt', '')), _connector='OR'), name='slugalias_slug_or_path'),
        ),
    ]
