/** A whole-number option in [min, max], or an error naming the flag. */
export function boundedInteger(name: string, raw: string | undefined, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be an integer from ${min} to ${max}, got ${raw}`);
  }
  return value;
}
