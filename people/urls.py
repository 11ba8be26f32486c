from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("organisasi/", views.unit_list, name="units"),
    path("organisasi/pegawai/", views.employee_list, name="employees"),
    path("organisasi/pegawai/ekspor/", views.employee_export, name="employee_export"),
    path("organisasi/pegawai/baru/", views.employee_create, name="employee_create"),
    path("organisasi/pegawai/<int:pk>/", views.employee_detail, name="employee_detail"),
    path("organisasi/pegawai/<int:pk>/ubah/", views.employee_edit, name="employee_edit"),
    path("organisasi/impor/", views.employee_import_page, name="import"),
    path("profil/", views.my_profile, name="my_profile"),
]
