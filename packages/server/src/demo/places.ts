/**
 * Wenling (温岭市, 331081): its 16 towns and streets under their real names and town modes (seed 002: "11个镇实行
 * 赋权模式，5个街道实行派驻模式"). The map position is a rough west→east / south→north placement on a 4×4 lattice,
 * and the village names are synthetic.
 */

export const COUNTY = { id: '331081', name: '温岭市' } as const;

export interface TownDef {
  name: string;
  kind: 'town' | 'street';
  mode: 'empowered' | 'dispatched';
  /** Short name for squads (太平中队) and codes. */
  short: string;
  /** Lattice cell: column 0 (west) … 3 (east), row 0 (south) … 3 (north). */
  col: number;
  row: number;
}

const street = (name: string, col: number, row: number): TownDef => ({
  name,
  kind: 'street',
  mode: 'dispatched',
  short: name.replace(/街道$/, ''),
  col,
  row,
});
const town = (name: string, col: number, row: number): TownDef => ({
  name,
  kind: 'town',
  mode: 'empowered',
  short: name.replace(/镇$/, ''),
  col,
  row,
});

/** In id order: 331081001 … 331081016. */
export const TOWNS: readonly TownDef[] = [
  street('太平街道', 2, 2),
  street('城东街道', 2, 1),
  street('城西街道', 1, 2),
  street('城北街道', 2, 3),
  street('横峰街道', 3, 3),
  town('泽国镇', 1, 3),
  town('大溪镇', 0, 3),
  town('松门镇', 2, 0),
  town('箬横镇', 3, 1),
  town('新河镇', 3, 2),
  town('石塘镇', 1, 0),
  town('滨海镇', 3, 0),
  town('温峤镇', 0, 2),
  town('城南镇', 1, 1),
  town('坞根镇', 0, 1),
  town('石桥头镇', 0, 0),
];

export function townId(index: number): string {
  return COUNTY.id + String(index + 1).padStart(3, '0');
}

const FIRST = [...'东西南北前后上下新大小石横高沙岙江林湖山青长陈蔡金洋海礁屿'];
const SECOND = [...'浦岙洋桥塘山头岭港湾宅庄溪埠岸岩垟河屿'];

/** Every two-character place name from the pools, e.g. 前蔡 would be 前 + 蔡; pairs of one character are skipped. */
export const PLACE_NAMES: readonly string[] = FIRST.flatMap((a) => SECOND.filter((b) => b !== a).map((b) => a + b));
