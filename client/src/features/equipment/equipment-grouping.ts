import { EquipmentKind, type Equipment, type Room } from '@preau/shared';

export interface KindGroup {
  kind: EquipmentKind;
  items: Equipment[];
}

export interface RoomGroup {
  /** `null` gathers the items placed in no room. */
  room: { id: number; name: string } | null;
  kinds: KindGroup[];
  /** Items in the room, trolley contents included. */
  itemCount: number;
}

export interface SchoolInventory {
  rooms: RoomGroup[];
  /** How many items each trolley holds, by the trolley's id. */
  contentCounts: Map<number, number>;
  /** Every item by kind, trolley contents included: what the school has in all. */
  totalsByKind: { kind: EquipmentKind; count: number }[];
}

const kindRank = new Map(EquipmentKind.options.map((kind, index) => [kind, index]));
const byKindOrder = (a: EquipmentKind, b: EquipmentKind) => kindRank.get(a)! - kindRank.get(b)!;

/**
 * Arranges a school's equipment the way people look for it: room by room, then by kind.
 * What sits in a trolley is listed with the trolley, not again in the room; rooms follow
 * the school's list of rooms (empty ones included), and items in no room come last.
 */
export function groupSchoolInventory(items: readonly Equipment[], rooms: readonly Room[]): SchoolInventory {
  const present = new Set(items.map((item) => item.id));
  const contentCounts = new Map<number, number>();
  const looseItems: Equipment[] = [];
  for (const item of items) {
    if (item.containerId !== null && present.has(item.containerId)) {
      contentCounts.set(item.containerId, (contentCounts.get(item.containerId) ?? 0) + 1);
    } else {
      looseItems.push(item);
    }
  }

  const roomOrder = new Map<number | null, { id: number; name: string } | null>();
  for (const room of rooms) roomOrder.set(room.id, { id: room.id, name: room.name });
  const itemsByRoom = new Map<number | null, Equipment[]>();
  for (const item of looseItems) {
    const roomId = item.room?.id ?? null;
    if (item.room && !roomOrder.has(roomId)) roomOrder.set(roomId, item.room);
    itemsByRoom.set(roomId, [...(itemsByRoom.get(roomId) ?? []), item]);
  }
  if (itemsByRoom.has(null)) roomOrder.set(null, null);

  const groups: RoomGroup[] = [...roomOrder].map(([roomId, room]) => {
    const roomItems = itemsByRoom.get(roomId) ?? [];
    const itemCount = roomItems.reduce((sum, item) => sum + 1 + (contentCounts.get(item.id) ?? 0), 0);
    return { room, kinds: groupByKind(roomItems), itemCount };
  });
  // "No room" last, whatever the order rooms arrived in.
  groups.sort((a, b) => Number(a.room === null) - Number(b.room === null));

  const totals = new Map<EquipmentKind, number>();
  for (const item of items) totals.set(item.kind, (totals.get(item.kind) ?? 0) + 1);
  const totalsByKind = [...totals]
    .sort(([a], [b]) => byKindOrder(a, b))
    .map(([kind, count]) => ({ kind, count }));

  return { rooms: groups, contentCounts, totalsByKind };
}

function groupByKind(items: readonly Equipment[]): KindGroup[] {
  const byKind = new Map<EquipmentKind, Equipment[]>();
  for (const item of items) byKind.set(item.kind, [...(byKind.get(item.kind) ?? []), item]);
  return [...byKind]
    .sort(([a], [b]) => byKindOrder(a, b))
    .map(([kind, kindItems]) => ({ kind, items: kindItems.sort((a, b) => a.assetTag.localeCompare(b.assetTag)) }));
}
