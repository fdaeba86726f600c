"""The forms of a unit's people page. Choices of memberships are built from the memberships the page has already
loaded, so that a form per row costs no query; the services check again, under lock, that each still exists."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from governance.models import Membership, Role, User


def membership_label(membership: Membership) -> str:
    return gettext("%(person)s – %(role)s") % {"person": membership.user, "role": membership.role}


def _membership_choices(memberships: list[Membership], *, empty: str) -> list[tuple[str, str]]:
    return [("", empty)] + [(str(membership.pk), membership_label(membership)) for membership in memberships]


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user: User) -> str:
        name = user.get_full_name()
        return f"{name} ({user.username})" if name else user.username


class MembershipAddForm(forms.Form):
    """Give a person of the hospital a role in the unit, perhaps as the back-up of another member."""

    user = PersonChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        empty_label=_("Choose a person"),
        help_text=_("Everyone who holds a role somewhere in the hospital. Ask an administrator to add a new account."),
    )
    role = forms.ModelChoiceField(label=_("Role"), queryset=Role.objects.none(), empty_label=_("Choose a role"))
    backup_for = forms.TypedChoiceField(
        label=_("Back-up for"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Optional: the member of the unit this person stands in for when they are away."),
    )

    def __init__(self, *args, people, roles, memberships: list[Membership], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people
        self.fields["role"].queryset = roles
        self.fields["backup_for"].choices = _membership_choices(memberships, empty=gettext("Nobody: not a back-up"))


class BackupNameForm(forms.Form):
    """Name a back-up for one member: another membership of the unit, held by someone else."""

    backup = forms.TypedChoiceField(label=_("Back-up"), coerce=int, empty_value=None)

    def __init__(self, *args, holder: Membership, memberships: list[Membership], **kwargs):
        kwargs.setdefault("prefix", f"backup-{holder.pk}")
        super().__init__(*args, **kwargs)
        candidates = [
            membership
            for membership in memberships
            if membership.user_id != holder.user_id and membership.backup_for_id != holder.pk
        ]
        field = self.fields["backup"]
        field.label = gettext("Name a back-up for %(person)s") % {"person": membership_label(holder)}
        field.choices = _membership_choices(candidates, empty=gettext("Choose a member of the unit"))
        field.help_text = gettext("A member who already backs up someone else backs up %(person)s instead.") % {
            "person": holder.user
        }
        self.holder = holder
        self.has_candidates = bool(candidates)
