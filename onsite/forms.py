"""Forms of the core."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from onsite.choices import SignatureMethod
from onsite.signatures import SignatureInput
from onsite.workflow import WorkflowError


class LoginForm(AuthenticationForm):
    """Log in with the user name or the employee number."""

    username = forms.CharField(
        label=_("User name or employee number"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocapitalize": "none", "autocomplete": "username"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "login"
        self.helper.add_input(Submit("submit", _("Log in"), css_class="w-100"))


class PasswordForm(PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Change password")))


class CommentForm(forms.Form):
    """The comment of a transition; required (and labelled "Reason") when the move needs one."""

    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        if required:
            self.fields["comment"].required = True
            self.fields["comment"].label = _("Reason")


class SignatureFields(forms.Form):
    """The signer draws in the box or re-enters their password.

    Render with ``{% include "includes/signature_pad.html" %}`` inside a form whose id is
    ``sign-form``; ``signature_input()`` gives the ``SignatureInput`` for the service.
    """

    method = forms.ChoiceField(
        label=_("How to sign"),
        choices=SignatureMethod.choices,
        initial=SignatureMethod.DRAWN,
        widget=forms.RadioSelect,
    )
    signature = forms.CharField(required=False, widget=forms.HiddenInput)
    password = forms.CharField(
        label=_("Password of the person signing"),
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )

    def clean(self):
        data = super().clean()
        method = data.get("method")
        if method == SignatureMethod.DRAWN:
            try:
                data["given"] = SignatureInput.from_data_url(data.get("signature"))
            except WorkflowError as error:
                self.add_error(None, str(error))
        if method == SignatureMethod.PASSWORD and not data.get("password"):
            self.add_error("password", _("Enter the password."))
        return data

    def signature_input(self):
        data = self.cleaned_data
        return data.get("given") or SignatureInput(
            method=data["method"], password=data.get("password", "")
        )
