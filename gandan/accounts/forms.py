from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The username or password is not right. Check both (passwords are case-sensitive) and try again."
        ),
        "throttled": _(
            "To protect the account, this computer must wait after several wrong passwords. Try again in "
            "%(seconds)d seconds (the right password waits too). Forgot the password? Ask the system administrator."
        ),
        "inactive": _("This account is disabled. Ask the system administrator."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")
        self.fields["username"].widget = forms.TextInput(
            attrs={"autocomplete": "username", "autofocus": True}
        )

    def get_invalid_login_error(self):
        """During a delay the wait is the answer (the same whether or not the account exists)."""
        wait = getattr(self.request, "login_wait", 0) if self.request is not None else 0
        if wait:
            return forms.ValidationError(
                self.error_messages["throttled"], code="throttled", params={"seconds": wait}
            )
        return super().get_invalid_login_error()
