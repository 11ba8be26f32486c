from rest_framework import serializers

from competencies.models import (
    Assessment,
    Competency,
    CompetencyLevel,
    LearningRecord,
    PositionRequirement,
)


class CompetencyLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = CompetencyLevel
        fields = ["level", "title", "description", "indicators"]


class CompetencySerializer(serializers.ModelSerializer):
    levels = CompetencyLevelSerializer(many=True)

    class Meta:
        model = Competency
        fields = ["id", "code", "name", "kind", "definition", "is_active", "order", "levels"]

    def validate_levels(self, value: list[dict]) -> list[dict]:
        numbers = [item["level"] for item in value]
        if len(numbers) != len(set(numbers)):
            raise serializers.ValidationError("duplicate")
        return value


class PositionRequirementSerializer(serializers.ModelSerializer):
    competency_code = serializers.CharField(source="competency.code", read_only=True)
    competency_name = serializers.CharField(source="competency.name", read_only=True)
    position_name = serializers.CharField(source="position.name", read_only=True)

    class Meta:
        model = PositionRequirement
        fields = [
            "id",
            "position",
            "position_name",
            "competency",
            "competency_code",
            "competency_name",
            "required_level",
        ]


class ProfileLevelSerializer(serializers.Serializer):
    competency = serializers.IntegerField()
    required_level = serializers.IntegerField(min_value=1, max_value=5, allow_null=True)


class PositionProfileSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    levels = ProfileLevelSerializer(many=True)


class PositionRefSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    overwrite = serializers.BooleanField(default=False)


class AssessmentSerializer(serializers.ModelSerializer):
    competency_code = serializers.CharField(source="competency.code", read_only=True)
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    assessor_name = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "employee",
            "employee_name",
            "competency",
            "competency_code",
            "level",
            "source",
            "assessor",
            "assessor_name",
            "assessed_on",
            "notes",
            "evidence",
            "is_current",
            "created_at",
        ]
        read_only_fields = fields

    def get_assessor_name(self, obj: Assessment) -> str | None:
        if obj.assessor is None:
            return None
        return obj.assessor.get_full_name() or obj.assessor.get_username()


class AssessmentCreateSerializer(serializers.Serializer):
    employee = serializers.IntegerField()
    competency = serializers.PrimaryKeyRelatedField(queryset=Competency.objects.all())
    level = serializers.IntegerField(min_value=1, max_value=5)
    source = serializers.ChoiceField(
        choices=Assessment.Source.choices, required=False, allow_blank=True
    )
    assessed_on = serializers.DateField(required=False)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    evidence = serializers.FileField(required=False, allow_null=True)


class LearningRecordSerializer(serializers.ModelSerializer):
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)

    class Meta:
        model = LearningRecord
        fields = [
            "id",
            "employee",
            "employee_name",
            "title",
            "kind",
            "jp",
            "start_date",
            "end_date",
            "year",
            "organiser",
            "evidence",
            "source_key",
            "created_at",
        ]
        read_only_fields = fields


class LearningRecordCreateSerializer(serializers.Serializer):
    employee = serializers.IntegerField()
    title = serializers.CharField(max_length=255)
    kind = serializers.ChoiceField(choices=LearningRecord.Kind.choices)
    jp = serializers.DecimalField(max_digits=6, decimal_places=2)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    organiser = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    evidence = serializers.FileField(required=False, allow_null=True)


class ProfileRowSerializer(serializers.Serializer):
    competency = serializers.IntegerField(source="competency.pk")
    code = serializers.CharField(source="competency.code")
    name = serializers.CharField(source="competency.name")
    kind = serializers.CharField(source="competency.kind")
    required = serializers.IntegerField()
    current = serializers.IntegerField(allow_null=True)
    gap = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    self_level = serializers.IntegerField(allow_null=True)
    assessed_on = serializers.DateField(allow_null=True)


class RecommendationSerializer(serializers.Serializer):
    competency_code = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    detail = serializers.CharField()
    object_id = serializers.IntegerField(allow_null=True)


class ProfileSerializer(serializers.Serializer):
    employee = serializers.SerializerMethodField()
    competencies = ProfileRowSerializer(source="rows", many=True)
    jpm = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    jpm_category = serializers.CharField(allow_null=True)
    jpm_complete = serializers.BooleanField()
    counts = serializers.DictField(child=serializers.IntegerField())
    jp_year = serializers.IntegerField()
    jp_total = serializers.DecimalField(max_digits=8, decimal_places=2)
    jp_minimum = serializers.IntegerField()
    recommendations = RecommendationSerializer(many=True)

    def get_employee(self, obj) -> dict:
        employee = obj.employee
        return {
            "id": employee.pk,
            "full_name": employee.full_name,
            "unit": employee.unit_id,
            "position": employee.position_id,
            "position_name": employee.position.name if employee.position else None,
        }


class GapRowSerializer(serializers.Serializer):
    unit = serializers.IntegerField(source="unit.pk", allow_null=True)
    unit_name = serializers.CharField(source="unit.name", allow_null=True)
    competency = serializers.IntegerField(source="competency.pk")
    competency_code = serializers.CharField(source="competency.code")
    competency_name = serializers.CharField(source="competency.name")
    employees = serializers.IntegerField()
    assessed = serializers.IntegerField()
    not_assessed = serializers.IntegerField()
    below = serializers.IntegerField()
    meeting = serializers.IntegerField()
    mean_gap = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    pct_meeting = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)


class DrilldownSerializer(serializers.Serializer):
    employee = serializers.IntegerField(source="pk")
    full_name = serializers.CharField()
    unit_name = serializers.CharField(source="unit.name")
    position_name = serializers.CharField(source="position.name")
    golongan = serializers.CharField()
    competency_code = serializers.CharField()
    required = serializers.IntegerField()
    current = serializers.IntegerField(allow_null=True)
    gap = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()

    def get_gap(self, obj) -> int | None:
        return None if obj.current is None else obj.current - obj.required

    def get_status(self, obj) -> str:
        from competencies.selectors import level_status

        return level_status(required=obj.required, current=obj.current)


class LearningHoursSerializer(serializers.Serializer):
    employee = serializers.IntegerField(source="pk")
    full_name = serializers.CharField()
    unit_name = serializers.CharField(source="unit.name")
    employment_type = serializers.CharField()
    jp = serializers.DecimalField(max_digits=8, decimal_places=2)
    below_minimum = serializers.SerializerMethodField()

    def get_below_minimum(self, obj) -> bool:
        return obj.jp < self.context["minimum"]
