export type BreachStage = 'warning' | 'breach';

/**
 * Who hears about service targets: the holding group and its supervisor before and after a
 * breach, the reporter when a resolved ticket closes itself (with the offer to rate it).
 * Called once per ticket and stage, after the sweep's marks are written.
 */
export interface BreachNotifier {
  notifyBreach(ticketId: number, stage: BreachStage): Promise<void>;
  notifyAutoClosed(ticketId: number): Promise<void>;
}

/**
 * The notifications module's `Notifier` as the sweep uses it. It tells of an auto-close by
 * itself: the `closed` timeline entry reaches the reporter like any other, on `ticket:updated`.
 */
export function breachNotifierOf(notifier: Pick<BreachNotifier, 'notifyBreach'>): BreachNotifier {
  return {
    notifyBreach: (ticketId, stage) => notifier.notifyBreach(ticketId, stage),
    notifyAutoClosed: async () => undefined,
  };
}
