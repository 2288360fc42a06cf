/**
 * The viewer's own time zone, as the browser's Intl resolves it ("UTC" should
 * it name none). Read it in an effect, never while rendering: the server
 * renders the page without knowing it.
 */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
