"""The staff login page: Django's, answering 429 with the wait during a delay and giving the browser its device
cookie after a successful login (accounts/loginguard.py)."""

from django.contrib.auth import views as auth_views

from gandan.accounts.forms import LoginForm
from gandan.accounts.loginguard import login_succeeded, remember_device


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        username = form.get_user().get_username()
        response = super().form_valid(form)
        login_succeeded(self.request, username)
        remember_device(self.request, response, username)
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if getattr(self.request, "login_wait", 0):
            response.status_code = 429
            response["Retry-After"] = str(self.request.login_wait)
        return response
