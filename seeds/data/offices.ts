// The halls of 青石县 at three of the four levels (DESIGN.md §1): the county 政务服务中心, five
// 为民服务中心 of the streets and towns, and ten 便民服务站 in communities and villages. Hours,
// windows and the services each hall offers follow the pattern of the notices: everything at the
// county centre, most personal services in the towns, the simple high-frequency ones (参保、认证、
// 补贴) in the villages — "个人高频事项向乡镇、村集中，涉企事项向县集中".
import type { OfficeLevel } from '@palm/db/client';
import type { QueueLetter } from '@palm/shared';
import { COUNTER_IDS, OFFICE_IDS, SERVICE_IDS, USER_IDS, type CounterKey, type OfficeKey, type ServiceKey } from './ids';
import { REGION_CODES } from './regions';
import { SERVICES } from './services';

/** ["09:00", "12:00"]: local Asia/Shanghai wall-clock times. */
export type TimeRange = readonly [string, string];
/** ISO weekday (1 = Monday … 7 = Sunday) → opening ranges; every key present, [] = closed. */
export type WeeklyHours = Readonly<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', readonly TimeRange[]>>;

export interface SeedCounter {
  key: CounterKey;
  id: string;
  number: number;
  name: string;
  categories: readonly QueueLetter[];
  /** The window's clerk (every hall's window 1 has one): 窗口工作台 opens it straight away for them (isMine). */
  clerkId: string | null;
}

export interface SeedOfficeException {
  /** Business date, YYYY-MM-DD (Asia/Shanghai). */
  date: string;
  closed: boolean;
  /** Replacement hours when open; null when closed. */
  hours: readonly TimeRange[] | null;
  note: string;
}

export interface SeedOfficeService {
  serviceKey: ServiceKey;
  serviceId: string;
  dailyTicketCapacity: number;
}

export interface SeedOffice {
  key: OfficeKey;
  id: string;
  code: string;
  name: string;
  level: OfficeLevel;
  regionCode: string;
  address: string;
  lat: number;
  lng: number;
  phone: string;
  weeklyHours: WeeklyHours;
  openOnHolidays: boolean;
  exceptions: readonly SeedOfficeException[];
  counters: readonly SeedCounter[];
  services: readonly SeedOfficeService[];
}

function week(weekday: readonly TimeRange[], saturday: readonly TimeRange[] = [], sunday: readonly TimeRange[] = []): WeeklyHours {
  return { '1': weekday, '2': weekday, '3': weekday, '4': weekday, '5': weekday, '6': saturday, '7': sunday };
}

// County centre: standard hours with a lunch break, plus Saturday-morning 延时服务 so people who
// work on weekdays are served without taking leave.
const COUNTY_HOURS = week(
  [
    ['09:00', '12:00'],
    ['13:30', '17:30'],
  ],
  [['09:00', '12:00']],
);
const TOWN_HOURS = week([
  ['08:30', '12:00'],
  ['14:00', '17:30'],
]);
// The township in the hills starts its afternoon later (staff also do door-to-door work at noon).
const MOUNTAIN_TOWN_HOURS = week([
  ['08:30', '12:00'],
  ['14:30', '17:30'],
]);
const COMMUNITY_STATION_HOURS = week([
  ['09:00', '11:30'],
  ['14:30', '17:00'],
]);
const VILLAGE_STATION_HOURS = week([
  ['08:30', '11:30'],
  ['14:30', '16:30'],
]);
// A remote village opens mornings only; afternoons its staff go door to door with the grid worker.
const MORNING_ONLY_HOURS = week([['08:30', '11:30']]);

const ALL_LETTERS: readonly QueueLetter[] = ['A', 'B', 'C', 'D', 'E', 'F'];

/** Personal services taken in at every town/street centre. */
const TOWN_SERVICES: readonly ServiceKey[] = [
  'residentPensionEnrolment',
  'residentPensionClaim',
  'socialSecurityCardApply',
  'socialSecurityCardReplace',
  'flexibleEmploymentEnrolment',
  'benefitEligibilityCheck',
  'unemploymentBenefit',
  'residentMedicalEnrolment',
  'crossRegionMedicalFiling',
  'chronicDiseaseRecognition',
  'maternityAllowance',
  'medicalInsuranceTransfer',
  'medicalExpenseReimbursement',
  'birthRegistration',
  'householdMigration',
  'residentIdRenewal',
  'residentIdReissue',
  'noCriminalRecordCertificate',
  'minimumLivingAllowance',
  'temporaryAssistance',
  'extremePovertySupport',
  'oldAgeAllowance',
  'seniorPreferentialCard',
  'elderlyCareSubsidy',
  'disabilityCertificate',
  'disabilityTwoSubsidies',
  'individualBusinessRegistration',
  'businessChangeRegistration',
  'businessDeregistration',
];

