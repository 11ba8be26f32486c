from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from certificates.downloads import signed_download_path
from certificates.models import Certificate


class RecipientSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="full_name")


class CertificateSerializer(serializers.ModelSerializer):
    recipient = RecipientSerializer(read_only=True)
    jp = serializers.CharField(source="snapshot.jp", allow_null=True, read_only=True)
    superseded_by = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField(
        help_text=_("The stored PDF without authentication, valid for five minutes.")
    )

    class Meta:
        model = Certificate
        fields = [
            "id",
            "kind",
            "title",
            "recipient",
            "serial",
            "verification_code",
            "status",
            "version",
            "supersedes",
            "superseded_by",
            "jp",
            "issued_at",
            "sha256",
            "revoked_at",
            "revoked_reason",
            "reissue_reason",
            "pdf_url",
            "download_url",
        ]
        read_only_fields = fields

    def get_superseded_by(self, obj: Certificate) -> int | None:
        following = getattr(obj, "superseded_by", None)
        return following.pk if following is not None else None

    def get_pdf_url(self, obj: Certificate) -> str:
        return self.context["request"].build_absolute_uri(f"/api/v1/certificates/{obj.pk}/pdf/")

    def get_download_url(self, obj: Certificate) -> str | None:
        if not obj.pdf:
            return None
        return self.context["request"].build_absolute_uri(signed_download_path(obj))


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(label=_("reason"), max_length=2000)


class VerificationSerializer(serializers.Serializer):
    """The public view: fields of the printed snapshot only (no NIP, no birth date)."""

    status = serializers.CharField()
    status_display = serializers.CharField()
    kind = serializers.CharField()
    kind_display = serializers.CharField()
    name = serializers.CharField()
    title = serializers.CharField()
    issued_on = serializers.CharField()
    jp = serializers.CharField(allow_null=True)
    serial = serializers.CharField()
    version = serializers.IntegerField()
    agency = serializers.CharField()
    revoked_on = serializers.CharField(allow_null=True)
    current = serializers.DictField(allow_null=True)
