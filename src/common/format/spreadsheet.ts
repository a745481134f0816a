/** Cells of the CSV and XLSX files the portal exports (rosters, the tables' board, programs). */

/** API.md: cells starting with `= + - @`, tab or CR are exported with a leading `'`. */
export function protectCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvLine(cells: (string | null | undefined)[]): string {
  return (
    cells
      .map((c) => {
        const v = protectCell(c ?? '');
        return /[",\r\n;]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
      })
      .join(',') + '\r\n'
  );
}
