import type { FundingSource } from '@preau/shared';
import type { Random } from './random';

/** A State programme that pays part of what the commune buys. */
export interface StateProgramme {
  name: string;
  /** Share of the price the State pays. */
  rate: number;
}

export const SOCLE_NUMERIQUE: StateProgramme = { name: 'Plan de relance – socle numérique', rate: 0.7 };
export const TERRITOIRES_NUMERIQUES: StateProgramme = { name: 'Territoires numériques éducatifs', rate: 0.8 };
export const CLASSES_MOBILES: StateProgramme = { name: 'Classes mobiles – cofinancement État', rate: 0.5 };

export const STATE_PROGRAMMES: readonly StateProgramme[] = [SOCLE_NUMERIQUE, TERRITOIRES_NUMERIQUES, CLASSES_MOBILES];

/** How classroom computers are paid for, most by the commune. */
export const COMPUTER_FUNDING_MIX: Readonly<Record<FundingSource, number>> = {
  commune: 62,
  state_subsidy: 24,
  school_funds: 8,
  donation: 6,
};

const DONATION_NOTES = [
  "Don de l'association des parents d'élèves",
  "Don d'une entreprise partenaire (matériel reconditionné)",
  'Don de la caisse des écoles',
];

export interface FundingFields {
  funding: FundingSource;
  fundingProgramme: string | null;
  fundingAmountCents: number | null;
}

/** The funding columns of an item; only a State subsidy carries a programme and an amount. */
export function fundingFields(
  source: FundingSource,
  priceCents: number,
  programme: StateProgramme | undefined,
  rng: Random,
): FundingFields {
  if (source !== 'state_subsidy') return { funding: source, fundingProgramme: null, fundingAmountCents: null };
  const chosen = programme ?? rng.pick(STATE_PROGRAMMES);
  return { funding: source, fundingProgramme: chosen.name, fundingAmountCents: Math.round(priceCents * chosen.rate) };
}

/** What a technician would write down about where an item came from; null for the commune's own purchases. */
export function fundingNote(source: FundingSource, rng: Random): string | null {
  if (source === 'donation') return rng.pick(DONATION_NOTES);
  if (source === 'school_funds') return 'Acheté sur les fonds de la coopérative scolaire';
  return null;
}
