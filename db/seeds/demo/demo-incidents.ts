import type { DataSource } from 'typeorm';
import type { EquipmentKind, FundingSource, Impact, TicketCategory, TicketDetail, Urgency } from '@preau/shared';
import type { Actor } from '../../../server/src/http/actor';
import type { Services } from '../../../server/src/app';
import { principalOfUser } from '../../../server/src/modules/auth/load-principal';
import type { Principal } from '../../../server/src/modules/auth/principal';
import { UserAccountEntity } from '../../../server/src/modules/accounts/user-account.entity';
import { EquipmentEntity } from '../../../server/src/modules/equipment/equipment.entity';
import { SchoolEntity } from '../../../server/src/modules/schools/school.entity';
import { DEMO_ACCOUNTS, type DemoUsername as DemoUser } from './demo-accounts';

/** The item a report is about, found in the demo fleet by what matters to the routing. */
interface ItemPick {
  kind: EquipmentKind;
  funding?: readonly FundingSource[];
  /** Under the supplier's warranty today, or past it. */
  warranty?: 'running' | 'expired';
  room?: string;
}

type DemoStep =
  | { by: DemoUser; escalate: string }
  | { by: DemoUser; take: true }
  | { by: DemoUser; status: 'in_progress' | 'waiting'; note?: string }
  | { by: DemoUser; comment: string; internal?: boolean }
  | { by: DemoUser; resolve: string }
  | { by: DemoUser; close: { rating: number; comment: string } };

export interface DemoIncident {
  by: DemoUser;
  /** The demo accounts' school, or another school of the same circonscription (reported by phone to the ERUN). */
  school: 'accounts' | 'neighbour';
  item: ItemPick | null;
  category: TicketCategory;
  title: string;
  description: string;
  impact: Impact;
  urgency: Urgency;
  availability?: string;
  /** What support did since, played in order through the same services as the API. */
  then: DemoStep[];
}

const COMMUNE_FUNDED: readonly FundingSource[] = ['commune', 'state_subsidy'];

/**
 * The demo's incidents: one of each situation the protocol knows, so that every screen has
 * something to show on a first start. Written as people write them, in French.
 */