/** Streets in the county seat have most of the incoming residents, hence the 居住证. */
const URBAN_TOWN_EXTRA: readonly ServiceKey[] = ['residencePermit'];

/** Simple, high-frequency services a village/community station takes in (often for the elderly). */
const STATION_SERVICES: readonly ServiceKey[] = [
  'residentPensionEnrolment',
  'residentPensionClaim',
  'socialSecurityCardApply',
  'benefitEligibilityCheck',
  'residentMedicalEnrolment',
  'crossRegionMedicalFiling',
  'minimumLivingAllowance',
  'temporaryAssistance',
  'oldAgeAllowance',
  'seniorPreferentialCard',
  'elderlyCareSubsidy',
  'disabilityTwoSubsidies',
];

/**
 * Remote tickets a hall gives out per service per day: scaled by the hall's size and by how often
 * the service is used, so a popular service at the county centre does not run out by 10 o'clock
 * while a rare one at a village station does not pretend to have a hundred slots.
 */
function capacity(level: OfficeLevel, serviceKey: ServiceKey): number {
  const popularity = SERVICES.find((s) => s.key === serviceKey)?.popularity ?? 0;
  const tier = popularity >= 700 ? 0 : popularity >= 400 ? 1 : 2;
  const table: Record<OfficeLevel, readonly [number, number, number]> = {
    CITY_CENTER: [200, 120, 80],
    COUNTY_CENTER: [150, 100, 60],
    TOWN_CENTER: [60, 40, 20],
    VILLAGE_STATION: [20, 15, 10],
  };
  return table[level][tier];
}

function offer(level: OfficeLevel, keys: readonly ServiceKey[]): SeedOfficeService[] {
  return keys.map((serviceKey) => ({ serviceKey, serviceId: SERVICE_IDS[serviceKey], dailyTicketCapacity: capacity(level, serviceKey) }));
}

function counter(key: CounterKey, number: number, name: string, categories: readonly QueueLetter[], clerkId: string | null = null): SeedCounter {
  return { key, id: COUNTER_IDS[key], number, name, categories, clerkId };
}

const R = REGION_CODES;
const U = USER_IDS;

