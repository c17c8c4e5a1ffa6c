from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("new/", views.proposal_create, name="create"),
    path("agenda/", views.agenda, name="agenda"),
    path("answers/", views.answer_stats, name="answers"),
    path("settings/", views.rules, name="settings"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/edit/", views.proposal_edit, name="edit"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/coauthors/", views.add_coauthor, name="add_coauthor"),
    path("<int:pk>/support/", views.support, name="support"),
    path("<int:pk>/comments/", views.comment, name="comment"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/merge/", views.merge, name="merge"),
    path("comments/<int:cid>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:cid>/history/", views.comment_history, name="comment_history"),
    path("comments/<int:cid>/report/", views.comment_report, name="comment_report"),
    path("comments/<int:cid>/hide/", views.comment_hide, name="comment_hide"),
]
