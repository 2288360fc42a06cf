"use client";

import { useEffect, useState } from "react";

/** Every IANA zone this browser knows, for a zone field's suggestions (the field still takes any text). */
function browserZones(): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    // An old browser: no suggestions, the field still works.
  }
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

/**
 * A datalist of time zones; point a text input's `list` at `id`. Filled after
 * hydration: the server's list of zones may differ from the browser's.
 */
export function TimeZoneOptions({ id }: { id: string }) {
  const [zones, setZones] = useState<string[]>([]);
  useEffect(() => setZones(browserZones()), []);
  return (
    <datalist id={id}>
      {zones.map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}
