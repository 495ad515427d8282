"""Forms of property in custody (both sides sign) and of requests to a vice president."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from duties.choices import PropertyCondition, PropertyKind, VPRequestKind
from duties.forms.common import CrispyForm, people_field, text_area
from onsite.forms import SignatureFields


def _password(label):
    return forms.CharField(
        label=label, widget=forms.PasswordInput(attrs={"autocomplete": "off"}), strip=False
    )


def _people(exclude=None):
    people = get_user_model().objects.filter(is_active=True, profile__isnull=False)
    if exclude is not None:
        people = people.exclude(pk=exclude.pk)
    return people.select_related("profile").order_by("profile__employee_no")


class PropertyForm(CrispyForm):
    submit_label = _("Register")
    asset_no = forms.CharField(label=_("Asset number"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=PropertyKind.choices)
    description = forms.CharField(label=_("Description"), required=False, widget=text_area(2))


class CustodySignatureForm(SignatureFields):
    """The condition, a note, the signature in the box (or that person's password) and the
    other side's password: both sides sign every change of hands."""

    condition = forms.ChoiceField(
        label=_("Condition of the item"), choices=PropertyCondition.choices
    )
    note = forms.CharField(label=_("Note"), required=False, widget=text_area(2))
    password_field = "own_password"

    def __init__(self, *args, obj=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.obj, self.user = obj, user
        self.fields["password"].label = _("Password of the person signing in the box")

    def service_kwargs(self):
        data = self.cleaned_data
        return {
            "condition": data["condition"],
            "note": data.get("note", ""),
            "signature": self.signature_input(),
            self.password_field: data.get(self.password_field, ""),
        }


class HandOverForm(CustodySignatureForm):
    """HR hands an item over: the holder signs in the box, HR re-enters their password."""

    holder = people_field(_("To"))
    own_password = _password(_("Your password (you sign as the person handing over)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = _people(exclude=self.user)

    def service_kwargs(self):
        return {**super().service_kwargs(), "holder": self.cleaned_data["holder"]}


class ReturnForm(CustodySignatureForm):
    """The holder gives the item back and signs in the box; HR re-enters their password."""

    own_password = _password(_("Your password (you sign as the person receiving it)"))


class TransferForm(CustodySignatureForm):
    """The item passes to another person, who signs in the box; the present holder
    re-enters their password."""

    password_field = "holder_password"
    to = people_field(_("To"))
    holder_password = _password(_("Password of the present holder"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = _people(exclude=self.obj.holder if self.obj else None)

    def service_kwargs(self):
        return {**super().service_kwargs(), "to": self.cleaned_data["to"]}


class VPRequestForm(CrispyForm):
    """The person explains a request a vice president decides."""

    submit_label = _("Send to my supervisor")
    kind = forms.ChoiceField(label=_("Kind"), choices=VPRequestKind.choices)
    title = forms.CharField(label=_("Subject"), max_length=200)
    explanation = forms.CharField(label=_("Explanation"), widget=text_area(4))
    current_amount = forms.DecimalField(
        label=_("Current monthly amount (yuan)"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
    )
    requested_amount = forms.DecimalField(
        label=_("Requested monthly amount (yuan)"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
    )

    def clean(self):
        data = super().clean()
        current, wanted = data.get("current_amount"), data.get("requested_amount")
        if current is not None and wanted is not None and wanted <= current:
            self.add_error(
                "requested_amount", _("The requested amount must be higher than the current one.")
            )
        return data
