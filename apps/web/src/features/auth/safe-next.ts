/** Only follow same-site paths after signing in (never `//evil.example` or absolute URLs). */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
