"""The scale's training programme: the course catalogue, sessions, enrolments, completions, and the courses a
hospital requires before a role gets posting rights."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import Hospital, Role, in_language
from maturity.models import Level


class Course(models.Model):
    class Audience(models.TextChoices):
        ALL_STAFF = "all_staff", _("All employees")
        MANAGERS = "managers", _("Managers")
        INTERESTED_STAFF = "interested_staff", _("Interested employees")
        DEPARTMENT_FLOWMANAGERS = "department_flowmanagers", _("Flowmanagers in departments")
        DEPARTMENT_PRODUCERS = "department_producers", _("Social media producers in departments")
        FLOWMANAGERS_AND_KEY_PERSONS = (
            "flowmanagers_and_key_persons",
            _("Flowmanagers and key persons in departments"),
        )
        NETWORK_MODERATORS = "network_moderators", _("Flowmanagers and moderators of patient networks")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_da = models.CharField(_("name (Danish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_da = models.TextField(_("description (Danish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    audience = models.CharField(_("audience"), max_length=40, choices=Audience.choices)
    roles = models.ManyToManyField(
        Role,
        related_name="courses",
        blank=True,
        verbose_name=_("roles that must take it"),
        help_text=_("Members in these roles must take the course, besides the audience above."),
    )
    levels = models.ManyToManyField(Level, related_name="courses", blank=True, verbose_name=_("required from levels"))
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"), null=True, blank=True, help_text=_("Empty: a completion never expires.")
    )
    is_active = models.BooleanField(_("offered"), default=True)
    history = HistoricalRecords(m2m_fields=[levels, roles])

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self, "name")

    @property
    def description(self) -> str:
        return in_language(self, "description")


class CourseSession(models.Model):
    """One run of a course at a hospital: when, where (a room or an online link), how many seats, who teaches."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("course"))
    hospital = models.ForeignKey(
        Hospital, on_delete=models.CASCADE, related_name="course_sessions", verbose_name=_("hospital")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveSmallIntegerField(_("seats"))
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sessions_taught", verbose_name=_("teacher")
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attendance_recorded_at = models.DateTimeField(_("attendance recorded"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("course session")
        verbose_name_plural = _("course sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="session_has_a_seat"),
        ]

    def __str__(self) -> str:
        return f"{self.course} {self.starts_at:%Y-%m-%d %H:%M}"


class Enrolment(models.Model):
    """A person's place on a session: a seat, or a place on the waiting list (ordered by ``queued_at``)."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")
        ABSENT = "absent", _("Did not attend")

    ACTIVE = (Status.ENROLLED, Status.WAITING)

    session = models.ForeignKey(
        CourseSession, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("session")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("participant")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    queued_at = models.DateTimeField(_("signed up"))
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("signed up by")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["queued_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="one_enrolment_per_session_and_person")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.session}"


class Completion(models.Model):
    """A person completed a course: by attending a session, or elsewhere (e-learning) with evidence text."""

    class Source(models.TextChoices):
        SESSION = "session", _("Attended a session")
        EXTERNAL = "external", _("Completed elsewhere (e.g. e-learning)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="completions", verbose_name=_("person")
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions", verbose_name=_("course"))
    completed_on = models.DateField(_("completed"))
    expires_on = models.DateField(_("expires"), null=True, blank=True)
    source = models.CharField(_("how"), max_length=20, choices=Source.choices)
    session = models.ForeignKey(
        CourseSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("session")
    )
    evidence = models.TextField(_("evidence"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        ordering = ["-completed_on", "-pk"]
        indexes = [models.Index(fields=["user", "course", "completed_on"])]

    def __str__(self) -> str:
        return f"{self.user}: {self.course} {self.completed_on:%Y-%m-%d}"


class PostingCourseRequirement(models.Model):
    """A hospital's setting: members in ``role`` get posting rights only with a current completion of ``course``."""

    hospital = models.ForeignKey(
        Hospital, on_delete=models.CASCADE, related_name="posting_course_requirements", verbose_name=_("hospital")
    )
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+", verbose_name=_("role"))
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="+", verbose_name=_("course"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("course required for posting rights")
        verbose_name_plural = _("courses required for posting rights")
        constraints = [
            models.UniqueConstraint(fields=["hospital", "role", "course"], name="one_posting_course_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.hospital}: {self.role} → {self.course}"


class TrainingReminder(models.Model):
    """A reminder mail was sent: the unique key makes each reminder go out once."""

    class Kind(models.TextChoices):
        SESSION_SOON = "session_soon", _("Session soon")
        COURSE_MISSING = "course_missing", _("Required course missing")
        EXPIRES_SOON = "expires_soon", _("Completion expires soon")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    subject_key = models.CharField(_("about"), max_length=100)
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("training reminder")
        verbose_name_plural = _("training reminders")
        constraints = [models.UniqueConstraint(fields=["kind", "user", "subject_key"], name="one_reminder_per_subject")]

    def __str__(self) -> str:
        return f"{self.kind} {self.user} {self.subject_key}"
