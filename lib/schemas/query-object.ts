/**
 * A URL's query as a plain object for the schemas; a repeated parameter is
 * refused rather than guessed. Built with Object.fromEntries, which defines
 * every key as the object's own: an assignment would let `__proto__` set the
 * prototype and vanish, slipping past the strict schemas' unknown-key check,
 * and `constructor` would read an inherited function.
 */
export function queryObject(url: URL): Record<string, string | string[]> {
  const params = new Map<string, string[]>();
  for (const [key, value] of url.searchParams) params.set(key, [...(params.get(key) ?? []), value]);
  return Object.fromEntries(
    [...params].map(([key, values]) => [key, values.length === 1 ? (values[0] as string) : values]),
  );
}
