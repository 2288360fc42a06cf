/** Seat labels for a rows x cols layout: row letters (A..Z, AA..) then column numbers, e.g. "B7". */
export function seatLabel(row: number, col: number): string {
  let letters = "";
  let n = row;
  do {
    letters = String.fromCharCode(65 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `${letters}${col + 1}`;
}

export function gridLayout(rows: number, cols: number): { row: number; col: number; label: string }[] {
  const seats: { row: number; col: number; label: string }[] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) seats.push({ row, col, label: seatLabel(row, col) });
  }
  return seats;
}
