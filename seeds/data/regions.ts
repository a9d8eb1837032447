// The seeded county: 云溪市青石县, fictional but shaped like a real one. Codes follow GB/T 2260 for
// the city and county (3612 = a prefecture-level city code not in use in the real table; 21 = the
// first county after the city's districts) and the 12-digit statistical division code below it:
// 3 digits for the town (001–099 街道, 100–199 镇, 200–399 乡) and 3 for the village (001–199
// 社区居委会, 200–399 村委会). Every level is stored with its full 12-digit code so a code alone
// tells its level and ancestors.
import type { RegionLevel } from '@palm/db/client';

export interface SeedRegion {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

/** The 6-digit GB/T 2260 county code: the first six digits of every demo resident ID number. */
export const COUNTY_DIVISION_CODE = '361221';

export const REGION_CODES = {
  city: '361200000000',
  county: '361221000000',
  // 街道、乡镇
  qingyun: '361221001000',
  donghu: '361221002000',
  shiqiao: '361221101000',
  baisha: '361221102000',
  meilin: '361221201000',
  // 社区、村
  wenchang: '361221001001',
  yucai: '361221001002',
  hubin: '361221002001',
  xincheng: '361221002002',
  donghuVillage: '361221002201',
  shiqiaoCommunity: '361221101001',
  shiqiaoVillage: '361221101201',
  shangfang: '361221101202',
  huaishu: '361221101203',
  baishaVillage: '361221102201',
  hekou: '361221102202',
  fenglin: '361221102203',
  meilinVillage: '361221201201',
  zhushan: '361221201202',
} as const;

export type RegionKey = keyof typeof REGION_CODES;

const C = REGION_CODES;

export const REGIONS: readonly SeedRegion[] = [
  { code: C.city, name: '云溪市', level: 'CITY', parentCode: null },
  { code: C.county, name: '青石县', level: 'COUNTY', parentCode: C.city },

  { code: C.qingyun, name: '青云街道', level: 'TOWN', parentCode: C.county },
  { code: C.donghu, name: '东湖街道', level: 'TOWN', parentCode: C.county },
  { code: C.shiqiao, name: '石桥镇', level: 'TOWN', parentCode: C.county },
  { code: C.baisha, name: '白沙镇', level: 'TOWN', parentCode: C.county },
  { code: C.meilin, name: '梅林乡', level: 'TOWN', parentCode: C.county },

  { code: C.wenchang, name: '文昌社区', level: 'VILLAGE', parentCode: C.qingyun },
  { code: C.yucai, name: '育才社区', level: 'VILLAGE', parentCode: C.qingyun },
  { code: C.hubin, name: '湖滨社区', level: 'VILLAGE', parentCode: C.donghu },
  { code: C.xincheng, name: '新城社区', level: 'VILLAGE', parentCode: C.donghu },
  { code: C.donghuVillage, name: '东湖村', level: 'VILLAGE', parentCode: C.donghu },
  { code: C.shiqiaoCommunity, name: '石桥社区', level: 'VILLAGE', parentCode: C.shiqiao },
  { code: C.shiqiaoVillage, name: '石桥村', level: 'VILLAGE', parentCode: C.shiqiao },
  { code: C.shangfang, name: '上坊村', level: 'VILLAGE', parentCode: C.shiqiao },
  { code: C.huaishu, name: '槐树村', level: 'VILLAGE', parentCode: C.shiqiao },
  { code: C.baishaVillage, name: '白沙村', level: 'VILLAGE', parentCode: C.baisha },
  { code: C.hekou, name: '河口村', level: 'VILLAGE', parentCode: C.baisha },
  { code: C.fenglin, name: '枫林村', level: 'VILLAGE', parentCode: C.baisha },
  { code: C.meilinVillage, name: '梅林村', level: 'VILLAGE', parentCode: C.meilin },
  { code: C.zhushan, name: '竹山村', level: 'VILLAGE', parentCode: C.meilin },
];

/**
 * Where the county's halls may be: a box around the county seat (青云街道) about 44 × 44 km.
 * Used by validateSeedData and handy for tests of the nearest-office search.
 */
export const COUNTY_BBOX = { minLat: 27.6, maxLat: 28.0, minLng: 114.95, maxLng: 115.4 } as const;
