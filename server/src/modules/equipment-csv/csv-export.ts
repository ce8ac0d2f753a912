import { stringify } from 'csv-stringify/sync';
import type { Equipment, Maintainer } from '@preau/shared';
import type { EquipmentCsvColumn } from '@preau/shared';
import { CSV_COLUMNS } from './csv-columns';
import { formatEuroCents, guardFormula, stripAccents } from './csv-values';

const UTF8_BOM = '\uFEFF';

const money = (cents: number | null) => (cents === null ? '' : formatEuroCents(cents));

const CELLS: Record<EquipmentCsvColumn, (item: Equipment) => string | null> = {
  assetTag: (item) => item.assetTag,
  kind: (item) => item.kind,
  status: (item) => item.status,
  brand: (item) => item.brand,
  model: (item) => item.model,
  serial: (item) => item.serial,
  macAddress: (item) => item.macAddress,
  hostname: (item) => item.hostname,
  uai: (item) => item.school?.uai ?? null,
  school: (item) => item.school?.name ?? null,
  room: (item) => item.room?.name ?? null,
  container: (item) => item.container?.assetTag ?? null,
  purchaseDate: (item) => item.purchaseDate,
  purchasePrice: (item) => money(item.purchasePriceCents),
  supplier: (item) => item.supplier,
  warrantyEndsOn: (item) => item.warrantyEndsOn,
  funding: (item) => item.funding,
  fundingProgramme: (item) => item.fundingProgramme,
  fundingAmount: (item) => money(item.fundingAmountCents),
  maintainer: (item) => maintainerLabel(item.maintainer),
  notes: (item) => item.notes,
};

/** Who maintains an item, in the words of the people reading the spreadsheet. */
export function maintainerLabel(maintainer: Maintainer): string {
  switch (maintainer.party) {
    case 'supplier':
      return `Fournisseur ${maintainer.name} (garantie jusqu'au ${maintainer.warrantyEndsOn})`;
    case 'commune':
      return `Commune : ${maintainer.name}`;
    case 'none':
      return maintainer.reason === 'donation' ? 'Personne (don)' : "Personne (fonds propres de l'école)";
  }
}

/**
 * The equipment as a CSV that French spreadsheets open as is: UTF-8 with a BOM (so Excel
 * keeps the accents), `;` separators (`,` is the decimal mark), CRLF line ends, and codes
 * rather than labels for kinds, statuses and funding, so the file re-imports unchanged.
 */
export function renderEquipmentCsv(items: readonly Equipment[]): Buffer {
  const header = CSV_COLUMNS.map((column) => column.header);
  const rows = items.map((item) => CSV_COLUMNS.map((column) => guardFormula(CELLS[column.field](item) ?? '')));
  const text = stringify([header, ...rows], {
    delimiter: ';',
    record_delimiter: '\r\n',
    // Line breaks inside a note must be quoted too, or the row splits in two.
    quoted_match: /[\r\n]/,
  });
  return Buffer.from(UTF8_BOM + text, 'utf8');
}

/** A name as it can sit in a file name: ASCII, lower case, words joined by dashes ("Saint-Étienne" → "saint-etienne"). */
export function slugify(name: string): string {
  return stripAccents(name)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `equipement-<subject>-<YYYY-MM-DD>.csv`; the subject is a UAI or a slug, so the name stays plain ASCII. */
export function exportFileName(subject: string, day: string): string {
  return `equipement-${subject || 'export'}-${day}.csv`;
}