export const OFFICES: readonly SeedOffice[] = [
  {
    key: 'countyCenter',
    id: OFFICE_IDS.countyCenter,
    code: `${R.county}-ZWFW`,
    name: '青石县政务服务中心',
    level: 'COUNTY_CENTER',
    regionCode: R.county,
    address: '云溪市青石县青云街道民生大道168号（县行政服务大楼一、二楼）',
    lat: 27.8135,
    lng: 115.1208,
    phone: '0702-6212345',
    weeklyHours: COUNTY_HOURS,
    openOnHolidays: false,
    exceptions: [
      {
        date: '2026-12-05',
        closed: false,
        hours: [
          ['09:00', '12:00'],
          ['13:30', '17:00'],
        ],
        note: '年末社保医保业务高峰，本周六延时服务至17:00',
      },
    ],
    counters: [
      counter('countyCenter1', 1, '无差别综合受理窗口', ALL_LETTERS, U.clerk),
      counter('countyCenter2', 2, '无差别综合受理窗口', ALL_LETTERS),
      counter('countyCenter3', 3, '社保业务窗口', ['B']),
      counter('countyCenter4', 4, '医保业务窗口', ['B']),
      counter('countyCenter5', 5, '户籍业务窗口', ['C']),
      counter('countyCenter6', 6, '居民身份证窗口', ['C']),
      counter('countyCenter7', 7, '企业开办窗口', ['D']),
      counter('countyCenter8', 8, '企业开办窗口', ['D']),
      counter('countyCenter9', 9, '住房公积金窗口', ['E']),
      counter('countyCenter10', 10, '不动产登记窗口', ['F']),
      counter('countyCenter11', 11, '民政残联窗口', ['A']),
      counter('countyCenter12', 12, '敬老助残绿色通道窗口', ['A', 'B', 'C']),
    ],
    services: offer(
      'COUNTY_CENTER',
      SERVICES.map((s) => s.key),
    ),
  },

  // ───────────────────────────── 街道、乡镇为民服务中心 ─────────────────────────────
  {
    key: 'qingyunTown',
    id: OFFICE_IDS.qingyunTown,
    code: `${R.qingyun}-WMFW`,
    name: '青云街道为民服务中心',
    level: 'TOWN_CENTER',
    regionCode: R.qingyun,
    address: '云溪市青石县青云街道文昌路56号',
    lat: 27.8168,
    lng: 115.1102,
    phone: '0702-6213018',
    weeklyHours: TOWN_HOURS,
    openOnHolidays: false,
    exceptions: [],
    counters: [
      counter('qingyunTown1', 1, '全科受理窗口', ['A', 'B', 'C', 'D'], U.clerkQingyunTown),
      counter('qingyunTown2', 2, '社保医保窗口', ['B']),
      counter('qingyunTown3', 3, '户籍窗口', ['C']),
      counter('qingyunTown4', 4, '民政残联窗口', ['A']),
    ],
    services: offer('TOWN_CENTER', [...TOWN_SERVICES, ...URBAN_TOWN_EXTRA]),
  },
  {
    key: 'donghuTown',
    id: OFFICE_IDS.donghuTown,
    code: `${R.donghu}-WMFW`,
    name: '东湖街道为民服务中心',
    level: 'TOWN_CENTER',
    regionCode: R.donghu,
    address: '云溪市青石县东湖街道湖滨大道22号',
    lat: 27.8052,
    lng: 115.1437,
    phone: '0702-6236120',
    weeklyHours: TOWN_HOURS,
    openOnHolidays: false,
    exceptions: [],
    counters: [
      counter('donghuTown1', 1, '全科受理窗口', ['A', 'B', 'C', 'D'], U.clerkDonghuTown),
      counter('donghuTown2', 2, '社保医保窗口', ['B']),
      counter('donghuTown3', 3, '户籍窗口', ['C']),
    ],
    services: offer('TOWN_CENTER', [...TOWN_SERVICES, ...URBAN_TOWN_EXTRA]),
  },
  {
    key: 'shiqiaoTown',
    id: OFFICE_IDS.shiqiaoTown,
    code: `${R.shiqiao}-WMFW`,
    name: '石桥镇为民服务中心',
    level: 'TOWN_CENTER',
    regionCode: R.shiqiao,
    address: '云溪市青石县石桥镇石桥街88号',
    lat: 27.9108,
    lng: 115.0431,
    phone: '0702-6451206',
    weeklyHours: TOWN_HOURS,
    openOnHolidays: false,
    exceptions: [
      {
        date: '2026-11-28',
        closed: false,
        hours: [['09:00', '12:00']],
        note: '城乡居民医保集中缴费期，本周六上午加开服务',
      },
    ],
    counters: [
      counter('shiqiaoTown1', 1, '全科受理窗口', ['A', 'B', 'C', 'D'], U.clerkShiqiaoTown),
      counter('shiqiaoTown2', 2, '社保医保窗口', ['B']),
      counter('shiqiaoTown3', 3, '户籍窗口', ['C']),
      counter('shiqiaoTown4', 4, '民政残联窗口', ['A']),
    ],
    services: offer('TOWN_CENTER', TOWN_SERVICES),
  },
  {
    key: 'baishaTown',
    id: OFFICE_IDS.baishaTown,
    code: `${R.baisha}-WMFW`,
    name: '白沙镇为民服务中心',
    level: 'TOWN_CENTER',
    regionCode: R.baisha,
    address: '云溪市青石县白沙镇沙洲路15号',
    lat: 27.6934,
    lng: 115.1576,
    phone: '0702-6472138',
    weeklyHours: TOWN_HOURS,
    openOnHolidays: false,
    exceptions: [],
    counters: [
      counter('baishaTown1', 1, '全科受理窗口', ['A', 'B', 'C', 'D'], U.clerkBaishaTown),
      counter('baishaTown2', 2, '社保医保窗口', ['B']),
      counter('baishaTown3', 3, '户籍窗口', ['C']),
    ],
    services: offer('TOWN_CENTER', TOWN_SERVICES),
  },
  {
    key: 'meilinTown',
    id: OFFICE_IDS.meilinTown,
    code: `${R.meilin}-WMFW`,
    name: '梅林乡为民服务中心',
    level: 'TOWN_CENTER',
    regionCode: R.meilin,
    address: '云溪市青石县梅林乡梅林街6号',
    lat: 27.8483,
    lng: 115.3047,
    phone: '0702-6495012',
    weeklyHours: MOUNTAIN_TOWN_HOURS,
    openOnHolidays: false,
    exceptions: [],
    counters: [
      counter('meilinTown1', 1, '全科受理窗口', ['A', 'B', 'C', 'D'], U.clerkMeilinTown),
      counter('meilinTown2', 2, '社保医保窗口', ['B']),
      counter('meilinTown3', 3, '户籍窗口', ['C']),
    ],
    services: offer('TOWN_CENTER', TOWN_SERVICES),
  },

  // ───────────────────────────── 村（社区）便民服务站 ─────────────────────────────
  {
    key: 'wenchangStation',
    id: OFFICE_IDS.wenchangStation,
    code: `${R.wenchang}-BMFW`,
    name: '文昌社区便民服务站',
    level: 'VILLAGE_STATION',
    regionCode: R.wenchang,
    address: '云溪市青石县青云街道文昌路108号（文昌社区党群服务中心一楼）',
    lat: 27.8191,
    lng: 115.1066,
    phone: '0702-6213566',
    weeklyHours: COMMUNITY_STATION_HOURS,
    openOnHolidays: false,
    exceptions: [{ date: '2026-12-16', closed: true, hours: null, note: '党群服务中心电路改造，暂停服务一天，急办事项请到青云街道为民服务中心办理' }],
    counters: [
      counter('wenchangStation1', 1, '全科代办窗口', ['A', 'B'], U.clerkWenchangStation),
      counter('wenchangStation2', 2, '社保医保服务窗口', ['B']),
    ],
    services: offer('VILLAGE_STATION', STATION_SERVICES),
  },
  {
    key: 'yucaiStation',
    id: OFFICE_IDS.yucaiStation,
    code: `${R.yucai}-BMFW`,
    name: '育才社区便民服务站',
    level: 'VILLAGE_STATION',
    regionCode: R.yucai,
    address: '云溪市青石县青云街道育才路21号',
    lat: 27.8097,
    lng: 115.1143,
    phone: '0702-6215230',
    weeklyHours: COMMUNITY_STATION_HOURS,
    openOnHolidays: false,
    exceptions: [],
    counters: [counter('yucaiStation1', 1, '便民服务窗口', ['A', 'B'], U.clerkYucaiStation)],
    services: offer('VILLAGE_STATION', STATION_SERVICES),
  },
  {
    key: 'hubinStation',
    id: OFFICE_IDS.hubinStation,
    code: `${R.hubin}-BMFW`,
    name: '湖滨社区便民服务站',
    level: 'VILLAGE_STATION',
    regionCode: R.hubin,
    address: '云溪市青石县东湖街道滨湖路9号',
    lat: 27.8021,
    lng: 115.1492,
    phone: '0702-6237415',
    weeklyHours: COMMUNITY_STATION_HOURS,
    openOnHolidays: false,
    exceptions: [],
    counters: [
      counter('hubinStation1', 1, '全科代办窗口', ['A', 'B'], U.clerkHubinStation),
      counter('hubinStation2', 2, '社保医保服务窗口', ['B']),
    ],
    services: offer('VILLAGE_STATION', STATION_SERVICES),
  },
  {
    key: 'donghuVillageStation',
    id: OFFICE_IDS.donghuVillageStation,
    code: `${R.donghuVillage}-BMFW`,
    name: '东湖村便民服务站',
    level: 'VILLAGE_STATION',
    regionCode: R.donghuVillage,
    address: '云溪市青石县东湖街道东湖村村民委员会',
    lat: 27.7935,
    lng: 115.1668,
    phone: '0702-6238026',
    weeklyHours: VILLAGE_STATION_HOURS,
    openOnHolidays: false,
    exceptions: [],
    counters: [counter('donghuVillageStation1', 1, '便民服务窗口', ['A', 'B'], U.clerkDonghuVillageStation)],
    services: offer('VILLAGE_STATION', STATION_SERVICES),
  },
  {
    key: 'shiqiaoVillageStation',
    id: OFFICE_IDS.shiqiaoVillageStation,
    code: `${R.shiqiaoVillage}-BMFW`,
    name: '石桥村便民服务站',
    level: 'VILLAGE_STATION',
    regionCode: R.shiqiaoVillage,
    address: '云溪市青石县石桥镇石桥村村民委员会（石桥街北段）',
    lat: 27.9162,
    lng: 115.0385,
    phone: '0702-6451833',
    weeklyHours: VILLAGE_STATION_HOURS,
    openOnHolidays: false,
    exceptions: [],
    counters: [
      counter('shiqiaoVillageStation1', 1, '全科代办窗口', ['A', 'B'], U.clerkShiqiaoVillageStation),
      counter('shiqiaoVillageStation2', 2, '社保医保服务窗口', ['B']),
    ],
    services: offer('VILLAGE_STATION', STATION_SERVICES),
  },
  {
    key: 'shangfangStation',
    id: OFFICE_IDS.shangfangStation,
    code: `${R.shangfang}-BMFW`,
    name: '上坊村便民服务站',
    level: 'VILLAGE_STATION',
    regionCode: R.shangfang,
    address: '云溪市青石县石桥镇上坊村上坊组1号（村党群服务中心）',
    lat: 27.9324,
    lng: 115.0186,
    phone: '0702-6453017',
    weeklyHours: VILLAGE_STATION_HOURS,
    openOnHolidays: false,
    exceptions: [
      { date: '2026-11-26', closed: true, hours: null, note: '工作人员参加县级业务培训，暂停服务一天，急办事项请到石桥镇为民服务中心办理' },
    ],
    counters: [counter('shangfangStation1', 1, '便民服务窗口', ['A', 'B'], U.clerkShangfangStation)],
    services: offer('VILLAGE_STATION', STATION_SERVICES),
  },
  {
    key: 'huaishuStation',
    id: OFFICE_IDS.huaishuStation,
    code: `${R.huaishu}-BMFW`,
    name: '槐树村便民服务站',
    level: 'VILLAGE_STATION',
    regionCode: R.huaishu,
    address: '云溪市青石县石桥镇槐树村村民委员会',
    lat: 27.8943,
    lng: 115.0218,
    phone: '0702-6454102',
    weeklyHours: VILLAGE_STATION_HOURS,
    openOnHolidays: false,
    exceptions: [],
    counters: [counter('huaishuStation1', 1, '便民服务窗口', ['A', 'B'], U.clerkHuaishuStation)],
    services: offer('VILLAGE_STATION', STATION_SERVICES),
  },
  {
    key: 'baishaVillageStation',
    id: OFFICE_IDS.baishaVillageStation,
    code: `${R.baishaVillage}-BMFW`,
    name: '白沙村便民服务站',
    level: 'VILLAGE_STATION',
    regionCode: R.baishaVillage,
    address: '云溪市青石县白沙镇白沙村村民委员会',
    lat: 27.6889,
    lng: 115.1623,
    phone: '0702-6472566',
    weeklyHours: VILLAGE_STATION_HOURS,
    openOnHolidays: false,
    exceptions: [],
    counters: [
      counter('baishaVillageStation1', 1, '全科代办窗口', ['A', 'B'], U.clerkBaishaVillageStation),
      counter('baishaVillageStation2', 2, '社保医保服务窗口', ['B']),
    ],
    services: offer('VILLAGE_STATION', STATION_SERVICES),
  },
  {
    key: 'hekouStation',
    id: OFFICE_IDS.hekouStation,
    code: `${R.hekou}-BMFW`,
    name: '河口村便民服务站',
    level: 'VILLAGE_STATION',
    regionCode: R.hekou,
    address: '云溪市青石县白沙镇河口村河口组35号',
    lat: 27.6672,
    lng: 115.1831,
    phone: '0702-6475308',
    weeklyHours: MORNING_ONLY_HOURS,
    openOnHolidays: false,
    exceptions: [],
    counters: [counter('hekouStation1', 1, '便民服务窗口', ['A', 'B'], U.clerkHekouStation)],
    services: offer('VILLAGE_STATION', STATION_SERVICES),
  },
  {
    key: 'meilinVillageStation',
    id: OFFICE_IDS.meilinVillageStation,
    code: `${R.meilinVillage}-BMFW`,
    name: '梅林村便民服务站',
    level: 'VILLAGE_STATION',
    regionCode: R.meilinVillage,
    address: '云溪市青石县梅林乡梅林村村民委员会',
    lat: 27.8519,
    lng: 115.3118,
    phone: '0702-6495337',
    weeklyHours: VILLAGE_STATION_HOURS,
    openOnHolidays: false,
    exceptions: [],
    counters: [counter('meilinVillageStation1', 1, '便民服务窗口', ['A', 'B'], U.clerkMeilinVillageStation)],
    services: offer('VILLAGE_STATION', STATION_SERVICES),
  },
];

export function officeByKey(key: OfficeKey): SeedOffice {
  const found = OFFICES.find((o) => o.key === key);
  if (!found) throw new Error(`seed office ${key} is not defined`);
  return found;
}
