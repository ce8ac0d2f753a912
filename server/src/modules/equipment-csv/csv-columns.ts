import type { EquipmentKind, EquipmentStatus, FundingSource } from '@preau/shared';
import type { EquipmentCsvColumn } from '@preau/shared';
import { stripAccents } from './csv-values';

export interface CsvColumn {
  field: EquipmentCsvColumn;
  /** The header the export writes. */
  header: string;
  /** Other headers the import recognises, besides `header` and `field` themselves. */
  aliases: readonly string[];
  /** Exported for reading; an import ignores it. */
  readOnly?: boolean;
}

/** The columns in export order. */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  {
    field: 'assetTag',
    header: "Numéro d'inventaire",
    aliases: ["N° d'inventaire", 'No inventaire', 'Inventaire', 'Numéro inventaire', 'Code inventaire', 'Étiquette', 'N° étiquette', 'Asset tag'],
  },
  { field: 'kind', header: 'Type', aliases: ['Type de matériel', "Type d'équipement", 'Catégorie', 'Nature', 'Matériel'] },
  { field: 'status', header: 'Statut', aliases: ['État', 'Etat du matériel', 'Situation'] },
  { field: 'brand', header: 'Marque', aliases: ['Fabricant', 'Constructeur', 'Manufacturer'] },
  { field: 'model', header: 'Modèle', aliases: ['Référence', 'Modèle / référence'] },
  {
    field: 'serial',
    header: 'N° de série',
    aliases: ['Numéro de série', 'No de série', 'Nº de série', 'N° série', 'Num série', 'Série', 'Serial number', 'Serial no', 'S/N', 'SN'],
  },
  { field: 'macAddress', header: 'Adresse MAC', aliases: ['MAC', 'Adresse physique', 'MAC address'] },
  {
    field: 'hostname',
    header: "Nom d'hôte",
    aliases: ['Nom réseau', 'Nom de la machine', 'Nom du poste', 'Nom NetBIOS', 'Host', 'Host name'],
  },
  { field: 'uai', header: 'UAI', aliases: ['RNE', 'Code UAI', 'UAI / RNE', 'Code RNE', 'Code établissement'] },
  { field: 'school', header: 'École', aliases: ['Établissement', "Nom de l'école", 'School'], readOnly: true },
  { field: 'room', header: 'Salle', aliases: ['Local', 'Pièce', 'Emplacement', 'Room'] },
  {
    field: 'container',
    header: 'Classe mobile',
    aliases: ['Chariot', 'Malle', 'N° classe mobile', 'Classe mobile (n° inventaire)', 'Dans la classe mobile', 'Container'],
  },
  { field: 'purchaseDate', header: "Date d'achat", aliases: ["Date d'acquisition", 'Acheté le', 'Purchase date'] },
  {
    field: 'purchasePrice',
    header: "Prix d'achat (€)",
    aliases: ["Prix d'achat", "Prix d'achat TTC", "Prix d'achat (€ TTC)", 'Prix', 'Prix TTC', 'Coût', 'Purchase price'],
  },
  { field: 'supplier', header: 'Fournisseur', aliases: ['Vendeur', 'Revendeur', 'Titulaire du marché'] },
  {
    field: 'warrantyEndsOn',
    header: 'Fin de garantie',
    aliases: ['Date de fin de garantie', "Garantie jusqu'au", 'Garanti jusqu’au', 'Fin garantie', 'Warranty end'],
  },
  { field: 'funding', header: 'Financement', aliases: ['Source de financement', 'Origine du financement', 'Origine', 'Funding'] },
  {
    field: 'fundingProgramme',
    header: 'Programme de subvention',
    aliases: ['Programme', 'Dispositif', 'Plan de subvention', 'Appel à projets', 'Funding programme'],
  },
  {
    field: 'fundingAmount',
    header: 'Montant de subvention (€)',
    aliases: ['Montant de subvention', 'Montant subventionné', 'Subvention (€)', 'Funding amount'],
  },
  { field: 'maintainer', header: 'Maintenu par', aliases: ['Maintenance', 'Maintainer'], readOnly: true },
  { field: 'notes', header: 'Notes', aliases: ['Remarques', 'Remarque', 'Commentaire', 'Commentaires', 'Observations'] },
];

/**
 * The comparison form of a header or a coded value: accents, case, punctuation and spaces
 * removed, so `N° de série`, `Numero de serie` and `n_de_serie` read alike.
 */
