from rest_framework.routers import SimpleRouter

from recognition.api import views

router = SimpleRouter()
router.register("award-types", views.AwardTypeViewSet, basename="award-type")
router.register("awards", views.AwardViewSet, basename="award")

urlpatterns = router.urls
