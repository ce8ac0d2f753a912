import type { QueryRunner } from 'typeorm';

/**
 * The default routing rules (the support protocol of DOMAIN.md) as migration
 * RoutingRules1796100209456 inserts them, global and enabled: a frozen copy of
 * `DEFAULT_ROUTING_RULES` as it was then, so the migration writes the same rows whenever it runs.
 * Changing the defaults later takes a migration of its own to bring existing databases along
 * (test/ticket-settings compares a freshly migrated database with the code's defaults).
 */
const RULES = [
  {
    name: 'Sécurité : directement aux techniciens de la commune, direction prévenue',
    position: 10,
    trigger: 'report',
    fromLevel: null,
    conditions: { categories: ['security'] },
    action: { kind: 'route', level: 2, group: 'commune_technicians', notifyDirector: true, outOfScope: false },
  },
  {
    name: 'Matériel non fourni par la ville : enregistré et traité au niveau 1',
    position: 20,
    trigger: 'report',
    fromLevel: null,
    conditions: { categories: ['hardware', 'network', 'internet', 'printing'], fundings: ['school_funds', 'donation'] },
    action: { kind: 'route', level: 1, group: 'circonscription_level1', notifyDirector: false, outOfScope: true, message: "Ce matériel n'a pas été fourni par la ville : il a été acheté sur les fonds propres de l'école ou reçu en don. La ville n'entretient que le matériel qu'elle a fourni, ses techniciens ne pourront donc pas intervenir dessus. Votre signalement est bien enregistré et le niveau 1 de la circonscription vous répondra." },
  },
  {
    name: 'Nouveau signalement : niveau 1 de la circonscription',
    position: 30,
    trigger: 'report',
    fromLevel: null,
    conditions: {},
    action: { kind: 'route', level: 1, group: 'circonscription_level1', notifyDirector: false, outOfScope: false },
  },
  {
    name: 'Sécurité diagnostiquée au niveau 1 : techniciens de la commune, direction prévenue',
    position: 110,
    trigger: 'escalate',
    fromLevel: 1,
    conditions: { categories: ['security'] },
    action: { kind: 'route', level: 2, group: 'commune_technicians', notifyDirector: true, outOfScope: false },
  },
  {
    name: "Matériel non fourni par la ville : pas d'escalade vers la commune",
    position: 120,
    trigger: 'escalate',
    fromLevel: 1,
    conditions: { categories: ['hardware', 'network', 'internet', 'printing'], fundings: ['school_funds', 'donation'] },
    action: { kind: 'refuse', message: "Escalade vers les techniciens de la commune refusée : ce matériel a été acheté sur les fonds propres de l'école ou reçu en don, et la ville n'entretient que le matériel qu'elle a fourni. Le niveau 1 de la circonscription reste chargé de répondre à l'école.", outOfScope: true },
  },
  {
    name: 'Matériel, réseau, internet, impression : techniciens de la commune',
    position: 130,
    trigger: 'escalate',
    fromLevel: 1,
    conditions: { categories: ['hardware', 'network', 'internet', 'printing'] },
    action: { kind: 'route', level: 2, group: 'commune_technicians', notifyDirector: false, outOfScope: false },
  },
  {
    name: 'ENT, messagerie, filtrage, comptes, logiciels pédagogiques : assistance du rectorat',
    position: 140,
    trigger: 'escalate',
    fromLevel: 1,
    conditions: { categories: ['ent', 'email', 'filtering', 'account', 'software'] },
    action: { kind: 'route', level: 2, group: 'rectorate_desk', notifyDirector: false, outOfScope: false },
  },
  {
    name: 'Panne matérielle sous garantie : fournisseur',
    position: 210,
    trigger: 'escalate',
    fromLevel: 2,
    conditions: { categories: ['hardware', 'printing'], underWarranty: true },
    action: { kind: 'route', level: 3, group: 'supplier', notifyDirector: false, outOfScope: false },
  },
  {
    name: 'Panne de copieur : prestataire de maintenance des copieurs',
    position: 220,
    trigger: 'escalate',
    fromLevel: 2,
    conditions: { categories: ['hardware', 'printing'], kinds: ['copier'] },
    action: { kind: 'route', level: 3, group: 'copier_contractor', notifyDirector: false, outOfScope: false },
  },
  {
    name: 'ENT et logiciels pédagogiques : éditeur',
    position: 230,
    trigger: 'escalate',
    fromLevel: 2,
    conditions: { categories: ['ent', 'software'] },
    action: { kind: 'route', level: 3, group: 'software_editor', notifyDirector: false, outOfScope: false },
  },
  {
    name: 'Filtrage et cas experts : experts du rectorat',
    position: 240,
    trigger: 'escalate',
    fromLevel: 2,
    conditions: { categories: ['filtering', 'email', 'account', 'security'] },
    action: { kind: 'route', level: 3, group: 'rectorate_experts', notifyDirector: false, outOfScope: false },
  },
];

export async function insertDefaultRoutingRules(queryRunner: QueryRunner): Promise<void> {
  // `trigger` is a reserved word on both engines: every identifier is quoted the engine's way.
  const { driver } = queryRunner.connection;
  const columns = ['name', 'position', 'trigger', 'from_level', 'conditions', 'action', 'enabled', 'commune_id', 'version'];
  const sql = `INSERT INTO ${driver.escape('routing_rule')} (${columns.map((c) => driver.escape(c)).join(', ')}) VALUES (?, ?, ?, ?, ?, ?, 1, NULL, 1)`;
  for (const rule of RULES) {
    await queryRunner.query(sql, [rule.name, rule.position, rule.trigger, rule.fromLevel, JSON.stringify(rule.conditions), JSON.stringify(rule.action)]);
  }
}
