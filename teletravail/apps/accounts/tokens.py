from django.contrib.auth.tokens import PasswordResetTokenGenerator


class AccountActivationTokenGenerator(PasswordResetTokenGenerator):
    """The link that activates an account created by sign-up; it stops working once the account is active or
    signed in, and after PASSWORD_RESET_TIMEOUT like a reset link."""

    key_salt = "teletravail.apps.accounts.tokens.AccountActivationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        login_timestamp = "" if user.last_login is None else user.last_login.replace(microsecond=0, tzinfo=None)
        return f"{user.pk}{user.is_active}{user.password}{login_timestamp}{timestamp}{user.email}"


account_activation_token = AccountActivationTokenGenerator()
