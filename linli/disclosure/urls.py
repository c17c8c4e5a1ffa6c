from django.urls import path

from . import manage_views, views

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
]
