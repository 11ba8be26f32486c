"""The learner's journey through the HTML pages, and the authoring and assign pages."""

import re

import pytest
from django.urls import reverse

from tests.training.factories import make_module
from training.models import Attempt, Enrollment, Lesson, Module, Question


def _right_and_wrong(html: str, attempt: Attempt, right: int) -> dict:
    """Build the quiz form post from the page: option ids by their visible text."""
    data: dict = {"final": "1"}
    for index, item in enumerate(attempt.items.order_by("position")):
        prefix = "right" if index < right else "wrong"
        option = item.question.options.get(text__startswith=prefix)
        assert f'name="q{item.question_id}" value="{option.pk}"' in html
        data[f"q{item.question_id}"] = str(option.pk)
    return data


@pytest.mark.django_db
def test_learner_end_to_end_html(client, pegawai, issued):
    module = make_module(attempts_allowed=2, pass_mark=75, time_limit_minutes=20)
    client.force_login(pegawai)
    catalogue = client.get(reverse("training:catalogue") + "?search=Modul")
    assert module.title in catalogue.content.decode()
    response = client.post(reverse("training:enroll", args=[module.pk]), follow=True)
    assert "Anda sudah terdaftar" in response.content.decode()
    lessons = list(module.lessons.all())
    page = client.get(reverse("training:lesson", args=[module.pk, lessons[0].pk]))
    assert "<strong>pelajaran</strong>" in page.content.decode()
    response = client.post(reverse("training:lesson_read", args=[module.pk, lessons[0].pk]))
    assert response.url == reverse("training:lesson", args=[module.pk, lessons[1].pk])
    client.post(reverse("training:lesson_read", args=[module.pk, lessons[1].pk]))
    assert Enrollment.objects.get().reads.count() == 2

    for right, expected in ((1, "Belum lulus"), (3, "Lulus")):
        response = client.post(reverse("training:quiz_start", args=[module.pk]))
        attempt = Attempt.objects.get(state="open")
        assert response.url == reverse("training:attempt", args=[attempt.pk])
        quiz = client.get(response.url).content.decode()
        assert 'data-deadline="' in quiz and "quiz.js" in quiz
        assert "right 1" in quiz and "Penjelasan" not in quiz
        data = _right_and_wrong(quiz, attempt, right)
        # htmx auto-save of one answer
        first = next(key for key in data if key.startswith("q"))
        saved = client.post(
            reverse("training:attempt_save", args=[attempt.pk]),
            {first: data[first]},
            HTTP_HX_REQUEST="true",
        )
        assert saved.content.decode().strip() == "Tersimpan."
        result = client.post(
            reverse("training:attempt_submit", args=[attempt.pk]), data, follow=True
        ).content.decode()
        assert expected in result
    enrollment = Enrollment.objects.get()
    assert enrollment.status == "completed" and str(enrollment.grade) == "75.00"
    assert len(issued) == 1
    my = client.get(reverse("training:my")).content.decode()
    assert module.title in my and "75,00" in my


@pytest.mark.django_db
def test_quiz_page_of_another_learner_is_404(client, pegawai, outsider, issued):
    module = make_module()
    Enrollment.objects.create(employee=pegawai.employee, module=module)
    client.force_login(pegawai)
    client.post(reverse("training:quiz_start", args=[module.pk]))
    attempt = Attempt.objects.get()
    client.force_login(outsider)
    assert client.get(reverse("training:attempt", args=[attempt.pk])).status_code == 404
    assert client.post(reverse("training:attempt_submit", args=[attempt.pk])).status_code == 404
    assert Attempt.objects.get().state == "open"


