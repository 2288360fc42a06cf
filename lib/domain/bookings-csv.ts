import { csvField, csvText } from "./heatmap-export.ts";

export interface BookingRow {
  seatLabel: string;
  row: number;
  col: number;
  applicantId: string;
  applicantName: string;
  bookedAt: number;
}

export const BOOKINGS_CSV_HEADER = ["seat", "row", "col", "applicant_id", "applicant_name", "booked_at"] as const;

/**
 * A round's bookings as CSV (RFC 4180, CRLF line ends), one line per booked
 * seat in seat order after a header. Names come from people, so a leading
 * = + - @ is defused like the heatmap export's labels; times are ISO 8601 UTC.
 */
export function bookingsToCsv(rows: readonly BookingRow[]): string {
  const lines = [BOOKINGS_CSV_HEADER.join(",")];
  for (const b of rows) {
    lines.push(
      [
        csvText(b.seatLabel),
        String(b.row + 1),
        String(b.col + 1),
        csvField(b.applicantId),
        csvText(b.applicantName),
        new Date(b.bookedAt).toISOString(),
      ].join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
