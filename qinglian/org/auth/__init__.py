"""Authentication at login (等保 2.0 三级 8.1.4.1 身份鉴别): lockout after failed logins, TOTP as the second
factor, idle timeout, a limit on concurrent sessions, and the expiry of API tokens.

How it plugs in without `core` importing `org`:
- `backends.LockoutBackend` (settings.AUTHENTICATION_BACKENDS) refuses a locked name or address before the
  password is checked and counts failures; it leaves the Chinese refusal on `request.login_refusal`, which
  core's login form shows.
- `middleware.LoginSecurityMiddleware` (after django-otp's OTPMiddleware) ends idle sessions, keeps the session
  register, and lets an account that still owes its second factor reach only the verification pages.
- `wiring.connect()` (OrgConfig.ready) registers logins and logouts in the session register and provides
  core's `api_token_expired` hook.
"""