@pytest.mark.django_db
def test_author_builds_and_publishes_a_module(client, hr, competency_m3=None):
    from tests.training.factories import competency

    m3 = competency("M.3")
    client.force_login(hr)
    response = client.post(
        reverse("training:module_new"),
        {
            "code": "NEW-1",
            "title": "Modul Baru",
            "summary": "Ringkas",
            "jp": "2",
            "delivery": "elearning",
            "questions_per_attempt": "1",
            "pass_mark": "60",
            "attempts_allowed": "",
            "time_limit_minutes": "",
            "overdue_rule": "autosubmit",
            "grace_minutes": "0",
            "grading_method": "highest",
            "review_option": "answers",
            "targets-TOTAL_FORMS": "1",
            "targets-INITIAL_FORMS": "0",
            "targets-0-competency": str(m3.pk),
            "targets-0-level": "2",
        },
    )
    module = Module.objects.get(code="NEW-1")
    assert response.url == reverse("training:manage_module", args=[module.pk])
    assert module.targets.get().level == 2
    response = client.post(reverse("training:module_publish", args=[module.pk]), follow=True)
    assert "Tambahkan minimal satu pelajaran." in response.content.decode()
    assert Module.objects.get().status == "draft"
    client.post(
        reverse("training:lesson_new", args=[module.pk]),
        {"order": "1", "title": "Satu", "body": "Isi <script>x()</script>"},
    )
    assert "<script" not in Lesson.objects.get().body_html
    response = client.post(
        reverse("training:question_new", args=[module.pk]),
        {
            "type": "single",
            "text": "Dua jawaban benar?",
            "explanation": "",
            "is_active": "on",
            "options-TOTAL_FORMS": "2",
            "options-INITIAL_FORMS": "0",
            "options-MIN_NUM_FORMS": "2",
            "options-0-text": "A",
            "options-0-is_correct": "on",
            "options-1-text": "B",
            "options-1-is_correct": "on",
        },
    )
    assert "tepat satu opsi benar" in response.content.decode()
    assert Question.objects.count() == 0
    client.post(
        reverse("training:question_new", args=[module.pk]),
        {
            "type": "single",
            "text": "Satu benar?",
            "explanation": "",
            "is_active": "on",
            "options-TOTAL_FORMS": "2",
            "options-INITIAL_FORMS": "0",
            "options-MIN_NUM_FORMS": "2",
            "options-0-text": "A",
            "options-0-is_correct": "on",
            "options-1-text": "B",
        },
    )
    client.post(reverse("training:module_publish", args=[module.pk]))
    assert Module.objects.get().status == "published"


@pytest.mark.django_db
def test_authoring_pages_refused_to_staff_and_leaders(client, pegawai, leader):
    module = make_module()
    for user in (pegawai, leader):
        client.force_login(user)
        assert client.get(reverse("training:manage")).status_code == 403
        assert client.get(reverse("training:manage_module", args=[module.pk])).status_code == 404
        assert client.post(reverse("training:module_publish", args=[module.pk])).status_code == 404


@pytest.mark.django_db
def test_assign_page_prefill_and_scope(client, hr_a1, pegawai, outsider, world):
    module = make_module()
    client.force_login(hr_a1)
    page = client.get(reverse("training:assign") + f"?module={module.pk}").content.decode()
    assert re.search(rf'<option value="{module.pk}" selected>', page)
    assert "Outsider" not in page and "Dinas A2" not in page
    response = client.post(reverse("training:assign"), {"module": module.pk, "unit": world.a2.pk})
    assert response.status_code == 200 and Enrollment.objects.count() == 0
    response = client.post(
        reverse("training:assign"),
        {"module": module.pk, "unit": world.a1a.pk, "due_date": "2099-01-31"},
    )
    assert response.status_code == 302
    assert list(Enrollment.objects.values_list("employee__user__username", flat=True)) == [
        "pegawai"
    ]
    client.force_login(pegawai)
    assert client.get(reverse("training:assign")).status_code == 403
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert module.title in dashboard


@pytest.mark.django_db
def test_stats_page(client, hr, pegawai, issued):
    module = make_module()
    Enrollment.objects.create(employee=pegawai.employee, module=module)
    client.force_login(pegawai)
    client.post(reverse("training:quiz_start", args=[module.pk]))
    attempt = Attempt.objects.get()
    client.post(reverse("training:attempt_submit", args=[attempt.pk]), {"final": "1"})
    client.force_login(hr)
    page = client.get(reverse("training:stats", args=[module.pk])).content.decode()
    assert "Bidang A1a" in page and "0,0" in page


@pytest.mark.django_db
def test_overdue_panel_is_scoped(client, hr_a1, hr_b, pegawai):
    import datetime as dt

    from django.utils import timezone

    module = make_module()
    Enrollment.objects.create(
        employee=pegawai.employee,
        module=module,
        due_date=timezone.localdate() - dt.timedelta(days=3),
    )
    client.force_login(hr_a1)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Pelatihan terlambat di unit saya" in page and "Pegawai (Bidang A1a)" in page
    client.force_login(hr_b)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Pelatihan terlambat di unit saya" in page and "Bidang A1a" not in page


@pytest.mark.django_db
def test_html_lists_query_counts(client, pegawai, django_assert_max_num_queries):
    for n in range(50):
        module = make_module(code=f"M{n:02d}", questions=0, lessons=1, per_attempt=1)
        Enrollment.objects.create(employee=pegawai.employee, module=module)
    client.force_login(pegawai)
    # session, user, scope (roles, employee), count, page, targets, nav/registry lookups.
    with django_assert_max_num_queries(12):
        response = client.get(reverse("training:catalogue"))
    assert response.content.decode().count("<article>") >= 20
    with django_assert_max_num_queries(12):
        response = client.get(reverse("training:my"))
    assert response.content.decode().count("/training/modules/") >= 50
