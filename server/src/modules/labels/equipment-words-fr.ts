import type { EquipmentKind, EquipmentStatus } from '@preau/shared';

// Labels and e-mails are printed or sent by the server, in French, so it needs the words itself
// (the client has its own, translated, in its locale files: these match `equipmentKind` there).

export const KIND_LABEL_FR: Readonly<Record<EquipmentKind, string>> = {
  desktop: 'Ordinateur fixe',
  laptop: 'Ordinateur portable',
  tablet: 'Tablette',
  trolley: 'Classe mobile',
  projector: 'Vidéoprojecteur',
  interactive_display: 'Tableau ou écran interactif',
  document_camera: 'Visualiseur',
  copier: 'Copieur multifonction',
  printer: 'Imprimante',
  phone: 'Téléphone',
  switch: 'Commutateur réseau',
  router: 'Routeur',
  wifi_ap: 'Borne wifi',
  firewall: 'Pare-feu ou proxy filtrant',
  server: 'Serveur ou NAS',
  other: 'Autre matériel',
};

export const STATUS_LABEL_FR: Readonly<Record<EquipmentStatus, string>> = {
  in_service: 'en service',
  broken: 'en panne',
  in_repair: 'en réparation',
  in_stock: 'en stock',
  retired: 'réformé',
  lost: 'perdu ou volé',
};
