/**
 * The incident protocol of DOMAIN.md end to end through the API: one test per default routing
 * rule (a rule added without a test here fails the first test), then what escalation demands.
 */
import { TicketCategory, type TicketCreate, type TicketDetail } from '@preau/shared';
import { describeEachEngine } from '../../../../../test/support/databases';
import { makeOrganisations, makeSchool, type OrgFixture } from '../../../../../test/support/factories';
import { DEFAULT_ROUTING_RULES } from '../../routing/default-rules';
import type { SchoolEntity } from '../../schools/school.entity';
import { rulesInForce } from '../ticket-routing';
import { DAY_MS, act, actOk, fileReport, makeItem, problemOf, ticketApp, ticketRow, type Person, type TicketApp } from './ticket-fixtures';

const RULE = {
  securityReport: 'Sécurité : directement aux techniciens de la commune, direction prévenue',
  notCityFundedReport: 'Matériel non fourni par la ville : enregistré et traité au niveau 1',
  newReport: 'Nouveau signalement : niveau 1 de la circonscription',
  securityEscalation: 'Sécurité diagnostiquée au niveau 1 : techniciens de la commune, direction prévenue',
  notCityFundedEscalation: "Matériel non fourni par la ville : pas d'escalade vers la commune",
  cityCategories: 'Matériel, réseau, internet, impression : techniciens de la commune',
  academicCategories: 'ENT, messagerie, filtrage, comptes, logiciels pédagogiques : assistance du rectorat',
  warranty: 'Panne matérielle sous garantie : fournisseur',
  copier: 'Panne de copieur : prestataire de maintenance des copieurs',
  editor: 'ENT et logiciels pédagogiques : éditeur',
  experts: 'Filtrage et cas experts : experts du rectorat',
} as const;

const DIRECTOR_WARNED = "La direction de l'école est prévenue.";
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

