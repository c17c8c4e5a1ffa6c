from django.contrib.auth import views as auth_views
from django.urls import path

from . import manage_views, site_views, throttle, views
from .forms import LoginForm

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("welcome/", site_views.first_run, name="first_run"),
    # site administration (site administrators only)
    path("site/", site_views.index, name="site_admin"),
    path("site/communities/new/", site_views.community_new, name="site_community_new"),
    path("site/communities/<slug:slug>/", site_views.community_edit, name="site_community"),
    path("language/", views.set_language, name="set_language"),
    path("display/", views.set_display, name="set_display"),
    # accounts
    path(
        "accounts/login/",
        throttle.limit(throttle.LOGIN_PER_ADDRESS)(
            throttle.limit(throttle.LOGIN_PER_ACCOUNT, throttle.login_name_key)(
                auth_views.LoginView.as_view(
                    template_name="core/login.html", authentication_form=LoginForm
                )
            )
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/register/", views.register, name="register"),
    path("accounts/welcome/", views.after_login, name="after_login"),
    path("accounts/claim/", views.claim, name="claim"),
    path(
        "accounts/password/reset/",
        throttle.limit(throttle.PASSWORD_RESET_PER_ADDRESS)(
            throttle.limit(throttle.PASSWORD_RESET_PER_EMAIL, throttle.email_key)(
                auth_views.PasswordResetView.as_view(
                    template_name="core/password_reset.html",
                    email_template_name="core/email/password_reset.txt",
                    success_url="/accounts/password/reset/sent/",
                )
            )
        ),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="core/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="core/password_reset_confirm.html", success_url="/accounts/login/"
        ),
        name="password_reset_confirm",
    ),
    path("me/", views.me, name="me"),
    path("me/data.json", views.my_data, name="my_data"),
    path("me/delete/", views.delete_account, name="delete_account"),
    path("me/about-me/<int:member_id>/", views.demographics, name="demographics"),
    path(
        "me/about-me/<int:member_id>/delete/", views.demographics_delete, name="demographics_delete"
    ),
    path("me/notifications/", views.notifications, name="notifications"),
    path("me/notifications/<int:pk>/", views.mark_read, name="mark_read"),
    path("me/notifications/settings/", views.notification_settings, name="notification_settings"),
    path("me/api-tokens/", views.api_tokens, name="api_tokens"),
    # a community
    path("c/<slug:slug>/", views.community_home, name="community"),
    path("c/<slug:slug>/join/", views.join, name="join"),
    path("c/<slug:slug>/notices/", views.notices, name="notices"),
    path("c/<slug:slug>/partners/", views.partners, name="partners"),
    # organisers
    path("c/<slug:slug>/manage/", manage_views.dashboard, name="manage"),
    path("c/<slug:slug>/manage/members/", manage_views.members, name="members"),
    path("c/<slug:slug>/manage/members/new/", manage_views.record_resident, name="record_resident"),
    path(
        "c/<slug:slug>/manage/members/<int:member_id>/decide/",
        manage_views.decide_member,
        name="decide_member",
    ),
    path(
        "c/<slug:slug>/manage/members/<int:member_id>/role/", manage_views.set_role, name="set_role"
    ),
    path("c/<slug:slug>/manage/households/", manage_views.households, name="households"),
    path(
        "c/<slug:slug>/manage/households/import/",
        manage_views.import_households,
        name="import_households",
    ),
    path("c/<slug:slug>/manage/households/letters.pdf", manage_views.letters, name="letters"),
    path("c/<slug:slug>/manage/addresses/", manage_views.places, name="places"),
    path("c/<slug:slug>/manage/partners/new/", manage_views.partner_add, name="partner_add"),
    path("c/<slug:slug>/manage/notices/new/", manage_views.notice_add, name="notice_add"),
    path(
        "c/<slug:slug>/manage/settings/",
        site_views.community_settings,
        name="community_settings",
    ),
    path("c/<slug:slug>/manage/audit/", manage_views.audit_log, name="audit"),
]
