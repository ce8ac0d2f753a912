import type { GroupKind, TicketCategory } from '@preau/shared';

// Decisions carry a French sentence for people (the reporter reads it), so the engine needs the
// French words itself rather than leaving them to the client's translations.

export const CATEGORY_LABEL_FR: Readonly<Record<TicketCategory, string>> = {
  hardware: 'Matériel ou système',
  network: 'Réseau',
  internet: 'Accès à internet',
  printing: 'Impression et copieurs',
  software: 'Logiciel pédagogique',
  ent: 'ENT',
  email: 'Messagerie',
  filtering: 'Filtrage',
  account: 'Comptes et identifiants',
  security: 'Sécurité',
  other: 'Autre',
};

export const GROUP_LABEL_FR: Readonly<Record<GroupKind, string>> = {
  circonscription_level1: 'le niveau 1 de la circonscription (ERUN et correspondants numériques)',
  commune_technicians: 'les techniciens de la commune',
  rectorate_desk: "l'assistance du rectorat",
  rectorate_experts: 'les experts du rectorat',
  supplier: 'le fournisseur, au titre de la garantie',
  software_editor: "l'éditeur du logiciel",
  copier_contractor: 'le prestataire de maintenance des copieurs',
};
