from django.urls import path

from certificates import views

app_name = "certificates"
urlpatterns = [
    path("certificates/", views.my_certificates, name="mine"),
    path("certificates/<int:pk>/pdf/", views.certificate_pdf, name="pdf"),
    path("certificates/download/<str:token>/", views.signed_download, name="signed-download"),
    path("certificates/manage/", views.manage_list, name="manage"),
    path("certificates/manage/<int:pk>/", views.manage_detail, name="manage-detail"),
    path("certificates/manage/<int:pk>/revoke/", views.manage_revoke, name="revoke"),
    path("certificates/manage/<int:pk>/reissue/", views.manage_reissue, name="reissue"),
    path("certificates/bulk/", views.bulk_start, name="bulk"),
    path("certificates/bulk/<int:pk>/", views.bulk_detail, name="bulk-detail"),
    path("certificates/bulk/<int:pk>/progress/", views.bulk_progress, name="bulk-progress"),
    path("certificates/bulk/<int:pk>/zip/", views.bulk_zip, name="bulk-zip"),
    path("verify/", views.verify_form, name="verify-form"),
    path("verify/<str:code>/", views.verify_page, name="verify"),
]
