"""Drop the contest's own 公示 (its period and objections), now disclosure's (0009); a
公示 lasts as many days as disclosure allows."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reviews', '0009_notice_onto_disclosure'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='contest',
            name='notice_ends_at',
        ),
        migrations.RemoveField(
            model_name='contest',
            name='notice_starts_at',
        ),
        migrations.AlterField(
            model_name='contest',
            name='notice_days',
            field=models.PositiveSmallIntegerField(default=7, validators=[django.core.validators.MinValueValidator(5), django.core.validators.MaxValueValidator(30)], verbose_name='days of public notice'),
        ),
        migrations.DeleteModel(
            name='Objection',
        ),
    ]
