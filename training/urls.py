from django.urls import path

from training import views

app_name = "training"
urlpatterns = [
    path("training/", views.catalogue, name="catalogue"),
    path("training/my/", views.my_trainings, name="my"),
    path("training/assign/", views.assign, name="assign"),
    path("training/modules/<int:pk>/", views.module_detail, name="module"),
    path("training/modules/<int:pk>/enroll/", views.enroll, name="enroll"),
    path("training/modules/<int:pk>/lessons/<int:lesson_pk>/", views.lesson, name="lesson"),
    path(
        "training/modules/<int:pk>/lessons/<int:lesson_pk>/read/",
        views.lesson_read,
        name="lesson_read",
    ),
    path("training/modules/<int:pk>/quiz/", views.quiz_start, name="quiz_start"),
    path("training/attempts/<int:pk>/", views.attempt_page, name="attempt"),
    path("training/attempts/<int:pk>/save/", views.attempt_save, name="attempt_save"),
    path("training/attempts/<int:pk>/submit/", views.attempt_submit, name="attempt_submit"),
    path("training/manage/", views.manage, name="manage"),
    path("training/manage/new/", views.module_edit, name="module_new"),
    path("training/manage/<int:pk>/", views.manage_module, name="manage_module"),
    path("training/manage/<int:pk>/edit/", views.module_edit, name="module_edit"),
    path("training/manage/<int:pk>/publish/", views.module_publish, name="module_publish"),
    path("training/manage/<int:pk>/lessons/new/", views.lesson_edit, name="lesson_new"),
    path(
        "training/manage/<int:pk>/lessons/<int:lesson_pk>/", views.lesson_edit, name="lesson_edit"
    ),
    path("training/manage/<int:pk>/questions/new/", views.question_edit, name="question_new"),
    path(
        "training/manage/<int:pk>/questions/<int:question_pk>/",
        views.question_edit,
        name="question_edit",
    ),
    path("training/manage/<int:pk>/stats/", views.stats, name="stats"),
]
