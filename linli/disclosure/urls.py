from django.urls import path

from . import manage_views, newsletter_views, views

app_name = "disclosure"

urlpatterns = [
    path("", views.register, name="register"),
    path("<int:pk>/", views.entry, name="entry"),
    path("<int:pk>/read/", views.mark_read, name="mark_read"),
    path("<int:pk>/poster.pdf", views.entry_poster, name="entry_poster"),
    path("publicity/<int:pk>/", views.publicity, name="publicity"),
    path("publicity/<int:pk>/poster.pdf", views.publicity_poster, name="publicity_poster"),
    path("finance/", views.finance_page, name="finance"),
    path("how-often/", views.delivery_choice, name="delivery"),
    path("manage/", manage_views.manage, name="manage"),
    path("manage/<int:pk>/board/", manage_views.board, name="board"),
    path("manage/publicity/<int:pk>/answer/", manage_views.answer, name="answer"),
    path("newsletters/", newsletter_views.history, name="newsletters"),
    path("newsletters/new/", newsletter_views.compose, name="newsletter_compose"),
    path("newsletters/<int:pk>/", newsletter_views.newsletter, name="newsletter"),
    path("newsletters/<int:pk>/read/", newsletter_views.mark_read, name="newsletter_read"),
    path("newsletters/<int:pk>/sheet.pdf", newsletter_views.sheet, name="newsletter_sheet"),
    path("newsletters/choice/", newsletter_views.choice, name="newsletter_choice"),
    path("newsletters/stop/<str:token>/", newsletter_views.unsubscribe, name="unsubscribe"),
]
