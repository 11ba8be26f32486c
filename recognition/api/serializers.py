from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from recognition.models import Award, AwardEvent, AwardType

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024


def validate_evidence_size(value) -> None:
    if value and value.size > MAX_EVIDENCE_BYTES:
        raise serializers.ValidationError(_("The evidence file is larger than 5 MB."))


class AwardTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = AwardType
        fields = [
            "id",
            "code",
            "name",
            "description",
            "criteria",
            "nominate_leader",
            "nominate_peer",
            "nominate_hr",
            "approver",
            "requires_two_people",
            "quota",
            "period",
            "quota_unit_depth",
            "citation_required",
            "issues_charter",
            "service_years",
            "is_active",
            "order",
        ]


class AwardSerializer(serializers.ModelSerializer):
    """Output. The recipient's NIP is left out: awards are shown on walls and charters."""

    award_type_name = serializers.CharField(source="award_type.name", read_only=True)
    recipient_name = serializers.CharField(source="recipient.full_name", read_only=True)
    recipient_unit = serializers.IntegerField(source="recipient.unit_id", read_only=True)
    recipient_unit_name = serializers.CharField(source="recipient.unit.name", read_only=True)
    nominated_by = serializers.CharField(source="nominated_by.username", read_only=True)
    decided_by = serializers.CharField(
        source="decided_by.username", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Award
        fields = [
            "id",
            "award_type",
            "award_type_name",
            "recipient",
            "recipient_name",
            "recipient_unit",
            "recipient_unit_name",
            "nominated_by",
            "citation",
            "evidence",
            "period_start",
            "status",
            "decided_by",
            "decided_at",
            "reason",
            "charter_certificate_id",
            "created_at",
        ]
        read_only_fields = fields


class AwardEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username")

    class Meta:
        model = AwardEvent
        fields = ["actor", "from_status", "to_status", "at", "note"]


class AwardDetailSerializer(AwardSerializer):
    events = AwardEventSerializer(many=True, read_only=True)

    class Meta(AwardSerializer.Meta):
        fields = [*AwardSerializer.Meta.fields, "events"]
        read_only_fields = fields


class NominateSerializer(serializers.Serializer):
    award_type = serializers.IntegerField()
    recipient = serializers.IntegerField()
    citation = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    evidence = serializers.FileField(
        required=False, allow_null=True, validators=[validate_evidence_size]
    )


class ApproveSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class AwardReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class EligibilityQuerySerializer(serializers.Serializer):
    on = serializers.DateField(required=False)
    tier = serializers.ChoiceField(choices=[10, 20, 30], required=False)
    unit = serializers.IntegerField(required=False)


class EligibilitySerializer(serializers.Serializer):
    employee = serializers.IntegerField(source="employee.pk")
    employee_name = serializers.CharField(source="employee.full_name")
    unit_name = serializers.CharField(source="employee.unit.name")
    tmt_cpns = serializers.DateField(source="employee.tmt_cpns")
    award_type = serializers.IntegerField(source="award_type.pk")
    award_type_name = serializers.CharField(source="award_type.name")
    tier = serializers.IntegerField(source="years")
    eligible_on = serializers.DateField()
    already_eligible = serializers.BooleanField()
    pending = serializers.BooleanField()
