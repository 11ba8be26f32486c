"""HTML pages. Thin: scoping through selectors, writes through services, rendering of PDFs
never here (downloads serve the stored file)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from certificates.bulk import bulk_job_create
from certificates.downloads import (
    signed_download_response,
    stored_pdf_response,
    zip_response,
)
from certificates.forms import BulkIssueForm, CertificateFilterForm, ReasonForm, VerifyForm
from certificates.models import Certificate, VerificationLog
from certificates.public import client_ip, verification_record
from certificates.selectors import (
    can_manage_certificates,
    certificate_by_code,
    certificates_managed_by,
    certificates_published,
    certificates_visible_for,
    jobs_visible_for,
)
from certificates.services import certificate_reissue, certificate_revoke, verification_log
from certificates.tasks import run_bulk_job
from people.selectors import scope_for


def _require_manager(request: HttpRequest) -> None:
    if not can_manage_certificates(request.user):
        raise PermissionDenied


@login_required
def my_certificates(request: HttpRequest) -> HttpResponse:
    employee = scope_for(request.user).employee
    certificates = (
        certificates_visible_for(user=request.user).filter(recipient=employee)
        if employee
        else Certificate.objects.none()
    )
    return render(request, "certificates/mine.html", {"certificates": certificates})


@login_required
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(certificates_visible_for(user=request.user), pk=pk)
    return stored_pdf_response(request, certificate)


def signed_download(request: HttpRequest, token: str) -> HttpResponse:
    """The stored PDF behind a short-lived signed link (see `signed_download_path`)."""
    return signed_download_response(request, token)


@login_required
def manage_list(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = CertificateFilterForm(request.GET or None)
    certificates = certificates_managed_by(user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            certificates = certificates.filter(
                Q(recipient__name__icontains=data["q"])
                | Q(serial__icontains=data["q"])
                | Q(title__icontains=data["q"])
            )
        if data["status"]:
            certificates = certificates.filter(status=data["status"])
        if data["kind"]:
            certificates = certificates.filter(kind=data["kind"])
    page = Paginator(certificates, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "certificates/manage_list.html",
        {"form": form, "page_obj": page, "certificates": page.object_list},
    )


def _managed(request: HttpRequest, pk: int) -> Certificate:
    _require_manager(request)
    return get_object_or_404(certificates_managed_by(user=request.user), pk=pk)


@login_required
def manage_detail(
    request: HttpRequest, pk: int, form: ReasonForm | None = None, action: str = ""
) -> HttpResponse:
    certificate = _managed(request, pk)
    return render(
        request,
        "certificates/manage_detail.html",
        {
            "certificate": certificate,
            "audits": certificate.audits.select_related("actor"),
            "revoke_form": form if action == "revoke" else ReasonForm(prefix="revoke"),
            "reissue_form": form if action == "reissue" else ReasonForm(prefix="reissue"),
            "verifications": certificate.verifications.count(),
        },
        status=400 if form is not None else 200,
    )


def _reason_action(request: HttpRequest, pk: int, action: str, service, done: str):
    certificate = _managed(request, pk)
    form = ReasonForm(request.POST, prefix=action)
    if form.is_valid():
        try:
            result = service(
                certificate=certificate, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect("certificates:manage-detail", pk=result.pk)
    return manage_detail(request, pk, form=form, action=action)


@login_required
@require_POST
def manage_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    return _reason_action(
        request, pk, "revoke", certificate_revoke, _("The certificate has been revoked.")
    )


@login_required
@require_POST
def manage_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    return _reason_action(
        request, pk, "reissue", certificate_reissue, _("A corrected version has been issued.")
    )


@login_required
def bulk_start(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = BulkIssueForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        source_key, _sep, cohort_id = form.cleaned_data["cohort"].partition("|")
        try:
            job = bulk_job_create(
                actor=request.user,
                source_key=source_key,
                cohort_id=cohort_id,
                reissue=form.cleaned_data["reissue"],
                confirm=form.cleaned_data["confirm"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            transaction.on_commit(lambda: run_bulk_job.delay(job.pk))
            return redirect("certificates:bulk-detail", pk=job.pk)
    jobs = jobs_visible_for(user=request.user)[:10]
    return render(
        request,
        "certificates/bulk.html",
        {"form": form, "jobs": jobs},
        status=400 if form.errors else 200,
    )


def _job(request: HttpRequest, pk: int):
    _require_manager(request)
    return get_object_or_404(jobs_visible_for(user=request.user), pk=pk)


@login_required
def bulk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "certificates/bulk_detail.html", {"job": _job(request, pk)})


@login_required
def bulk_progress(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "certificates/partials/bulk_progress.html", {"job": _job(request, pk)})


@login_required
def bulk_zip(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    certificates = (
        certificates_visible_for(user=request.user)
        .filter(pk__in=job.certificates.values("pk"))
        .order_by("serial")
    )
    return zip_response(
        certificates.iterator(chunk_size=200),
        f"sertifikat-{job.source}-{job.cohort_id}.zip".replace("/", "-"),
    )


def verify_form(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    status = 200
    if request.GET and form.is_valid():
        certificate = (
            certificates_published()
            .filter(
                serial=form.cleaned_data["serial"].strip().upper(),
                verification_code=form.cleaned_data["code"].strip(),
            )
            .first()
        )
        if certificate is not None:
            return redirect("certificates:verify", code=certificate.verification_code)
        form.add_error(None, _("No certificate matches this serial number and code."))
        status = 404
    elif request.GET:
        status = 400
    return render(request, "certificates/verify_form.html", {"form": form}, status=status)


def verify_page(request: HttpRequest, code: str) -> HttpResponse:
    certificate = certificate_by_code(code)
    if certificate is None:
        raise Http404
    channel = (
        VerificationLog.Channel.QR
        if request.GET.get("via") == "qr"
        else VerificationLog.Channel.PAGE
    )
    verification_log(certificate=certificate, channel=channel, ip=client_ip(request))
    return render(request, "certificates/verify.html", {"record": verification_record(certificate)})
