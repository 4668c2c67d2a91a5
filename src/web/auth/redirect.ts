// Safe post-login redirects: only paths inside this app, never another origin.

/** The path to go to after login, when `target` is a local path; otherwise undefined. */
export function safeRedirect(target: unknown): string | undefined {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return undefined;
  return target;
}
