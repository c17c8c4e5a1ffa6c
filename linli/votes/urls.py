from django.urls import path

from . import manage_views, views

app_name = "votes"

urlpatterns = [
    path("", views.vote_list, name="list"),
    path("new/", manage_views.vote_create, name="create"),
    path("<int:pk>/", views.vote_detail, name="detail"),
    path("<int:pk>/forget-code/", views.forget_code, name="forget_code"),
    path("<int:pk>/results/", views.vote_results, name="results"),
    path("<int:pk>/ballots/<int:question>.csv", views.ballot_download, name="ballots"),
    path("<int:pk>/edit/", manage_views.vote_edit, name="edit"),
    path("<int:pk>/questions/", manage_views.questions, name="questions"),
    path("<int:pk>/questions/<int:question>/", manage_views.question_edit, name="question"),
    path("<int:pk>/publish/", manage_views.publish, name="publish"),
    path("<int:pk>/close/", manage_views.close, name="close"),
    path("<int:pk>/cancel/", manage_views.cancel, name="cancel"),
    path("<int:pk>/publish-results/", manage_views.publish_results, name="publish_results"),
    path("<int:pk>/booth/", manage_views.booth, name="booth"),
    path("<int:pk>/paper/", manage_views.batches, name="batches"),
    path("<int:pk>/ballot/<str:language>.pdf", manage_views.paper_ballot, name="paper_ballot"),
    path("<int:pk>/paper/<int:batch>/", manage_views.batch, name="batch"),
]
