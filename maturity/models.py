"""The Danish five-level scale as data, and where each unit stands on it."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import GuidelineKind, Role, Unit, User, in_language

# A requirement no data can show: the unit's manager answers it, the communication unit reviews the answer.
SELF_ASSESSED = "self_assessed"


class BilingualName(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_da = models.CharField(_("name (Danish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self, "name")


class Dimension(BilingualName):
    """A row of the scale: interaction, content strategy, organisation, resources, monitoring …"""

    history = HistoricalRecords()

    class Meta(BilingualName.Meta):
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")


class InteractionFeature(BilingualName):
    """What users may do on a profile: react, comment, share, message, post, review, join a closed group."""

    history = HistoricalRecords()

    class Meta(BilingualName.Meta):
        verbose_name = _("interaction feature")
        verbose_name_plural = _("interaction features")


class Metric(BilingualName):
    """An effect measure the scale asks for (followers, reach, engagement …)."""

    history = HistoricalRecords()

    class Meta(BilingualName.Meta):
        verbose_name = _("metric")
        verbose_name_plural = _("metrics")


class Level(models.Model):
    class OrganisationModel(models.TextChoices):
        CENTRALISED = "centralised", _("Centralised")
        CENTRALISED_COE_LIGHT = "centralised_coe_light", _("Centralised and partly coordinated (CoE light)")
        COE = "coe", _("Centralised and partly coordinated (Center of Excellence)")

    class PostingScope(models.TextChoices):
        CENTRAL_ONLY = "central_only", _("The central communication unit only")
        SELECTED_DEPARTMENTS = "selected_departments", _("The central unit and selected departments")
        WILLING_DEPARTMENTS = "willing_departments", _("The central unit and departments that want to")
        DEPARTMENT_GROUPS = "department_groups", _("As level 4, and departments in their own patient groups")

    class MonitoringCadence(models.TextChoices):
        DAILY = "daily", _("Daily checks of own profiles")
        SEVERAL_DAILY = "several_daily_working_hours", _("Several daily checks within working hours")
        CONTINUOUS = "continuous_24_7", _("Continuous checks, 365/24/7")

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name_da = models.CharField(_("name (Danish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    summary_da = models.TextField(_("summary (Danish)"))
    summary_en = models.TextField(_("summary (English)"))
    organisation_model = models.CharField(_("organisation model"), max_length=30, choices=OrganisationModel.choices)
    posting_scope = models.CharField(
        _("who may post on official profiles"), max_length=30, choices=PostingScope.choices
    )
    monitoring_cadence = models.CharField(_("monitoring cadence"), max_length=30, choices=MonitoringCadence.choices)
    features = models.ManyToManyField(
        InteractionFeature, related_name="levels", blank=True, verbose_name=_("interaction features allowed")
    )
    history = HistoricalRecords(m2m_fields=[features])

    class Meta:
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        ordering = ["number"]

    def __str__(self) -> str:
        return _("Level %(number)s: %(name)s") % {"number": self.number, "name": self.name}

    @property
    def name(self) -> str:
        return in_language(self, "name")

    @property
    def summary(self) -> str:
        return in_language(self, "summary")


class LevelDimension(models.Model):
    """One cell of the scale: a level's requirements in one dimension.

    ``inherits_lower`` is the seed's "Som niveau N +": the cell's effective requirements are the lower level's
    effective requirements plus its own lines. Without it, the cell's own lines replace the lower level's.
    """

    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="cells", verbose_name=_("level"))
    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="cells", verbose_name=_("dimension")
    )
    inherits_lower = models.BooleanField(_("includes the lower level's requirements"), default=False)
    note_da = models.TextField(_("note (Danish)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("level and dimension")
        verbose_name_plural = _("levels and dimensions")
        ordering = ["level__number", "dimension__order"]
        constraints = [models.UniqueConstraint(fields=["level", "dimension"], name="one_cell_per_level_dimension")]

    def __str__(self) -> str:
        return f"{self.level.number} / {self.dimension}"

    @property
    def note(self) -> str:
        return in_language(self, "note")


class Requirement(models.Model):
    """One requirement line of the scale, in the Danish original and in English.

    ``scope`` says of whom the line asks something: the hospital (the communication unit answers for the whole
    hospital), every department, the departments enrolled to post on official profiles, or the departments running a
    patient network. A line applies from its cell's level up to ``last_level`` (empty: every level above that builds on
    it with "As level N +"); a higher level that replaces it ends it there. ``forbidden_features`` are the interaction
    features the line rules out (level 1's "no option for reactions, comments or sharing").
    """

    class Scope(models.TextChoices):
        HOSPITAL = "hospital", _("The hospital (the communication unit answers)")
        DEPARTMENT = "department", _("Every department")
        POSTING_DEPARTMENTS = "posting_departments", _("Departments enrolled to post")
        NETWORK_DEPARTMENTS = "network_departments", _("Departments running a patient network")

    cell = models.ForeignKey(
        LevelDimension, on_delete=models.CASCADE, related_name="requirements", verbose_name=_("cell")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_da = models.TextField(_("text (Danish)"))
    text_en = models.TextField(_("text (English)"))
    scope = models.CharField(_("applies to"), max_length=30, choices=Scope.choices, default=Scope.HOSPITAL)
    last_level = models.PositiveSmallIntegerField(
        _("applies up to level"),
        null=True,
        blank=True,
        help_text=_("Empty: the line applies at every higher level that builds on its level."),
    )
    forbidden_features = models.ManyToManyField(
        InteractionFeature, related_name="+", blank=True, verbose_name=_("interaction features the line rules out")
    )
    evidence_source = models.CharField(
        _("evidence"),
        max_length=40,
        default=SELF_ASSESSED,
        help_text=_("The code of the evidence source that shows this requirement, or 'self_assessed'."),
    )
    history = HistoricalRecords(m2m_fields=[forbidden_features])

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ["cell__level__number", "cell__dimension__order", "order"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if self.last_level is not None and self.cell_id and self.last_level < self.cell.level.number:
            raise ValidationError({"last_level": _("A line cannot end below the level it belongs to.")})

    @property
    def text(self) -> str:
        return in_language(self, "text")

    @property
    def is_hospital_line(self) -> bool:
        return self.scope == self.Scope.HOSPITAL

    def is_answered_by(self, unit: Unit) -> bool:
        """Whether ``unit`` answers the line: the communication unit answers the hospital lines (for the whole
        hospital), a department the lines asked of departments; a department manager never self-assesses a hospital
        line."""
        return self.is_hospital_line == unit.is_communication_unit

    def in_force_at(self, number: int) -> bool:
        """Whether the line still applies at level ``number`` (given that level builds on the line's level)."""
        return self.last_level is None or number <= self.last_level


class RoleRequirement(models.Model):
    """How many people must hold a role, where, at a level (cumulative: each level lists its full rule)."""

    class Scope(models.TextChoices):
        CENTRAL = "central", _("Central communication unit")
        POSTING_DEPARTMENTS = "posting_departments", _("Each department that posts")
        NETWORK_DEPARTMENTS = "network_departments", _("Each department running a patient network")

    level = models.ForeignKey(
        Level, on_delete=models.CASCADE, related_name="role_requirements", verbose_name=_("level")
    )
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="requirements", verbose_name=_("role"))
    scope = models.CharField(_("scope"), max_length=30, choices=Scope.choices)
    min_headcount = models.PositiveSmallIntegerField(_("minimum head-count"))
    recommended_headcount = models.PositiveSmallIntegerField(_("recommended head-count"), null=True, blank=True)
    may_combine_with = models.ManyToManyField(
        Role, related_name="+", blank=True, verbose_name=_("the same person may also hold")
    )
    needs_backup = models.BooleanField(_("needs a back-up"), default=False)
    note_da = models.TextField(_("note (Danish)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)
    history = HistoricalRecords(m2m_fields=[may_combine_with])

    class Meta:
        verbose_name = _("role requirement")
        verbose_name_plural = _("role requirements")
        ordering = ["level__number", "scope", "role__order"]
        constraints = [
            models.UniqueConstraint(fields=["level", "role", "scope"], name="one_role_requirement_per_scope"),
        ]

    def __str__(self) -> str:
        return f"{self.level.number}: {self.min_headcount} × {self.role} ({self.get_scope_display()})"

    def clean(self) -> None:
        if self.recommended_headcount is not None and self.recommended_headcount < self.min_headcount:
            raise ValidationError(
                {"recommended_headcount": _("The recommended head-count cannot be below the minimum.")}
            )

    @property
    def note(self) -> str:
        return in_language(self, "note")


class RequiredMetric(models.Model):
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="required_metrics", verbose_name=_("level"))
    metric = models.ForeignKey(Metric, on_delete=models.PROTECT, related_name="+", verbose_name=_("metric"))
    optional = models.BooleanField(_("optional"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("required metric")
        verbose_name_plural = _("required metrics")
        ordering = ["level__number", "metric__order"]
        constraints = [models.UniqueConstraint(fields=["level", "metric"], name="one_required_metric_per_level")]

    def __str__(self) -> str:
        return f"{self.level.number}: {self.metric}"


class RequiredGuideline(models.Model):
    level = models.ForeignKey(
        Level, on_delete=models.CASCADE, related_name="required_guidelines", verbose_name=_("level")
    )
    kind = models.CharField(_("guideline"), max_length=40, choices=GuidelineKind.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("required guideline")
        verbose_name_plural = _("required guidelines")
        ordering = ["level__number", "kind"]
        constraints = [models.UniqueConstraint(fields=["level", "kind"], name="one_required_guideline_per_level")]

    def __str__(self) -> str:
        return f"{self.level.number}: {self.get_kind_display()}"


class MonitoringNorm(models.Model):
    """How often a unit at this level must check its channels and how fast it must answer (admins edit it).

    Where a duration counts "working time", only working hours on working days count (public holidays of the
    hospital's country excluded); otherwise the clock runs around the clock, 365/24/7.
    """

    level = models.OneToOneField(
        Level, on_delete=models.CASCADE, related_name="monitoring_norm", verbose_name=_("level")
    )
    check_interval_minutes = models.PositiveIntegerField(
        _("longest gap between checks (minutes)"), validators=[MinValueValidator(5)]
    )
    checks_in_working_time = models.BooleanField(_("the gap counts working time only"), default=False)
    answer_within_minutes = models.PositiveIntegerField(
        _("answer within (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(5)],
        help_text=_("Empty: this level sets no answer deadline."),
    )
    answer_in_working_time = models.BooleanField(_("the answer deadline counts working time only"), default=False)
    involvement_check_interval_minutes = models.PositiveIntegerField(
        _("longest gap between checks of user-involvement posts (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(5)],
    )
    dormant_after_days = models.PositiveSmallIntegerField(
        _("dormant after (days without a post or a check)"), default=30, validators=[MinValueValidator(1)]
    )
    escalate_after_minutes = models.PositiveIntegerField(
        _("escalate an open alert to the communication unit after (minutes)"), validators=[MinValueValidator(5)]
    )
    justification = models.TextField(_("why this norm"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monitoring norm")
        verbose_name_plural = _("monitoring norms")
        ordering = ["level__number"]

    def __str__(self) -> str:
        return str(self.level)


class UnitMaturity(models.Model):
    """Where a unit stands on the scale and where it is headed; every change is kept in history."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="maturity", verbose_name=_("unit"))
    current_level = models.ForeignKey(
        Level, on_delete=models.PROTECT, related_name="+", verbose_name=_("current level")
    )
    target_level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="+", verbose_name=_("target level"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit maturity")
        verbose_name_plural = _("unit maturities")

    def __str__(self) -> str:
        return f"{self.unit}: {self.current_level.number} → {self.target_level.number}"


class SelfAssessment(models.Model):
    """A unit manager's answer to a requirement no data can show, reviewed by the communication unit.

    It counts in the gap report only once accepted; a new answer goes back to review. Every change is kept in history.
    """

    class Answer(models.TextChoices):
        MET = "met", _("Met")
        PARTLY_MET = "partly_met", _("Partly met")
        NOT_MET = "not_met", _("Not met")

    class Review(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="self_assessments", verbose_name=_("unit"))
    requirement = models.ForeignKey(
        Requirement, on_delete=models.CASCADE, related_name="self_assessments", verbose_name=_("requirement")
    )
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices)
    evidence = models.TextField(_("evidence"), max_length=4000)
    answered_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("answered by"))
    answered_at = models.DateTimeField(_("answered at"))
    review = models.CharField(_("review"), max_length=20, choices=Review.choices, default=Review.PENDING)
    reviewed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("reviewed by")
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), max_length=2000, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["unit__name", "requirement__cell__level__number", "requirement__order"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "requirement"], name="one_self_assessment_per_unit_requirement"),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.requirement_id} ({self.get_review_display()})"


class GapSnapshot(models.Model):
    """A unit's gap report at the start of a month: its assessed level and how many requirements had each status,
    per dimension (``counts`` = {dimension code: {status: count}}), at the unit's target level."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="gap_snapshots", verbose_name=_("unit"))
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    assessed_level = models.PositiveSmallIntegerField(_("assessed level"))
    report_level = models.PositiveSmallIntegerField(_("level reported on"))
    counts = models.JSONField(_("requirements per status and dimension"), default=dict)
    taken_at = models.DateTimeField(_("taken at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gap snapshot")
        verbose_name_plural = _("gap snapshots")
        ordering = ["unit__name", "-month"]
        constraints = [models.UniqueConstraint(fields=["unit", "month"], name="one_gap_snapshot_per_unit_month")]

    def __str__(self) -> str:
        return f"{self.unit} {self.month:%Y-%m}: {self.assessed_level}"