export function normaliseLabel(label: string): string {
  return stripAccents(label)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const COLUMN_BY_LABEL: ReadonlyMap<string, CsvColumn> = new Map(
  CSV_COLUMNS.flatMap((column) => [column.header, column.field, ...column.aliases].map((label) => [normaliseLabel(label), column] as const)),
);

/** The column a header of the file stands for, if Préau knows it. */
export function columnForHeader(header: string): CsvColumn | undefined {
  return COLUMN_BY_LABEL.get(normaliseLabel(header));
}

export const columnOf = (field: EquipmentCsvColumn): CsvColumn => CSV_COLUMNS.find((column) => column.field === field)!;

/** French words for a code, as people type them in a spreadsheet. The code itself is always accepted. */
const KIND_LABELS: Record<EquipmentKind, readonly string[]> = {
  desktop: ['Ordinateur fixe', 'Ordinateur de bureau', 'Poste fixe', 'PC fixe', 'Fixe', 'Unité centrale', 'Ordinateur', 'PC'],
  laptop: ['Portable', 'Ordinateur portable', 'PC portable', 'Notebook'],
  tablet: ['Tablette', 'Tablette numérique', 'iPad'],
  trolley: ['Classe mobile', 'Chariot', 'Malle', 'Valise', 'Classe nomade'],
  projector: ['Vidéoprojecteur', 'Vidéo-projecteur', 'Projecteur', 'VP'],
  interactive_display: [
    'TBI',
    'VPI',
    'TNI',
    'ENI',
    'Tableau blanc interactif',
    'Tableau numérique interactif',
    'Vidéoprojecteur interactif',
    'Écran interactif',
    'Écran numérique interactif',
  ],
  document_camera: ['Visualiseur', 'Caméra document', 'Caméra de documents'],
  copier: ['Copieur', 'Photocopieur', 'Copieur multifonction', 'Multifonction', 'MFP'],
  printer: ['Imprimante'],
  phone: ['Téléphone', 'Téléphone fixe'],
  switch: ['Commutateur', 'Switch réseau'],
  router: ['Routeur', 'Box', 'Box internet'],
  wifi_ap: ['Borne wifi', 'Borne Wi-Fi', "Point d'accès", "Point d'accès wifi", 'Access point', 'AP'],
  firewall: ['Pare-feu', 'Proxy', 'Proxy filtrant', 'Filtrage'],
  server: ['Serveur', 'NAS'],
  other: ['Autre', 'Divers', 'Robot'],
};

const STATUS_LABELS: Record<EquipmentStatus, readonly string[]> = {
  in_service: ['En service', 'En fonctionnement', 'En usage', 'Actif', 'OK'],
  broken: ['En panne', 'Panne', 'Hors service', 'HS', 'Défectueux'],
  in_repair: ['En réparation', 'En maintenance', 'En SAV', 'SAV'],
  in_stock: ['En stock', 'Stock', 'En réserve'],
  retired: ['Réformé', 'Retiré', 'Hors parc', 'Mis au rebut', 'Sorti de l’inventaire', "Sorti de l'inventaire"],
  lost: ['Perdu', 'Volé', 'Perdu ou volé', 'Disparu'],
};

const FUNDING_LABELS: Record<FundingSource, readonly string[]> = {
  commune: ['Commune', 'Ville', 'Mairie', 'Budget communal', 'Fonds communaux', 'Municipalité'],
  state_subsidy: ["Subvention de l'État", 'Subvention État', 'Subvention Etat', 'Subvention', 'État', 'Etat'],
  school_funds: ["Fonds propres", "Fonds propres de l'école", 'École', 'Coopérative scolaire', 'Coopérative', 'OCCE'],
  donation: ['Don', 'Dons', 'Donation'],
};

function codeLookup<C extends string>(labels: Record<C, readonly string[]>): ReadonlyMap<string, C> {
  return new Map(
    (Object.entries(labels) as [C, readonly string[]][]).flatMap(([code, words]) =>
      [code, ...words].map((word) => [normaliseLabel(word), code] as const),
    ),
  );
}

const KINDS = codeLookup(KIND_LABELS);
const STATUSES = codeLookup(STATUS_LABELS);
const FUNDINGS = codeLookup(FUNDING_LABELS);

export const kindOf = (value: string): EquipmentKind | undefined => KINDS.get(normaliseLabel(value));
export const statusOf = (value: string): EquipmentStatus | undefined => STATUSES.get(normaliseLabel(value));
export const fundingOf = (value: string): FundingSource | undefined => FUNDINGS.get(normaliseLabel(value));

/** The words shown when a value is not recognised: each code with its usual French name. */
export const KIND_CHOICES = choices(KIND_LABELS);
export const STATUS_CHOICES = choices(STATUS_LABELS);
export const FUNDING_CHOICES = choices(FUNDING_LABELS);

function choices<C extends string>(labels: Record<C, readonly string[]>): string {
  return (Object.entries(labels) as [C, readonly string[]][]).map(([code, words]) => `${code} (${words[0]})`).join(', ');
}