describeEachEngine('ticket protocol: the default routing rules through the API', (db) => {
  let t: TicketApp;
  let org: OrgFixture;
  let school: SchoolEntity;
  let teacher: Person;
  let erun: Person;
  let technician: Person;
  let rectorate: Person;

  beforeAll(async () => {
    const ds = db().dataSource;
    t = await ticketApp(ds);
    org = await makeOrganisations(ds);
    school = await makeSchool(ds, org, 'École élémentaire Les Flamboyants');
    teacher = await t.person('teacher', school.id, 'Enseignante');
    erun = await t.person('erun', org.circonscription.id, 'ERUN de la circonscription');
    technician = await t.person('city_technician', org.commune.id, 'Technicien de la ville');
    rectorate = await t.person('rectorate_agent', org.academy.id, 'Assistance du rectorat');
  });

  const groups = () => ({
    level1: { kind: 'circonscription_level1', organisationId: org.circonscription.id, externalName: null, label: `Niveau 1 — ${org.circonscription.name}` },
    technicians: { kind: 'commune_technicians', organisationId: org.commune.id, externalName: null, label: `Techniciens — ${org.commune.name}` },
    desk: { kind: 'rectorate_desk', organisationId: org.academy.id, externalName: null, label: `Assistance du rectorat — ${org.academy.name}` },
    experts: { kind: 'rectorate_experts', organisationId: org.academy.id, externalName: null, label: `Experts du rectorat — ${org.academy.name}` },
    editor: { kind: 'software_editor', organisationId: org.academy.id, externalName: null, label: `Éditeur — ${org.academy.name}` },
    copiers: { kind: 'copier_contractor', organisationId: org.commune.id, externalName: null, label: `Maintenance des copieurs — ${org.commune.name}` },
  });

  const report = (overrides: Partial<TicketCreate>) => fileReport(teacher.api, school.id, overrides);
  const escalate = (who: Person, id: number, note = 'Diagnostic posé, rien à faire à ce niveau') => actOk(db().dataSource, who.api, id, 'escalate', { note });
  const last = (ticket: TicketDetail) => ticket.timeline.at(-1)!;

  /** A report escalated up to level 3 by the people of each level. */
  async function toLevel3(overrides: Partial<TicketCreate>, level2: Person) {
    const filed = await report(overrides);
    await escalate(erun, filed.id);
    return escalate(level2, filed.id, 'Diagnostic du niveau 2 : à confier aux experts');
  }

  const PROTOCOL: Record<string, () => Promise<void>> = {
    [RULE.securityReport]: async () => {
      const ticket = await report({ category: 'security', title: 'Message de rançon sur le poste de direction', impact: 'whole_school', urgency: 'high' });
      expect(ticket).toMatchObject({
        level: 2,
        status: 'new',
        assignedGroup: groups().technicians,
        routing: { rule: RULE.securityReport, outOfScope: false, directorInformed: true, reason: `Confié au niveau 2 : les techniciens de la commune. ${DIRECTOR_WARNED}` },
      });
      expect(last(ticket)).toMatchObject({ kind: 'routed', rule: RULE.securityReport, to: `Techniciens — ${org.commune.name} (niveau 2)` });
    },

    [RULE.notCityFundedReport]: async () => {
      for (const [funding, kind, category] of [
        ['school_funds', 'laptop', 'hardware'],
        ['donation', 'printer', 'printing'],
      ] as const) {
        const item = await makeItem(t.admin, school.id, { kind, funding });
        const ticket = await report({ category, equipmentId: item.id });
        expect(ticket).toMatchObject({ level: 1, assignedGroup: groups().level1, routing: { rule: RULE.notCityFundedReport, outOfScope: true } });
        expect(ticket.routing.reason).toMatch(/^Ce matériel n'a pas été fourni par la ville : il a été acheté sur les fonds propres de l'école ou reçu en don\./);
        expect(ticket.routing.reason).toContain('Votre signalement est bien enregistré');
        expect(last(ticket)).toMatchObject({ kind: 'routed', rule: RULE.notCityFundedReport, body: ticket.routing.reason });
      }
    },

    [RULE.newReport]: async () => {
      const laptop = await makeItem(t.admin, school.id);
      for (const category of TicketCategory.options.filter((c) => c !== 'security')) {
        const ticket = await report({ category, equipmentId: category === 'hardware' ? laptop.id : null });
        expect({ category, level: ticket.level, group: ticket.assignedGroup, routing: ticket.routing }).toEqual({
          category,
          level: 1,
          group: groups().level1,
          routing: {
            rule: RULE.newReport,
            outOfScope: false,
            directorInformed: false,
            reason: 'Confié au niveau 1 : le niveau 1 de la circonscription (ERUN et correspondants numériques).',
            reasonText: { key: 'routed', params: { level: 1, group: 'circonscription_level1', supplier: null, notifyDirector: false } },
          },
        });
        expect(last(ticket).rule).toBe(RULE.newReport);
      }
    },

    [RULE.securityEscalation]: async () => {
      const filed = await report({ category: 'security', title: 'Clé USB inconnue branchée sur le serveur' });
      // Sent down to level 1 for a first look, then back up.
      const down = await actOk(db().dataSource, technician.api, filed.id, 'deescalate', { note: "À vérifier d'abord avec l'ERUN" });
      expect(down).toMatchObject({ level: 1, assignedGroup: groups().level1 });
      const up = await escalate(erun, filed.id);
      expect(up).toMatchObject({
        level: 2,
        assignedGroup: groups().technicians,
        routing: { rule: RULE.securityEscalation, directorInformed: true, reason: `Confié au niveau 2 : les techniciens de la commune. ${DIRECTOR_WARNED}` },
      });
      // Told once, the director keeps following it through the levels.
      expect(down.routing.directorInformed).toBe(true);
      expect(last(up)).toMatchObject({ kind: 'escalated', rule: RULE.securityEscalation, actor: { id: erun.id } });
    },

    [RULE.notCityFundedEscalation]: async () => {
      for (const funding of ['school_funds', 'donation'] as const) {
        const item = await makeItem(t.admin, school.id, { funding });
        const filed = await report({ category: 'hardware', equipmentId: item.id, title: 'Tablette offerte par les parents en panne' });
        const res = await act(db().dataSource, erun.api, filed.id, 'escalate', { note: "Tablette hors d'usage, écran noir" });
        expect(problemOf(res)).toMatchObject({ status: 422, code: 'ESCALATION_REFUSED' });
        expect(res.body.detail).toMatch(/^Escalade vers les techniciens de la commune refusée : ce matériel a été acheté sur les fonds propres de l'école ou reçu en don/);
        const after = (await erun.api.get(`/api/v1/tickets/${filed.id}`)).body as TicketDetail;
        expect(after).toMatchObject({ level: 1, version: filed.version, assignedGroup: groups().level1, routing: { rule: RULE.notCityFundedReport, outOfScope: true } });
        expect(after.timeline.map((e) => e.kind)).toEqual(['created', 'routed']);
      }
    },

    [RULE.cityCategories]: async () => {
      const laptop = await makeItem(t.admin, school.id);
      for (const category of ['hardware', 'network', 'internet', 'printing'] as const) {
        const filed = await report({ category, equipmentId: category === 'hardware' ? laptop.id : null });
        const ticket = await escalate(erun, filed.id, `Diagnostic ${category} : intervention sur place nécessaire`);
        expect({ category, level: ticket.level, status: ticket.status, group: ticket.assignedGroup, rule: ticket.routing.rule }).toEqual({
          category,
          level: 2,
          status: 'new',
          group: groups().technicians,
          rule: RULE.cityCategories,
        });
        expect(ticket.routing.reason).toBe('Confié au niveau 2 : les techniciens de la commune.');
        expect(last(ticket)).toMatchObject({
          kind: 'escalated',
          rule: RULE.cityCategories,
          body: `Diagnostic ${category} : intervention sur place nécessaire`,
          from: `Niveau 1 — ${org.circonscription.name} (niveau 1)`,
          to: `Techniciens — ${org.commune.name} (niveau 2)`,
        });
      }
    },

    [RULE.academicCategories]: async () => {
      for (const category of ['ent', 'email', 'filtering', 'account', 'software'] as const) {
        const ticket = await escalate(erun, (await report({ category })).id);
        expect({ category, level: ticket.level, group: ticket.assignedGroup, rule: ticket.routing.rule, timeline: last(ticket).rule }).toEqual({
          category,
          level: 2,
          group: groups().desk,
          rule: RULE.academicCategories,
          timeline: RULE.academicCategories,
        });
      }
    },

    [RULE.warranty]: async () => {
      const supplier = 'Dell Technologies';
      // The warranty's last day still counts.
      const covered = await makeItem(t.admin, school.id, { supplier, warrantyEndsOn: isoDay(0), purchaseDate: isoDay(-700) });
      const ticket = await toLevel3({ category: 'hardware', equipmentId: covered.id }, technician);
      expect(ticket).toMatchObject({
        level: 3,
        assignedGroup: { kind: 'supplier', organisationId: org.commune.id, externalName: supplier, label: `Fournisseur — ${supplier}` },
        routing: { rule: RULE.warranty, outOfScope: false, reason: `Confié au niveau 3 : le fournisseur ${supplier}, au titre de la garantie.` },
      });
      expect(last(ticket)).toMatchObject({ kind: 'escalated', rule: RULE.warranty, to: `Fournisseur — ${supplier} (niveau 3)`, actor: { id: technician.id } });

      // The day after, the city's technicians are the last level for that laptop.
      const expired = await makeItem(t.admin, school.id, { supplier, warrantyEndsOn: isoDay(-1) });
      const filed = await report({ category: 'hardware', equipmentId: expired.id });
      await escalate(erun, filed.id);
      const refused = await act(db().dataSource, technician.api, filed.id, 'escalate', { note: 'Carte mère morte, plus sous garantie' });
      expect(problemOf(refused)).toMatchObject({ status: 422, code: 'ESCALATION_REFUSED' });
      expect((await ticketRow(db().dataSource, filed.id)).groupKind).toBe('commune_technicians');
    },

    [RULE.copier]: async () => {
      const copier = await makeItem(t.admin, school.id, { kind: 'copier', supplier: 'Konica Minolta', warrantyEndsOn: isoDay(-30) });
      for (const category of ['printing', 'hardware'] as const) {
        const ticket = await toLevel3({ category, equipmentId: copier.id, title: 'Le copieur affiche C-2557' }, technician);
        expect(ticket).toMatchObject({ level: 3, assignedGroup: groups().copiers, routing: { rule: RULE.copier, reason: 'Confié au niveau 3 : le prestataire de maintenance des copieurs.' } });
        expect(last(ticket).rule).toBe(RULE.copier);
      }
    },

    [RULE.editor]: async () => {
      for (const category of ['ent', 'software'] as const) {
        const ticket = await toLevel3({ category }, rectorate);
        expect({ category, level: ticket.level, group: ticket.assignedGroup, rule: ticket.routing.rule, timeline: last(ticket).rule }).toEqual({
          category,
          level: 3,
          group: groups().editor,
          rule: RULE.editor,
          timeline: RULE.editor,
        });
      }
    },

    [RULE.experts]: async () => {
      for (const category of ['filtering', 'email', 'account'] as const) {
        const ticket = await toLevel3({ category }, rectorate);
        expect({ category, level: ticket.level, group: ticket.assignedGroup, rule: ticket.routing.rule }).toEqual({ category, level: 3, group: groups().experts, rule: RULE.experts });
      }
      // A security report starts at level 2: one step to the experts.
      const security = await report({ category: 'security' });
      const ticket = await escalate(technician, security.id);
      expect(ticket).toMatchObject({ level: 3, assignedGroup: groups().experts, routing: { rule: RULE.experts } });
      expect(last(ticket).rule).toBe(RULE.experts);
    },
  };

  it('has one test per default routing rule, and none for a rule that does not exist', async () => {
    expect(Object.keys(PROTOCOL).sort()).toEqual(DEFAULT_ROUTING_RULES.map((rule) => rule.name).sort());
    // The API routes with the rules in force, which on a fresh database are the defaults.
    const inForce = await rulesInForce(db().dataSource.manager, org.commune.id);
    expect(inForce.map((rule) => rule.name).sort()).toEqual(Object.keys(PROTOCOL).sort());
  });

  it.each(DEFAULT_ROUTING_RULES.map((rule) => [rule.position, rule.name] as const))('rule %i: %s', async (_position, name) => {
    await PROTOCOL[name]!();
  });

  it('asks for the diagnosis before escalating: 422 without a note or with a short one, and nothing moves', async () => {
    const filed = await report({ category: 'network' });
    for (const body of [{}, { note: '' }, { note: 'à voir' }]) {
      const res = await act(db().dataSource, erun.api, filed.id, 'escalate', body);
      expect(problemOf(res)).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['note'] });
    }
    expect(await ticketRow(db().dataSource, filed.id)).toMatchObject({ level: 1, version: 1 });
  });

  it('refuses an escalation no rule provides, and one from the last level, saying why', async () => {
    const other = await report({ category: 'other' });
    const none = await act(db().dataSource, erun.api, other.id, 'escalate', { note: 'Je ne sais pas à qui le confier' });
    expect(problemOf(none)).toMatchObject({ status: 422, code: 'ESCALATION_REFUSED' });
    expect(none.body.detail).toContain("Aucune règle ne prévoit d'escalade depuis le niveau 1 pour un incident « Autre »");

    const top = await toLevel3({ category: 'filtering' }, rectorate);
    const beyond = await act(db().dataSource, rectorate.api, top.id, 'escalate', { note: 'Toujours bloqué par le filtrage' });
    expect(problemOf(beyond)).toMatchObject({ status: 422, code: 'ESCALATION_REFUSED' });
    expect(beyond.body.detail).toBe('Ce ticket est déjà au niveau 3, le dernier : il ne peut pas monter plus haut.');
    expect((await ticketRow(db().dataSource, top.id)).level).toBe(3);
  });

  it('lets only support staff escalate: 403 for the reporter', async () => {
    const filed = await report({ category: 'network' });
    const res = await act(db().dataSource, teacher.api, filed.id, 'escalate', { note: 'Toujours pas de réseau !' });
    expect(problemOf(res)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('shows on each routing entry of the timeline the rule that fired, and keeps the ticket’s routing in step', async () => {
    const laptop = await makeItem(t.admin, school.id, { supplier: 'Lenovo', warrantyEndsOn: isoDay(365) });
    const top = await toLevel3({ category: 'hardware', equipmentId: laptop.id }, technician);
    const down = await actOk(db().dataSource, technician.api, top.id, 'deescalate', { note: 'Le fournisseur renvoie : problème de configuration' });
    expect(down).toMatchObject({ level: 2, assignedGroup: groups().technicians });
    // The ticket says why it is where it is now, not why it once went to the supplier.
    expect(down.routing).toEqual({
      rule: RULE.cityCategories,
      reason: 'Confié au niveau 2 : les techniciens de la commune.',
      reasonText: { key: 'routed', params: { level: 2, group: 'commune_technicians', supplier: null, notifyDirector: false } },
      outOfScope: false,
      directorInformed: false,
    });
    const routing = down.timeline.filter((e) => ['routed', 'escalated', 'deescalated'].includes(e.kind));
    expect(routing.map((e) => [e.kind, e.rule, e.to])).toEqual([
      ['routed', RULE.newReport, `Niveau 1 — ${org.circonscription.name} (niveau 1)`],
      ['escalated', RULE.cityCategories, `Techniciens — ${org.commune.name} (niveau 2)`],
      ['escalated', RULE.warranty, 'Fournisseur — Lenovo (niveau 3)'],
      ['deescalated', RULE.cityCategories, `Techniciens — ${org.commune.name} (niveau 2)`],
    ]);
    expect(down.timeline.filter((e) => e.kind === 'created' || e.kind === 'comment').every((e) => e.rule === null)).toBe(true);
  });
});
