from django.urls import path

from competencies import views

app_name = "competencies"

urlpatterns = [
    path("kompetensi/saya/", views.my_profile, name="my-profile"),
    path("kompetensi/pegawai/<int:pk>/", views.employee_profile, name="employee-profile"),
    path("kompetensi/pegawai/<int:pk>/nilai/", views.assessment_new, name="assessment-new"),
    path("kompetensi/tim/", views.team, name="team"),
    path("kompetensi/laporan/", views.gap_report, name="gap-report"),
    path("kompetensi/laporan/pegawai/", views.gap_drilldown, name="gap-drilldown"),
    path("kompetensi/jp/", views.learning_hours, name="learning-hours"),
    path("kompetensi/jp/catat/", views.learning_record_new, name="learning-record-new"),
    path("kompetensi/jabatan/", views.positions, name="positions"),
    path("kompetensi/jabatan/<int:pk>/", views.position_requirements, name="position-requirements"),
]
