/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads ä and ö right),
 * CRLF line ends, quoting where needed, and a semicolon option for Finnish Excel, which
 * expects `;` because the comma is its decimal separator. A cell that a spreadsheet would
 * run as a formula (=, +, -, @) is prefixed with an apostrophe.
 */
export type Cell = string | number | null | undefined;
export type Separator = ',' | ';';

const BOM = '\uFEFF';

export function csvCell(value: Cell, separator: Separator): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (separator === ';' ? String(value).replace('.', ',') : String(value)) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: Cell[][], separator: Separator = ','): string {
  return BOM + [header, ...rows].map((row) => row.map((c) => csvCell(c, separator)).join(separator)).join('\r\n') + '\r\n';
}
