from django.contrib.auth import get_user_model
from rest_framework import serializers

from people.models import Employee, OrgUnit, Position, RoleAssignment


class UnitSerializer(serializers.ModelSerializer):
    parent = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True)

    class Meta:
        model = OrgUnit
        fields = ["id", "code", "name", "kind", "depth", "path", "parent"]
        read_only_fields = ["depth", "path"]


class UnitWriteSerializer(serializers.Serializer):
    parent = serializers.IntegerField()
    code = serializers.CharField(max_length=32)
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=OrgUnit.Kind.choices, default=OrgUnit.Kind.UNIT)


class PositionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Position
        fields = ["id", "agency", "code", "name", "type", "level"]


class EmployeeSerializer(serializers.ModelSerializer):
    """Output: the record as HR and the employee see it (the NIP is shown in scope)."""

    full_name = serializers.CharField(read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    position_name = serializers.CharField(source="position.name", read_only=True, default=None)
    position_type = serializers.CharField(source="position.type", read_only=True, default=None)

    class Meta:
        model = Employee
        fields = [
            "id",
            "nip",
            "name",
            "title_prefix",
            "title_suffix",
            "full_name",
            "employment_type",
            "golongan",
            "unit",
            "unit_name",
            "position",
            "position_name",
            "position_type",
            "email",
            "is_active",
            "birth_date",
            "tmt_cpns",
            "sex",
        ]
        read_only_fields = fields


class EmployeeWriteSerializer(serializers.Serializer):
    """Input for create and update; the service validates scope and the NIP."""

    nip = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=200)
    title_prefix = serializers.CharField(max_length=50, required=False, allow_blank=True)
    title_suffix = serializers.CharField(max_length=100, required=False, allow_blank=True)
    employment_type = serializers.ChoiceField(choices=Employee.EmploymentType.choices)
    golongan = serializers.CharField(max_length=5, required=False, allow_blank=True)
    unit = serializers.IntegerField()
    position = serializers.IntegerField(required=False, allow_null=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False, default=True)


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = get_user_model()
        fields = ["id", "username", "email", "first_name", "last_name", "is_superuser"]


class RoleSerializer(serializers.ModelSerializer):
    unit = serializers.IntegerField(source="unit_id")
    unit_name = serializers.CharField(source="unit.name")

    class Meta:
        model = RoleAssignment
        fields = ["role", "unit", "unit_name"]


class MeSerializer(serializers.Serializer):
    user = UserSerializer()
    employee = EmployeeSerializer(allow_null=True)
    roles = RoleSerializer(many=True)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()
