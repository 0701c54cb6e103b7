/** A link into the app that opens a mailed token; the token travels in the fragment-free query. */
export function appLink(appUrl: string, path: string, token: string): string {
  const url = new URL(path, appUrl);
  url.searchParams.set('token', token);
  return url.toString();
}
