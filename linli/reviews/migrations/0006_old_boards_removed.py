"""The old boards, seats, motions, votes and recusals, once copied onto governance (0005)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0002_seat_duties"),
        ("reviews", "0005_boards_onto_bodies"),
    ]

    operations = [
        migrations.DeleteModel(name="MotionVote"),
        migrations.DeleteModel(name="Motion"),
        migrations.DeleteModel(name="Recusal"),
        migrations.DeleteModel(name="Seat"),
        migrations.RemoveField(model_name="contest", name="board"),
        migrations.DeleteModel(name="Board"),
        migrations.AlterField(
            model_name="contest",
            name="body",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="contests",
                to="governance.body",
                verbose_name="review board",
            ),
        ),
    ]
