from rest_framework.routers import SimpleRouter

from training.api.views import AttemptViewSet, EnrollmentViewSet, ModuleViewSet

router = SimpleRouter()
router.register("modules", ModuleViewSet, basename="module")
router.register("enrollments", EnrollmentViewSet, basename="enrollment")
router.register("attempts", AttemptViewSet, basename="attempt")
urlpatterns = router.urls
