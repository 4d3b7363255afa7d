import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('CSV export', () => {
  it('starts with a BOM, ends lines with CRLF and quotes what needs quoting', () => {
    const csv = toCsv(['Nimi', 'Kylä'], [['Aino "Ansku" K.', 'Kylmälä, Pudasjärvi'], ['Eero', null]]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('Nimi,Kylä\r\n"Aino ""Ansku"" K.","Kylmälä, Pudasjärvi"\r\nEero,\r\n');
  });

  it('uses semicolons and decimal commas for Finnish Excel', () => {
    expect(toCsv(['a', 'b'], [[1.5, 'x;y']], ';').slice(1)).toBe('a;b\r\n1,5;"x;y"\r\n');
  });

  it('never lets a cell run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")', ',')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+358 40 123', ',')).toBe("'+358 40 123");
    expect(csvCell(-5, ',')).toBe('-5');
  });
});