export const DEMO_INCIDENTS: readonly DemoIncident[] = [
  {
    by: 'enseignant',
    school: 'accounts',
    item: { kind: 'projector', funding: COMMUNE_FUNDED, room: 'Classe CM2 A' },
    category: 'hardware',
    title: 'Le vidéoprojecteur ne s’allume plus',
    description: 'Le voyant clignote en orange puis s’éteint. Rien ne s’affiche au tableau depuis ce matin.',
    impact: 'one_class',
    urgency: 'high',
    availability: 'Le mercredi matin, ou après 16 h les autres jours.',
    then: [],
  },
  {
    by: 'directeur',
    school: 'accounts',
    item: null,
    category: 'internet',
    title: 'Plus d’internet dans toute l’école',
    description: 'Aucun poste ni aucune tablette n’accède à internet depuis lundi. Le réseau interne fonctionne.',
    impact: 'whole_school',
    urgency: 'high',
    then: [
      { by: 'erun', take: true },
      {
        by: 'erun',
        escalate: 'Vérifié à distance avec la directrice : la box répond, mais le routeur de l’école n’obtient plus d’adresse. Probable panne du lien ou du routeur : à voir sur place.',
      },
      { by: 'technicien', take: true },
      { by: 'technicien', status: 'in_progress', note: 'Passage prévu demain matin avec un routeur de remplacement.' },
    ],
  },
  {
    by: 'directeur',
    school: 'accounts',
    item: { kind: 'trolley' },
    category: 'security',
    title: 'Deux tablettes volées dans la classe mobile',
    description: 'La classe mobile était fermée à clé dans la BCD ; deux emplacements sont vides ce matin. Une plainte est déposée.',
    impact: 'whole_school',
    urgency: 'low',
    then: [],
  },
  {
    by: 'enseignant',
    school: 'accounts',
    item: { kind: 'copier', funding: COMMUNE_FUNDED, room: 'Salle des maîtres' },
    category: 'printing',
    title: 'Le copieur affiche un bourrage papier',
    description: 'Message « bourrage zone B » alors qu’il n’y a pas de papier coincé.',
    impact: 'whole_school',
    urgency: 'low',
    then: [
      { by: 'erun', take: true },
      {
        by: 'erun',
        status: 'waiting',
        note: 'Pouvez-vous m’envoyer une photo de l’écran du copieur et me dire si le message revient après l’avoir éteint et rallumé ?',
      },
    ],
  },
  {
    by: 'enseignant',
    school: 'accounts',
    item: null,
    category: 'ent',
    title: 'Impossible de me connecter à l’ENT',
    description: 'Le site dit que mon identifiant est inconnu depuis la rentrée, alors qu’il marchait en juin.',
    impact: 'one_person',
    urgency: 'low',
    then: [
      {
        by: 'erun',
        escalate: 'Compte ENT de l’enseignante introuvable dans l’annuaire depuis la bascule de rentrée ; rien à faire côté école.',
      },
    ],
  },
  {
    by: 'enseignant',
    school: 'accounts',
    item: { kind: 'laptop', funding: ['donation', 'school_funds'] },
    category: 'hardware',
    title: 'Le portable de la classe ne charge plus',
    description: 'Le voyant de charge ne s’allume plus, même avec un autre chargeur.',
    impact: 'one_class',
    urgency: 'low',
    then: [
      {
        by: 'erun',
        comment: 'Je passe voir le portable jeudi. S’il faut le réparer, ce sera à la charge de l’école : la mairie n’entretient pas ce matériel.',
      },
    ],
  },
  {
    by: 'enseignant',
    school: 'accounts',
    item: { kind: 'desktop', funding: ['commune'], warranty: 'running', room: 'Classe CM1 A' },
    category: 'hardware',
    title: 'L’ordinateur de la classe s’éteint tout seul',
    description: 'Il s’éteint sans prévenir au bout de dix minutes environ, même sans rien ouvrir.',
    impact: 'one_class',
    urgency: 'high',
    then: [
      { by: 'erun', escalate: 'Reproduit sur place : arrêt net après 8 à 12 minutes, ventilateur très bruyant. Panne matérielle probable.' },
      { by: 'technicien', take: true },
      {
        by: 'technicien',
        escalate: 'Alimentation défaillante, confirmé au banc de test. Poste sous garantie : intervention du fournisseur demandée.',
      },
    ],
  },
  {
    by: 'erun',
    school: 'neighbour',
    item: { kind: 'wifi_ap', funding: COMMUNE_FUNDED },
    category: 'network',
    title: 'Borne wifi éteinte',
    description: 'Signalé par téléphone par la directrice : la borne n’a plus de voyant, les tablettes ne captent plus le wifi à cet endroit.',
    impact: 'one_class',
    urgency: 'high',
    then: [],
  },
  {
    by: 'enseignant',
    school: 'accounts',
    item: null,
    category: 'email',
    title: 'Je ne reçois plus les messages de la circonscription',
    description: 'Ma boîte académique ne reçoit plus les messages de la liste de diffusion de la circonscription.',
    impact: 'one_person',
    urgency: 'low',
    then: [
      { by: 'erun', take: true },
      { by: 'erun', resolve: 'Vous aviez été retirée de la liste par erreur lors de sa mise à jour ; c’est corrigé, le prochain message vous parviendra.' },
    ],
  },
  {
    by: 'directeur',
    school: 'accounts',
    item: { kind: 'desktop', funding: COMMUNE_FUNDED, room: 'Direction' },
    category: 'software',
    title: 'Ordinateur de la direction très lent au démarrage',
    description: 'Il faut près de dix minutes avant de pouvoir ouvrir ONDE.',
    impact: 'one_person',
    urgency: 'low',
    then: [
      { by: 'erun', take: true },
      { by: 'erun', comment: 'Trois logiciels se lançaient au démarrage et une mise à jour était bloquée : je m’en occupe.', internal: false },
      { by: 'erun', resolve: 'Mise à jour terminée et démarrage allégé : le poste est prêt en moins d’une minute.' },
      { by: 'directeur', close: { rating: 5, comment: 'Rapide et efficace, merci !' } },
    ],
  },
];

/**
 * Plays `DEMO_INCIDENTS` through the ticket services, as the demo accounts, so that routing,
 * service targets, timelines, the equipment's status and notifications are the real ones.
 * Returns the number of incidents filed. Runs after `loadDemo`, on its freshly loaded fleet.
 */
