import type { DeadlineTarget } from '@preau/shared';
export type BreachStage = 'warning' | 'breach';

/** The service target a warning or breach is about: each has its own due date and its own notices. */
export type BreachTarget = DeadlineTarget;

/**
 * Who hears about service targets: the holding group and its supervisor before and after a
 * breach, the reporter when a resolved ticket closes itself (with the offer to rate it).
 * Called once per ticket, target and stage, after the sweep's marks are written.
 *
 * The notifications module's `Notifier` is the one in use (server/src/main.ts): the sweep's
 * timeline entries are not dispatched like the others, so these calls are the only notices.
 */
export interface BreachNotifier {
  notifyBreach(ticketId: number, stage: BreachStage, target: BreachTarget): Promise<void>;
  notifyAutoClosed(ticketId: number): Promise<void>;
}
