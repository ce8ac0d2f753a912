import type { EquipmentKind, EquipmentStatus, FundingSource } from '@preau/shared';
import { type CatalogueModel, modelsOf } from './catalogue';
import type { SeedItem } from './dataset';
import { addDays, addYears } from './dates';
import { type StateProgramme, fundingFields, fundingNote } from './funding';
import type { Random } from './random';

export type WarrantyState = 'under' | 'past';

/** Where an item is: its commune (and the prefix of its asset tags), school, room and trolley. */
export interface Placement {
  communeInseeCode: string;
  assetTagPrefix: string;
  schoolUai: string | null;
  roomName: string | null;
  containerAssetTag?: string | null;
}

export interface ItemSpec {
  kind: EquipmentKind;
  placement: Placement;
  /** Drawn from the catalogue when absent. */
  model?: CatalogueModel;
  /** Drawn from STATUS_MIX when absent. */
  status?: EquipmentStatus;
  funding: FundingSource;
  programme?: StateProgramme;
  /** Forces the purchase date so the warranty has (or has not) run out on `today`. */
  warranty?: WarrantyState;
  /** Items bought together (a trolley and its contents) share a purchase date. */
  purchaseDate?: string;
  hostname?: string | null;
}

/** Mostly in service, as in a real fleet; a few broken, away for repair, spare, retired or lost. */
export const STATUS_MIX: Readonly<Record<EquipmentStatus, number>> = {
  in_service: 86,
  broken: 4,
  in_repair: 3,
  in_stock: 4.5,
  retired: 2,
  lost: 0.5,
};

const STATUS_NOTES: Partial<Record<EquipmentStatus, readonly string[]>> = {
  broken: ['Ne démarre plus', 'Écran fissuré', 'Batterie hors service', 'Surchauffe puis extinction', 'Carte réseau défaillante'],
  in_repair: ['Envoyé en réparation chez le fournisseur', 'En atelier au service informatique de la ville'],
  in_stock: ['Poste de remplacement en réserve'],
  retired: ['Réformé : obsolète', 'Réformé : réparation plus chère que le remplacement'],
  lost: ["Non retrouvé lors de l'inventaire annuel"],
};

const DAYS_PER_YEAR = 365;
const DAYS_PER_MONTH = 30;
const MARGIN_DAYS = 30;

/**
 * Makes believable items one at a time. It owns the counters that keep asset tags unique
 * per commune and serials and MAC addresses unique overall, so one factory builds one dataset.
 */
export class ItemFactory {
  private readonly nextTagNumber = new Map<string, number>();
  private readonly serials = new Set<string>();
  private readonly macs = new Set<string>();

  constructor(
    private readonly rng: Random,
    /** The day warranty states are judged against (YYYY-MM-DD). */
    private readonly today: string,
  ) {}

  item(spec: ItemSpec): SeedItem {
    const model = spec.model ?? this.pickModel(spec.kind, spec.warranty);
    const drawn = spec.status ?? this.rng.weighted(STATUS_MIX);
    // A retired or lost trolley cannot hold items in service (the app refuses it): trolleys stay in use.
    const status = spec.kind === 'trolley' && (drawn === 'retired' || drawn === 'lost') ? 'in_service' : drawn;
    const purchaseDate = spec.purchaseDate ?? this.purchaseDateFor(model, spec.warranty);
    const priceCents = this.rng.int(model.priceEuros[0], model.priceEuros[1]) * 100;
    const statusNotes = STATUS_NOTES[status];
    return {
      kind: model.kind,
      status,
      assetTag: this.nextAssetTag(spec.placement),
      brand: model.brand,
      model: model.model,
      serial: this.uniqueSerial(model.serialPattern),
      macAddress: model.macPrefix ? this.uniqueMac(model.macPrefix) : null,
      hostname: spec.hostname ?? null,
      communeInseeCode: spec.placement.communeInseeCode,
      schoolUai: spec.placement.schoolUai,
      roomName: spec.placement.roomName,
      containerAssetTag: spec.placement.containerAssetTag ?? null,
      purchaseDate,
      purchasePriceCents: priceCents,
      supplier: model.supplier,
      warrantyEndsOn: addYears(purchaseDate, model.warrantyYears),
      ...fundingFields(spec.funding, priceCents, spec.programme, this.rng),
      notes: statusNotes ? this.rng.pick(statusNotes) : fundingNote(spec.funding, this.rng),
    };
  }

  /** A model of the kind that can be in the requested warranty state at a believable age. */
  pickModel(kind: EquipmentKind, warranty?: WarrantyState): CatalogueModel {
    const models = modelsOf(kind);
    const fitting = models.filter((m) => {
      const [min, max] = this.ageRange(m, warranty);
      return min <= max;
    });
    return this.rng.pick(fitting.length > 0 ? fitting : models);
  }

  /** A believable purchase date for a unit of the model, in the requested warranty state on `today`. */
  purchaseDateFor(model: CatalogueModel, warranty?: WarrantyState): string {
    const [min, max] = this.ageRange(model, warranty);
    return addDays(this.today, -this.rng.int(min, Math.max(min, max)));
  }

  private ageRange(model: CatalogueModel, warranty?: WarrantyState): [number, number] {
    const youngest = model.ageMonths[0] * DAYS_PER_MONTH;
    const oldest = model.ageMonths[1] * DAYS_PER_MONTH;
    const warrantyDays = model.warrantyYears * DAYS_PER_YEAR;
    if (warranty === 'under') return [youngest, Math.min(oldest, warrantyDays - MARGIN_DAYS)];
    if (warranty === 'past') return [Math.max(youngest, warrantyDays + MARGIN_DAYS), oldest];
    return [youngest, oldest];
  }

  private nextAssetTag(placement: Placement): string {
    const key = `${placement.communeInseeCode}:${placement.assetTagPrefix}`;
    const number = (this.nextTagNumber.get(key) ?? 0) + 1;
    this.nextTagNumber.set(key, number);
    return `${placement.assetTagPrefix}-${String(number).padStart(6, '0')}`;
  }

  private uniqueSerial(pattern: string): string {
    for (;;) {
      const serial = fillPattern(pattern, this.rng);
      if (!this.serials.has(serial)) {
        this.serials.add(serial);
        return serial;
      }
    }
  }

  private uniqueMac(prefix: string): string {
    for (;;) {
      const suffix = [0, 0, 0].map(() => this.rng.int(0, 255).toString(16).toUpperCase().padStart(2, '0'));
      const mac = `${prefix}:${suffix.join(':')}`;
      if (!this.macs.has(mac)) {
        this.macs.add(mac);
        return mac;
      }
    }
  }
}

const DIGITS = [...'0123456789'];
const LETTERS = [...'ABCDEFGHJKLMNPQRSTUVWXYZ'];
const ALPHANUMERICS = [...DIGITS, ...LETTERS];

function fillPattern(pattern: string, rng: Random): string {
  let out = '';
  for (const symbol of pattern) {
    if (symbol === '#') out += rng.pick(DIGITS);
    else if (symbol === '@') out += rng.pick(LETTERS);
    else if (symbol === '*') out += rng.pick(ALPHANUMERICS);
    else out += symbol;
  }
  return out;
}
