from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "linli.reviews"
    label = "reviews"
    verbose_name = _("Reviews")

    def ready(self) -> None:
        from linli.core.notify import KINDS

        for kind, label in [
            ("review_board", _("Decisions and objections for the review boards I serve on")),
            ("review_result", _("Results of contests I applied to, and answers to my objections")),
        ]:
            if not any(existing == kind for existing, _label in KINDS):
                KINDS.append((kind, label))

        from linli.core.media import FileKind, register

        from . import services

        register(
            FileKind(
                "reviews.photo",
                ("reviews/photos", "reviews"),
                "reviews.Photo",
                ("image",),
                services.may_see_photo,
            )
        )
