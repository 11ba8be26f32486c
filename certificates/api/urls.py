from django.urls import path
from rest_framework.routers import SimpleRouter

from certificates.api import views

router = SimpleRouter()
router.register("certificates", views.CertificateViewSet, basename="certificate")

urlpatterns = [
    path(
        "certificates/<int:pk>/badge/", views.BadgeAssertionView.as_view(), name="certificate-badge"
    ),
    path(
        "certificates/<int:pk>/badge/class/",
        views.BadgeClassView.as_view(),
        name="certificate-badge-class",
    ),
    path("badges/issuer/", views.BadgeIssuerView.as_view(), name="badge-issuer"),
    path("verify/<str:code>/", views.VerifyView.as_view(), name="certificate-verify"),
    *router.urls,
]
