from django.urls import path

from . import manage_views, views

app_name = "budgeting"

urlpatterns = [
    path("", views.process_list, name="list"),
    path("new/", manage_views.process_edit, name="create"),
    path("<int:pk>/", views.process_detail, name="detail"),
    path("<int:pk>/edit/", manage_views.process_edit, name="edit"),
    path("<int:pk>/setup/", manage_views.setup, name="setup"),
    path("<int:pk>/publish/", manage_views.publish, name="publish"),
    path("<int:pk>/proposal/", manage_views.bring_proposal, name="bring_proposal"),
    path("<int:pk>/ideas/new/", views.idea_new, name="idea_new"),
    path("<int:pk>/open-vote/", manage_views.open_vote, name="open_vote"),
    path("<int:pk>/compute/", manage_views.compute, name="compute"),
    path("<int:pk>/publish-results/", manage_views.publish_results, name="publish_results"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/results.pb", views.results_pb, name="results_pb"),
    path("ideas/<int:pk>/", views.idea_detail, name="idea"),
    path("ideas/<int:pk>/appeal/", views.idea_appeal, name="appeal"),
    path("ideas/<int:pk>/review/", manage_views.review, name="review"),
    path("ideas/<int:pk>/merge/", manage_views.merge, name="merge"),
    path("ideas/<int:pk>/cost/", manage_views.cost, name="cost"),
    path("ideas/<int:pk>/decide-appeal/", manage_views.decide_appeal, name="decide_appeal"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/owner/", manage_views.set_owner, name="owner"),
    path("projects/<int:pk>/<slug:what>/", views.project_track, name="track"),
]
