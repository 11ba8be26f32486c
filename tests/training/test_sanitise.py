import pytest
from django.urls import reverse

from tests.training.factories import make_module
from training.models import Enrollment, Lesson
from training.sanitize import render_markdown, sanitise_html

EVIL = """# Judul

<script>alert('x')</script>
<img src="x.png" onerror="alert(1)" alt="gambar">
<a href="javascript:alert(1)">klik</a>
<a href="https://lapor.go.id" onclick="steal()">LAPOR!</a>
<p style="color:red" onmouseover="x()">teks</p>
<iframe src="https://evil.example"></iframe>
[tautan](javascript:alert(2))
"""


def test_sanitiser_removes_scripts_handlers_and_javascript_links():
    html = render_markdown(EVIL)
    lowered = html.lower()
    for bad in (
        "<script",
        "alert('x')",
        "onerror",
        "onclick",
        "onmouseover",
        "javascript:",
        "style=",
        "<iframe",
    ):
        assert bad not in lowered, bad
    assert "<h1>" not in html  # h1 is the page title's; lessons start at h2
    assert 'href="https://lapor.go.id"' in html
    assert 'alt="gambar"' in html and "teks" in html


def test_sanitise_html_keeps_safe_markup():
    assert (
        sanitise_html("<p><strong>a</strong> <em>b</em></p>")
        == "<p><strong>a</strong> <em>b</em></p>"
    )
    assert render_markdown("- satu\n- dua") == "<ul>\n<li>satu</li>\n<li>dua</li>\n</ul>"


@pytest.mark.django_db
def test_rendered_lesson_page_is_clean(client, pegawai):
    module = make_module(lessons=1)
    lesson = Lesson.objects.get(module=module)
    lesson.body = EVIL
    lesson.save()
    Enrollment.objects.create(employee=pegawai.employee, module=module)
    client.force_login(pegawai)
    response = client.get(reverse("training:lesson", args=[module.pk, lesson.pk]))
    assert response.status_code == 200
    body = response.content.decode().lower()
    article = body.split('<article class="lesson">')[1].split("</article>")[0]
    for bad in ("<script", "onerror", "onclick", "javascript:", "<iframe", "style="):
        assert bad not in article, bad
    assert "lapor!" in article
