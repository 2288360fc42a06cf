import { describe, expect, it } from "vitest";
import { bookingsToCsv } from "./bookings-csv.ts";

describe("bookingsToCsv", () => {
  it("writes a header and one CRLF line per booking, quoting and defusing people's names", () => {
    const csv = bookingsToCsv([
      { seatLabel: "A1", row: 0, col: 0, applicantId: "a1", applicantName: "Ada, L.", bookedAt: Date.UTC(2026, 0, 2) },
      { seatLabel: "B3", row: 1, col: 2, applicantId: "a2", applicantName: "=cmd()", bookedAt: Date.UTC(2026, 0, 3) },
    ]);
    expect(csv).toBe(
      "seat,row,col,applicant_id,applicant_name,booked_at\r\n" +
        'A1,1,1,a1,"Ada, L.",2026-01-02T00:00:00.000Z\r\n' +
        "B3,2,3,a2,'=cmd(),2026-01-03T00:00:00.000Z\r\n",
    );
  });

  it("writes only the header for a round without bookings", () => {
    expect(bookingsToCsv([])).toBe("seat,row,col,applicant_id,applicant_name,booked_at\r\n");
  });
});
