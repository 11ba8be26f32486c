from django.urls import path
from rest_framework.routers import SimpleRouter

from competencies.api import views

router = SimpleRouter()
router.register("competencies", views.CompetencyViewSet, basename="competency")
router.register(
    "position-requirements", views.PositionRequirementViewSet, basename="position-requirement"
)
router.register("assessments", views.AssessmentViewSet, basename="assessment")
router.register("learning-records", views.LearningRecordViewSet, basename="learning-record")

urlpatterns = [
    path(
        "employees/<int:pk>/competency-profile/",
        views.CompetencyProfileView.as_view(),
        name="competency-profile",
    ),
    path("reports/competency-gaps/", views.GapReportView.as_view(), name="report-gaps"),
    path(
        "reports/competency-gaps/employees/",
        views.GapDrilldownView.as_view(),
        name="report-gaps-employees",
    ),
    path(
        "reports/learning-hours/", views.LearningHoursView.as_view(), name="report-learning-hours"
    ),
    *router.urls,
]