export async function fileDemoIncidents(dataSource: DataSource, services: Pick<Services, 'tickets' | 'ticketWorkflow'>, today: string): Promise<number> {
  const people = await demoPeople(dataSource);
  const schools = await demoSchools(dataSource, people.enseignant);
  for (const incident of DEMO_INCIDENTS) {
    const schoolId = schools[incident.school];
    const item = incident.item ? await pickItem(dataSource, schoolId, incident.item, today) : null;
    const { by, then, school: _school, item: _item, ...report } = incident;
    const filed = await services.tickets.create(people[by], { ...report, schoolId, equipmentId: item?.id ?? null }, actorOf(people[by]), null);
    let ticket = filed.ticket;
    for (const step of then) ticket = await play(services, people[step.by], ticket, step);
  }
  return DEMO_INCIDENTS.length;
}

function play(services: Pick<Services, 'ticketWorkflow'>, principal: Principal, ticket: TicketDetail, step: DemoStep): Promise<TicketDetail> {
  const workflow = services.ticketWorkflow;
  const actor = actorOf(principal);
  const { id, version } = ticket;
  if ('escalate' in step) return workflow.escalate(principal, id, { version, note: step.escalate }, actor);
  if ('take' in step) return workflow.assign(principal, id, { version, assigneeId: principal.userId }, actor);
  if ('status' in step) return workflow.changeStatus(principal, id, { version, status: step.status, note: step.note }, actor);
  if ('comment' in step) return workflow.comment(principal, id, { body: step.comment, internal: step.internal ?? false }, actor);
  if ('resolve' in step) return workflow.resolve(principal, id, { version, resolution: step.resolve }, actor);
  return workflow.close(principal, id, { version, ...step.close }, actor);
}

const actorOf = (principal: Principal): Actor => ({ userId: principal.userId, label: principal.username, ip: null });

async function demoPeople(dataSource: DataSource): Promise<Record<DemoUser, Principal>> {
  const entries = await Promise.all(
    DEMO_ACCOUNTS.map(async ({ username }) => {
      const user = await dataSource.getRepository(UserAccountEntity).findOneBy({ username, demo: true });
      const principal = await principalOfUser(dataSource, user, 'session');
      if (!principal) throw new Error(`The demo account ${username} is missing or disabled: load the demo first`);
      return [username, principal] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<DemoUser, Principal>;
}

/** The demo accounts' school (the teacher's), and the next school of its circonscription. */
async function demoSchools(dataSource: DataSource, teacher: Principal): Promise<Record<DemoIncident['school'], number>> {
  const accounts = teacher.memberships[0]!.organisationId!;
  const school = await dataSource.getRepository(SchoolEntity).findOneByOrFail({ id: accounts });
  const neighbour = await dataSource
    .getRepository(SchoolEntity)
    .createQueryBuilder('s')
    .where('s.circonscriptionId = :circonscriptionId AND s.id <> :id', { circonscriptionId: school.circonscriptionId, id: school.id })
    .orderBy('s.uai')
    .getOne();
  if (!neighbour) throw new Error(`No other school in the circonscription of ${school.name}`);
  return { accounts: school.id, neighbour: neighbour.id };
}

async function pickItem(dataSource: DataSource, schoolId: number, pick: ItemPick, today: string): Promise<EquipmentEntity> {
  const query = dataSource
    .getRepository(EquipmentEntity)
    .createQueryBuilder('e')
    .leftJoin('e.room', 'r')
    .where('e.schoolId = :schoolId AND e.kind = :kind AND e.status = :status', { schoolId, kind: pick.kind, status: 'in_service' })
    .orderBy('e.assetTag');
  if (pick.funding) query.andWhere('e.funding IN (:...funding)', { funding: pick.funding });
  if (pick.warranty === 'running') query.andWhere('e.warrantyEndsOn >= :today', { today });
  if (pick.warranty === 'expired') query.andWhere('e.warrantyEndsOn < :today', { today });
  if (pick.room) query.andWhere('r.name = :room', { room: pick.room });
  const item = await query.getOne();
  if (!item) throw new Error(`The demo school ${schoolId} has no ${JSON.stringify(pick)}`);
  return item;
}
