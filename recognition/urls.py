from django.urls import path

from recognition import views

app_name = "recognition"

urlpatterns = [
    path("awards/give/", views.give, name="give"),
    path("awards/inbox/", views.inbox, name="inbox"),
    path("awards/mine/", views.mine, name="mine"),
    path("awards/wall/", views.wall, name="wall"),
    path("awards/wall/<int:unit_id>/", views.wall, name="wall-unit"),
    path("awards/overview/", views.overview, name="overview"),
    path("awards/eligibility/", views.eligibility, name="eligibility"),
    path("awards/<int:pk>/", views.award_detail, name="award-detail"),
    path("awards/<int:pk>/decide/", views.decide, name="decide"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification-read"),
]
