from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from core.models import TimeStampedModel
from people.nip import format_nip, mask_nip, parse_nip


class OrgUnit(MP_Node):
    """Agency -> unit -> sub-unit, any depth. A subtree is `path__startswith=unit.path`."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("Agency")
        UNIT = "unit", _("Unit")
        SUBUNIT = "subunit", _("Sub-unit")

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.UNIT)

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        # Subtree reads are `path LIKE 'prefix%'`; PostgreSQL needs the pattern opclass
        # to use an index for that under a non-C collation (other databases ignore it).
        indexes = [
            models.Index(
                fields=["path"], name="orgunit_path_prefix", opclasses=["varchar_pattern_ops"]
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def agency_path(self) -> str:
        return self.path[: self.steplen]


class Position(TimeStampedModel):
    """A jabatan. Positions belong to an agency: its units share one catalogue."""

    class Type(models.TextChoices):
        JPT_UTAMA = "jpt_utama", _("JPT Utama")
        JPT_MADYA = "jpt_madya", _("JPT Madya")
        JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
        ADMINISTRATOR = "administrator", _("Administrator")
        PENGAWAS = "pengawas", _("Pengawas")
        PELAKSANA = "pelaksana", _("Pelaksana")
        FUNGSIONAL_AHLI = "fungsional_ahli", _("Fungsional (keahlian)")
        FUNGSIONAL_TERAMPIL = "fungsional_terampil", _("Fungsional (keterampilan)")

    class Level(models.TextChoices):
        NONE = "", _("-")
        AHLI_PERTAMA = "ahli_pertama", _("Ahli Pertama")
        AHLI_MUDA = "ahli_muda", _("Ahli Muda")
        AHLI_MADYA = "ahli_madya", _("Ahli Madya")
        AHLI_UTAMA = "ahli_utama", _("Ahli Utama")
        PEMULA = "pemula", _("Pemula")
        TERAMPIL = "terampil", _("Terampil")
        MAHIR = "mahir", _("Mahir")
        PENYELIA = "penyelia", _("Penyelia")

    agency = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="positions", verbose_name=_("agency")
    )
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("position type"), max_length=32, choices=Type.choices)
    level = models.CharField(
        _("level"), max_length=32, choices=Level.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="position_code_per_agency"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        functional = {self.Type.FUNGSIONAL_AHLI, self.Type.FUNGSIONAL_TERAMPIL}
        if self.type in functional and not self.level:
            raise ValidationError({"level": _("A functional position needs its level.")})
        ahli = {
            self.Level.AHLI_PERTAMA,
            self.Level.AHLI_MUDA,
            self.Level.AHLI_MADYA,
            self.Level.AHLI_UTAMA,
        }
        terampil = {self.Level.PEMULA, self.Level.TERAMPIL, self.Level.MAHIR, self.Level.PENYELIA}
        allowed = {self.Type.FUNGSIONAL_AHLI: ahli, self.Type.FUNGSIONAL_TERAMPIL: terampil}
        if self.level and self.level not in allowed.get(self.type, set()):
            raise ValidationError({"level": _("This level does not belong to this position type.")})


class Golongan(models.TextChoices):
    """The 17 ranks (golongan/ruang) of a PNS."""

    IA = "I/a", "I/a Juru Muda"
    IB = "I/b", "I/b Juru Muda Tingkat I"
    IC = "I/c", "I/c Juru"
    ID = "I/d", "I/d Juru Tingkat I"
    IIA = "II/a", "II/a Pengatur Muda"
    IIB = "II/b", "II/b Pengatur Muda Tingkat I"
    IIC = "II/c", "II/c Pengatur"
    IID = "II/d", "II/d Pengatur Tingkat I"
    IIIA = "III/a", "III/a Penata Muda"
    IIIB = "III/b", "III/b Penata Muda Tingkat I"
    IIIC = "III/c", "III/c Penata"
    IIID = "III/d", "III/d Penata Tingkat I"
    IVA = "IV/a", "IV/a Pembina"
    IVB = "IV/b", "IV/b Pembina Tingkat I"
    IVC = "IV/c", "IV/c Pembina Utama Muda"
    IVD = "IV/d", "IV/d Pembina Utama Madya"
    IVE = "IV/e", "IV/e Pembina Utama"


class Employee(TimeStampedModel):
    class EmploymentType(models.TextChoices):
        PNS = "PNS", "PNS"
        PPPK = "PPPK", "PPPK"

    class Sex(models.TextChoices):
        MALE = "L", _("Male")
        FEMALE = "P", _("Female")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employee",
        verbose_name=_("user"),
    )
    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    name = models.CharField(_("name"), max_length=200)
    title_prefix = models.CharField(_("title before name"), max_length=50, blank=True)
    title_suffix = models.CharField(_("title after name"), max_length=100, blank=True)
    employment_type = models.CharField(
        _("employment type"),
        max_length=4,
        choices=EmploymentType.choices,
        default=EmploymentType.PNS,
    )
    golongan = models.CharField(_("golongan"), max_length=5, choices=Golongan.choices, blank=True)
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="employees", verbose_name=_("unit")
    )
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employees",
        verbose_name=_("position"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Derived from the NIP on save; stored so reports and eligibility can filter on them.
    birth_date = models.DateField(_("birth date"), editable=False)
    tmt_cpns = models.DateField(_("TMT CPNS"), editable=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, editable=False)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["unit", "is_active"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(employment_type="PPPK", golongan="")
                | Q(employment_type="PNS") & ~Q(golongan=""),
                name="employee_golongan_only_for_pns",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """The name as printed: `Dr. Siti Aminah, S.Sos., M.Si.`."""
        name = f"{self.title_prefix} {self.name}".strip()
        return f"{name}, {self.title_suffix}" if self.title_suffix else name

    @property
    def nip_display(self) -> str:
        return format_nip(self.nip)

    @property
    def nip_masked(self) -> str:
        return mask_nip(self.nip)

    def clean(self) -> None:
        errors: dict[str, list] = {}
        try:
            parsed = parse_nip(self.nip)
        except ValidationError as error:
            errors["nip"] = error.messages
        else:
            self.nip = parsed.nip
            self.birth_date, self.tmt_cpns = parsed.birth_date, parsed.tmt_cpns
            self.sex = parsed.sex
        if self.employment_type == self.EmploymentType.PNS and not self.golongan:
            errors["golongan"] = [_("A PNS needs a golongan.")]
        if self.employment_type == self.EmploymentType.PPPK and self.golongan:
            errors["golongan"] = [_("PPPK staff have no golongan.")]
        if self.position_id and self.unit_id and self.position.agency.path != self.unit.agency_path:
            errors["position"] = [_("The position belongs to another agency.")]
        if errors:
            raise ValidationError(errors)


class RoleAssignment(TimeStampedModel):
    """A user holds a role over a unit's whole subtree."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Leader")
        HR = "hr", _("HR")
        ADMIN = "admin", _("Admin")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("unit")
    )

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="role_once_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"
