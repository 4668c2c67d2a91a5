// /r/:token: a partner's no-login registration form.
export function RegistrationLinkPage() {
  return null;
}
