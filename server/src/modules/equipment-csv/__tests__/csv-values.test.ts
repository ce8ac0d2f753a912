import { formatEuroCents, guardFormula, parseCsvDate, parseEuroCents, unguardFormula } from '../csv-values';

describe('parseEuroCents', () => {
  it.each([
    ['1234,50', 123450],
    ['1 234,50', 123450],
    ['1\u00a0234,50', 123450],
    ['1\u202f234,50 €', 123450],
    ['1 234,50 €', 123450],
    ['1234.5', 123450],
    ['1.234,50', 123450],
    ['1,234.50', 123450],
    ['1.234.567', 123456700],
    ['549', 54900],
    ['0,05', 5],
    ['12 EUR', 1200],
  ])('reads %s as %i cents', (raw, cents) => {
    expect(parseEuroCents(raw)).toEqual({ ok: true, value: cents });
  });

  it.each(['1.234', '12,345', '-5', 'douze', '1,2,3.4.5', ''])('refuses %s', (raw) => {
    expect(parseEuroCents(raw).ok).toBe(false);
  });
});

describe('formatEuroCents', () => {
  it('writes a decimal comma and no thousands separator', () => {
    expect(formatEuroCents(123450)).toBe('1234,50');
    expect(formatEuroCents(5)).toBe('0,05');
    expect(formatEuroCents(54900)).toBe('549,00');
  });

  it('is read back to the same amount', () => {
    for (const cents of [0, 1, 99, 100, 123456789]) expect(parseEuroCents(formatEuroCents(cents))).toEqual({ ok: true, value: cents });
  });
});

describe('parseCsvDate', () => {
  it.each([
    ['2024-03-01', '2024-03-01'],
    ['01/03/2024', '2024-03-01'],
    ['1/3/2024', '2024-03-01'],
    ['01.03.2024', '2024-03-01'],
    ['29/02/2024', '2024-02-29'],
  ])('reads %s as %s', (raw, iso) => {
    expect(parseCsvDate(raw)).toEqual({ ok: true, value: iso });
  });

  it('refuses a day that does not exist', () => {
    expect(parseCsvDate('31/02/2024')).toEqual({ ok: false, message: 'This day does not exist in the calendar' });
    expect(parseCsvDate('2023-02-29').ok).toBe(false);
  });

  it('refuses other shapes, the US order included when the month is impossible', () => {
    expect(parseCsvDate('03/13/2024').ok).toBe(false);
    expect(parseCsvDate('1er mars 2024').ok).toBe(false);
    expect(parseCsvDate('24-03-01').ok).toBe(false);
  });
});

describe('formula guard', () => {
  it('keeps spreadsheets from running a cell and undoes it on import', () => {
    for (const value of ['=HYPERLINK("http://x")', '+33 1 23', '-écran cassé', '@SUM(A1)']) {
      expect(guardFormula(value)).toBe(`'${value}`);
      expect(unguardFormula(guardFormula(value))).toBe(value);
    }
  });

  it('leaves ordinary text alone both ways', () => {
    expect(guardFormula("Salle d'activités")).toBe("Salle d'activités");
    expect(unguardFormula("'bonjour")).toBe("'bonjour");
  });
});
