import type { EquipmentKind } from '@preau/shared';

/** A product a commune buys, with what it takes to invent a believable unit of it. */
export interface CatalogueModel {
  kind: EquipmentKind;
  brand: string;
  model: string;
  priceEuros: readonly [min: number, max: number];
  /** Who repairs it under warranty (manufacturer, public buying agency or integrator). */
  supplier: string;
  warrantyYears: number;
  /** How old units in service are, in months: a model sold since 2023 is not seven years old. */
  ageMonths: readonly [min: number, max: number];
  /** `#` a digit, `@` a letter, `*` a digit or letter, anything else is kept as is. */
  serialPattern: string;
  /** First three bytes of the MAC address; null for kinds that are not on the network. */
  macPrefix: string | null;
}

const model = (m: CatalogueModel): CatalogueModel => m;

export const CATALOGUE: readonly CatalogueModel[] = [
  // Desktops
  model({ kind: 'desktop', brand: 'HP', model: 'ProDesk 400 G9 SFF', priceEuros: [690, 820], supplier: 'UGAP', warrantyYears: 5, ageMonths: [4, 36], serialPattern: 'CZC###****', macPrefix: '64:4E:D7' }),
  model({ kind: 'desktop', brand: 'Dell', model: 'OptiPlex 7010 SFF', priceEuros: [720, 880], supplier: 'Dell Technologies', warrantyYears: 5, ageMonths: [10, 40], serialPattern: '*******', macPrefix: 'D4:81:D7' }),
  model({ kind: 'desktop', brand: 'Lenovo', model: 'ThinkCentre M70q Gen 3', priceEuros: [640, 760], supplier: 'Lenovo France', warrantyYears: 3, ageMonths: [18, 48], serialPattern: 'MJ0*****', macPrefix: '98:FA:9B' }),
  model({ kind: 'desktop', brand: 'HP', model: 'EliteDesk 800 G4 SFF', priceEuros: [780, 950], supplier: 'UGAP', warrantyYears: 3, ageMonths: [54, 96], serialPattern: 'CZC8##****', macPrefix: '3C:52:82' }),
  model({ kind: 'desktop', brand: 'Dell', model: 'OptiPlex 3050 MT', priceEuros: [560, 690], supplier: 'Dell Technologies', warrantyYears: 3, ageMonths: [72, 108], serialPattern: '*******', macPrefix: '18:DB:F2' }),
  // Laptops
  model({ kind: 'laptop', brand: 'Dell', model: 'Latitude 5440', priceEuros: [980, 1240], supplier: 'Dell Technologies', warrantyYears: 3, ageMonths: [2, 30], serialPattern: '*******', macPrefix: 'D4:81:D7' }),
  model({ kind: 'laptop', brand: 'Lenovo', model: 'ThinkPad E14 Gen 5', priceEuros: [840, 1020], supplier: 'Lenovo France', warrantyYears: 3, ageMonths: [4, 30], serialPattern: 'PF4*****', macPrefix: '54:EE:75' }),
  model({ kind: 'laptop', brand: 'HP', model: 'ProBook 450 G10', priceEuros: [870, 1060], supplier: 'UGAP', warrantyYears: 3, ageMonths: [2, 26], serialPattern: '5CD###****', macPrefix: '64:4E:D7' }),
  model({ kind: 'laptop', brand: 'Lenovo', model: 'ThinkPad L13 Gen 2', priceEuros: [890, 1080], supplier: 'Lenovo France', warrantyYears: 3, ageMonths: [30, 64], serialPattern: 'PF2*****', macPrefix: '8C:16:45' }),
  model({ kind: 'laptop', brand: 'Dell', model: 'Latitude 3510', priceEuros: [720, 890], supplier: 'Dell Technologies', warrantyYears: 3, ageMonths: [42, 80], serialPattern: '*******', macPrefix: '18:DB:F2' }),
  // Tablets
  model({ kind: 'tablet', brand: 'Apple', model: 'iPad 10.9 (10e génération)', priceEuros: [409, 469], supplier: 'UGAP', warrantyYears: 2, ageMonths: [3, 34], serialPattern: '@@@*******', macPrefix: 'F0:18:98' }),
  model({ kind: 'tablet', brand: 'Samsung', model: 'Galaxy Tab A9+', priceEuros: [229, 279], supplier: 'Samsung Electronics France', warrantyYears: 2, ageMonths: [4, 28], serialPattern: 'R9T@*******', macPrefix: '8C:71:F8' }),
  model({ kind: 'tablet', brand: 'Apple', model: 'iPad 10.2 (9e génération)', priceEuros: [359, 399], supplier: 'UGAP', warrantyYears: 2, ageMonths: [28, 60], serialPattern: '@@@*******', macPrefix: 'A4:83:E7' }),
  model({ kind: 'tablet', brand: 'Lenovo', model: 'Tab M10 (3e génération)', priceEuros: [169, 209], supplier: 'Lenovo France', warrantyYears: 2, ageMonths: [24, 54], serialPattern: 'HA1*****', macPrefix: '98:FA:9B' }),
  // Mobile classes
  model({ kind: 'trolley', brand: 'Bretford', model: 'CUBE Cart 16', priceEuros: [1390, 1690], supplier: 'UGAP', warrantyYears: 5, ageMonths: [3, 60], serialPattern: 'BCC###-####', macPrefix: null }),
  model({ kind: 'trolley', brand: 'LocknCharge', model: 'Carrier 15 Cart', priceEuros: [1190, 1450], supplier: 'Manutan Collectivités', warrantyYears: 5, ageMonths: [3, 60], serialPattern: 'LC15-######', macPrefix: null }),
  // Projectors and document cameras
  model({ kind: 'projector', brand: 'Epson', model: 'EB-W51', priceEuros: [520, 640], supplier: 'Epson France', warrantyYears: 3, ageMonths: [3, 40], serialPattern: 'X5N@#######', macPrefix: null }),
  model({ kind: 'projector', brand: 'Epson', model: 'EB-695Wi', priceEuros: [1350, 1650], supplier: 'Epson France', warrantyYears: 3, ageMonths: [30, 90], serialPattern: 'WBLF#######', macPrefix: '44:D2:44' }),
  model({ kind: 'projector', brand: 'BenQ', model: 'MW560', priceEuros: [430, 520], supplier: 'UGAP', warrantyYears: 3, ageMonths: [20, 72], serialPattern: 'PD@#########', macPrefix: null }),
  model({ kind: 'document_camera', brand: 'IPEVO', model: 'V4K', priceEuros: [89, 119], supplier: 'UGAP', warrantyYears: 2, ageMonths: [3, 60], serialPattern: 'V4K######', macPrefix: null }),
  model({ kind: 'document_camera', brand: 'Lumens', model: 'DC125', priceEuros: [260, 320], supplier: 'Manutan Collectivités', warrantyYears: 3, ageMonths: [12, 72], serialPattern: 'DC125@######', macPrefix: null }),
  model({ kind: 'document_camera', brand: 'Epson', model: 'ELPDC13', priceEuros: [390, 460], supplier: 'Epson France', warrantyYears: 3, ageMonths: [24, 84], serialPattern: 'XB4@######', macPrefix: null }),
  // Interactive displays
  model({ kind: 'interactive_display', brand: 'Speechi', model: 'SpeechiTouch 75" UHD', priceEuros: [3400, 4200], supplier: 'Speechi', warrantyYears: 5, ageMonths: [3, 48], serialPattern: 'SPT75-######', macPrefix: '00:1E:C0' }),
  model({ kind: 'interactive_display', brand: 'Promethean', model: 'ActivPanel 9 Premium 75"', priceEuros: [4300, 5400], supplier: 'Promethean France', warrantyYears: 5, ageMonths: [3, 36], serialPattern: 'AP9-75-@######', macPrefix: '00:1B:C4' }),
  // Copiers
  model({ kind: 'copier', brand: 'Canon', model: 'imageRUNNER ADVANCE DX C3826i', priceEuros: [4200, 5600], supplier: 'Canon France', warrantyYears: 5, ageMonths: [3, 60], serialPattern: '3QF#####', macPrefix: '00:1E:8F' }),
  model({ kind: 'copier', brand: 'Ricoh', model: 'IM C3000', priceEuros: [3900, 5200], supplier: 'Ricoh France', warrantyYears: 5, ageMonths: [12, 84], serialPattern: '3100R#######', macPrefix: '00:26:73' }),
  model({ kind: 'copier', brand: 'Kyocera', model: 'TASKalfa 3554ci', priceEuros: [3600, 4800], supplier: 'Kyocera Document Solutions France', warrantyYears: 5, ageMonths: [6, 72], serialPattern: 'R4P#######', macPrefix: '00:17:C8' }),
  // Telephony and network
  model({ kind: 'phone', brand: 'Yealink', model: 'SIP-T46U', priceEuros: [129, 159], supplier: 'UGAP', warrantyYears: 2, ageMonths: [3, 60], serialPattern: '80########', macPrefix: '80:5E:C0' }),
  model({ kind: 'phone', brand: 'Alcatel-Lucent', model: '8028s Premium DeskPhone', priceEuros: [189, 229], supplier: 'Orange Business', warrantyYears: 2, ageMonths: [24, 96], serialPattern: 'ALE########', macPrefix: '00:80:9F' }),
  model({ kind: 'switch', brand: 'Cisco', model: 'Catalyst 1000-24T-4G-L', priceEuros: [620, 780], supplier: 'Orange Business', warrantyYears: 5, ageMonths: [6, 72], serialPattern: 'FOC####@@@@', macPrefix: '00:1B:54' }),
  model({ kind: 'switch', brand: 'HPE Aruba', model: 'Instant On 1930 24G', priceEuros: [330, 420], supplier: 'UGAP', warrantyYears: 5, ageMonths: [3, 60], serialPattern: 'CN##@@@###', macPrefix: '94:60:D5' }),
  model({ kind: 'router', brand: 'Cisco', model: 'ISR C1111-4P', priceEuros: [780, 960], supplier: 'Orange Business', warrantyYears: 5, ageMonths: [6, 84], serialPattern: 'FGL####@@@@', macPrefix: '00:1B:54' }),
  model({ kind: 'router', brand: 'Stormshield', model: 'SN210', priceEuros: [900, 1150], supplier: 'Stormshield', warrantyYears: 3, ageMonths: [12, 72], serialPattern: 'SN210A##@#######', macPrefix: '00:0D:B4' }),
  model({ kind: 'wifi_ap', brand: 'Ubiquiti', model: 'UniFi U6 Pro', priceEuros: [159, 189], supplier: 'UGAP', warrantyYears: 2, ageMonths: [3, 48], serialPattern: '245A4C######', macPrefix: '24:5A:4C' }),
  model({ kind: 'wifi_ap', brand: 'Ubiquiti', model: 'UniFi U6 Lite', priceEuros: [99, 129], supplier: 'UGAP', warrantyYears: 2, ageMonths: [3, 48], serialPattern: '788A20######', macPrefix: '78:8A:20' }),
  model({ kind: 'wifi_ap', brand: 'HPE Aruba', model: 'Instant On AP22', priceEuros: [189, 239], supplier: 'UGAP', warrantyYears: 5, ageMonths: [6, 60], serialPattern: 'CN##@@@###', macPrefix: '94:60:D5' }),
];

export function modelsOf(kind: EquipmentKind): CatalogueModel[] {
  const models = CATALOGUE.filter((m) => m.kind === kind);
  if (models.length === 0) throw new Error(`No catalogue model for kind ${kind}`);
  return models;
}
