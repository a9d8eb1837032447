// Demo people (DESIGN.md §2). Nobody else is seeded. Everyone is fictional: ID numbers are built
// from the seeded county's code (361221, a code not issued in the real GB/T 2260 table), a birth
// date and a sequence number whose parity gives the sex, with a correct GB 11643 check character —
// so they pass validation, yet cannot belong to anyone real. Phones are in the 1380000xxxx block
// reserved for demos by convention.
import type { Role, Sex } from '@palm/db/client';
import { residentIdCheckDigit } from '@palm/shared';
import { OFFICE_IDS, USER_IDS, type OfficeKey, type UserKey } from './ids';
import { COUNTY_DIVISION_CODE, REGION_CODES } from './regions';

export interface DemoUser {
  key: UserKey;
  id: string;
  name: string;
  /** null: no phone, so no login (served at a window or by the grid worker). */
  phone: string | null;
  roles: readonly Role[];
  /** Synthetic, checksum-valid resident ID number (clear text: demo data only). */
  idNumber: string;
  /** YYYY-MM-DD, the same date the ID number encodes. */
  birthDate: string;
  sex: Sex;
  /** Clerks and hall managers: the hall they work in. */
  officeId: string | null;
  /** Supervisors: the region they oversee (and everything below it). */
  regionCode: string | null;
  /** Grid workers: the village/community they serve. */
  gridRegionCode: string | null;
  /** Where the person lives (the grid worker's roster is built from it). */
  homeRegionCode: string;
  /** What the person is for in demos and tests. */
  role: string;
}

/** When the demo people were verified (fixed, so re-seeding changes nothing). */
export const REAL_NAME_VERIFIED_AT = '2026-01-05T02:00:00.000Z';

/**
 * A synthetic ID: county code + YYYYMMDD + 3-digit sequence + check character. GB 11643 puts the
 * sex in the sequence's parity (odd = male), so the sequence is nudged to match `sex`.
 */
export function buildResidentId(birthDate: string, sex: Sex, sequence: number): string {
  const seq = sequence % 2 === (sex === 'MALE' ? 1 : 0) ? sequence : sequence + 1;
  const body = `${COUNTY_DIVISION_CODE}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return body + residentIdCheckDigit(body);
}

type PersonDraft = Omit<DemoUser, 'id' | 'idNumber' | 'officeId' | 'regionCode' | 'gridRegionCode'> & {
  sequence: number;
  officeKey?: OfficeKey;
  regionCode?: string;
  gridRegionCode?: string;
};

function person(d: PersonDraft): DemoUser {
  const { sequence, officeKey, ...rest } = d;
  return {
    ...rest,
    id: USER_IDS[d.key],
    idNumber: buildResidentId(d.birthDate, d.sex, sequence),
    officeId: officeKey ? OFFICE_IDS[officeKey] : null,
    regionCode: d.regionCode ?? null,
    gridRegionCode: d.gridRegionCode ?? null,
  };
}

const R = REGION_CODES;

/** The seven people DESIGN.md §2 names, and the county centre's hall manager (DESIGN.md §1). */
export const DEMO_USERS = {
  citizen: person({
    key: 'citizen',
    name: '陈思远',
    phone: '13800000001',
    roles: ['CITIZEN'],
    birthDate: '1991-05-12',
    sex: 'MALE',
    sequence: 31,
    homeRegionCode: R.wenchang,
    role: '市民（约35岁），日常办事、预约、取号、亮证',
  }),
  elderly: person({
    key: 'elderly',
    name: '张桂兰',
    phone: '13800000002',
    roles: ['CITIZEN'],
    birthDate: '1951-03-08',
    sex: 'FEMALE',
    sequence: 22,
    homeRegionCode: R.hubin,
    role: '70岁以上老人，长辈版、优先叫号、家属代办',
  }),
  gridWorker: person({
    key: 'gridWorker',
    name: '周海燕',
    phone: '13800000003',
    roles: ['CITIZEN', 'GRID_WORKER'],
    birthDate: '1986-09-21',
    sex: 'FEMALE',
    sequence: 44,
    gridRegionCode: R.shangfang,
    homeRegionCode: R.shangfang,
    role: '上坊村网格员（代办员），为村民代办、上门帮办',
  }),
  clerk: person({
    key: 'clerk',
    name: '赵雪梅',
    phone: '13800000004',
    roles: ['CITIZEN', 'CLERK'],
    birthDate: '1990-11-03',
    sex: 'FEMALE',
    sequence: 16,
    officeKey: 'countyCenter',
    homeRegionCode: R.yucai,
    role: '县政务服务中心1号窗口工作人员',
  }),
  supervisor: person({
    key: 'supervisor',
    name: '孙志强',
    phone: '13800000005',
    roles: ['CITIZEN', 'SUPERVISOR'],
    birthDate: '1978-02-17',
    sex: 'MALE',
    sequence: 57,
    regionCode: R.county,
    homeRegionCode: R.xincheng,
    role: '县政务服务管理局督办负责人（全县）',
  }),
  admin: person({
    key: 'admin',
    name: '钱立新',
    phone: '13800000006',
    roles: ['CITIZEN', 'ADMIN'],
    birthDate: '1988-07-30',
    sex: 'MALE',
    sequence: 73,
    homeRegionCode: R.wenchang,
    role: '平台管理员',
  }),
  manager: person({
    key: 'manager',
    name: '马晓慧',
    phone: '13800000007',
    roles: ['CITIZEN', 'MANAGER'],
    birthDate: '1982-05-06',
    sex: 'FEMALE',
    sequence: 86,
    officeKey: 'countyCenter',
    homeRegionCode: R.xincheng,
    role: '县政务服务中心大厅负责人（管理本大厅的办公时间、窗口、排队设置和窗口人员）',
  }),
  noPhoneElder: person({
    key: 'noPhoneElder',
    name: '刘福根',
    phone: null,
    roles: ['CITIZEN'],
    birthDate: '1946-10-02',
    sex: 'MALE',
    sequence: 19,
    homeRegionCode: R.shangfang,
    role: '上坊村80岁老人，没有手机，由网格员代办或到窗口办理',
  }),
} as const satisfies Record<string, DemoUser>;

/** One clerk at window 1 of every hall other than the county centre (phones 138000001xx). */
export const HALL_CLERKS = {
  qingyunTown: person({ key: 'clerkQingyunTown', name: '黄丽娟', phone: '13800000101', roles: ['CITIZEN', 'CLERK'], birthDate: '1987-04-15', sex: 'FEMALE', sequence: 102, officeKey: 'qingyunTown', homeRegionCode: R.yucai, role: '青云街道为民服务中心窗口' }),
  donghuTown: person({ key: 'clerkDonghuTown', name: '林志明', phone: '13800000102', roles: ['CITIZEN', 'CLERK'], birthDate: '1992-08-09', sex: 'MALE', sequence: 113, officeKey: 'donghuTown', homeRegionCode: R.hubin, role: '东湖街道为民服务中心窗口' }),
  shiqiaoTown: person({ key: 'clerkShiqiaoTown', name: '胡晓燕', phone: '13800000103', roles: ['CITIZEN', 'CLERK'], birthDate: '1989-12-01', sex: 'FEMALE', sequence: 124, officeKey: 'shiqiaoTown', homeRegionCode: R.shiqiaoCommunity, role: '石桥镇为民服务中心窗口' }),
  baishaTown: person({ key: 'clerkBaishaTown', name: '郭建军', phone: '13800000104', roles: ['CITIZEN', 'CLERK'], birthDate: '1983-06-26', sex: 'MALE', sequence: 135, officeKey: 'baishaTown', homeRegionCode: R.baishaVillage, role: '白沙镇为民服务中心窗口' }),
  meilinTown: person({ key: 'clerkMeilinTown', name: '何秀英', phone: '13800000105', roles: ['CITIZEN', 'CLERK'], birthDate: '1985-01-19', sex: 'FEMALE', sequence: 146, officeKey: 'meilinTown', homeRegionCode: R.meilinVillage, role: '梅林乡为民服务中心窗口' }),
  wenchangStation: person({ key: 'clerkWenchangStation', name: '罗佳怡', phone: '13800000106', roles: ['CITIZEN', 'CLERK'], birthDate: '1996-03-05', sex: 'FEMALE', sequence: 158, officeKey: 'wenchangStation', homeRegionCode: R.wenchang, role: '文昌社区便民服务站' }),
  yucaiStation: person({ key: 'clerkYucaiStation', name: '梁文博', phone: '13800000107', roles: ['CITIZEN', 'CLERK'], birthDate: '1994-10-22', sex: 'MALE', sequence: 161, officeKey: 'yucaiStation', homeRegionCode: R.yucai, role: '育才社区便民服务站' }),
  hubinStation: person({ key: 'clerkHubinStation', name: '宋雅琴', phone: '13800000108', roles: ['CITIZEN', 'CLERK'], birthDate: '1991-07-14', sex: 'FEMALE', sequence: 172, officeKey: 'hubinStation', homeRegionCode: R.hubin, role: '湖滨社区便民服务站' }),
  donghuVillageStation: person({ key: 'clerkDonghuVillageStation', name: '郑国华', phone: '13800000109', roles: ['CITIZEN', 'CLERK'], birthDate: '1979-05-28', sex: 'MALE', sequence: 183, officeKey: 'donghuVillageStation', homeRegionCode: R.donghuVillage, role: '东湖村便民服务站' }),
  shiqiaoVillageStation: person({ key: 'clerkShiqiaoVillageStation', name: '谢春兰', phone: '13800000110', roles: ['CITIZEN', 'CLERK'], birthDate: '1984-02-11', sex: 'FEMALE', sequence: 194, officeKey: 'shiqiaoVillageStation', homeRegionCode: R.shiqiaoVillage, role: '石桥村便民服务站' }),
  shangfangStation: person({ key: 'clerkShangfangStation', name: '韩永福', phone: '13800000111', roles: ['CITIZEN', 'CLERK'], birthDate: '1975-09-08', sex: 'MALE', sequence: 205, officeKey: 'shangfangStation', homeRegionCode: R.shangfang, role: '上坊村便民服务站' }),
  huaishuStation: person({ key: 'clerkHuaishuStation', name: '唐美玲', phone: '13800000112', roles: ['CITIZEN', 'CLERK'], birthDate: '1990-04-30', sex: 'FEMALE', sequence: 216, officeKey: 'huaishuStation', homeRegionCode: R.huaishu, role: '槐树村便民服务站' }),
  baishaVillageStation: person({ key: 'clerkBaishaVillageStation', name: '冯德胜', phone: '13800000113', roles: ['CITIZEN', 'CLERK'], birthDate: '1981-11-17', sex: 'MALE', sequence: 227, officeKey: 'baishaVillageStation', homeRegionCode: R.baishaVillage, role: '白沙村便民服务站' }),
  hekouStation: person({ key: 'clerkHekouStation', name: '于小红', phone: '13800000114', roles: ['CITIZEN', 'CLERK'], birthDate: '1993-08-03', sex: 'FEMALE', sequence: 238, officeKey: 'hekouStation', homeRegionCode: R.hekou, role: '河口村便民服务站' }),
  meilinVillageStation: person({ key: 'clerkMeilinVillageStation', name: '董家豪', phone: '13800000115', roles: ['CITIZEN', 'CLERK'], birthDate: '1995-12-25', sex: 'MALE', sequence: 249, officeKey: 'meilinVillageStation', homeRegionCode: R.meilinVillage, role: '梅林村便民服务站' }),
} as const satisfies Partial<Record<OfficeKey, DemoUser>>;

/**
 * The grid worker's village, 上坊村: eight residents besides 刘福根 (and the station's clerk, who
 * lives there too), so 我的网格 has a roster to show. Three have no phone (they consent at a window,
 * witnessed); their grants and two door-to-door tasks are in data/grid.ts. Phones 138000002xx.
 */
export const GRID_RESIDENTS = {
  liXiuying: person({ key: 'residentLiXiuying', name: '李秀英', phone: null, roles: ['CITIZEN'], birthDate: '1948-04-16', sex: 'FEMALE', sequence: 302, homeRegionCode: R.shangfang, role: '上坊村老人，没有手机；见证授权网格员代办，有一项上门帮办' }),
  wangDeming: person({ key: 'residentWangDeming', name: '王德明', phone: '13800000202', roles: ['CITIZEN'], birthDate: '1952-11-23', sex: 'MALE', sequence: 313, homeRegionCode: R.shangfang, role: '上坊村老人，在手机上授权网格员代办，有一项已走访的上门帮办' }),
  chenGuifang: person({ key: 'residentChenGuifang', name: '陈桂芳', phone: '13800000203', roles: ['CITIZEN'], birthDate: '1957-07-02', sex: 'FEMALE', sequence: 324, homeRegionCode: R.shangfang, role: '上坊村居民，网格员请求的授权待她确认' }),
  zhaoGensheng: person({ key: 'residentZhaoGensheng', name: '赵根生', phone: null, roles: ['CITIZEN'], birthDate: '1944-02-09', sex: 'MALE', sequence: 335, homeRegionCode: R.shangfang, role: '上坊村老人，没有手机；给网格员的授权已过期' }),
  sunYulan: person({ key: 'residentSunYulan', name: '孙玉兰', phone: '13800000205', roles: ['CITIZEN'], birthDate: '1963-09-30', sex: 'FEMALE', sequence: 346, homeRegionCode: R.shangfang, role: '上坊村居民，未授权' }),
  zhouJianguo: person({ key: 'residentZhouJianguo', name: '周建国', phone: '13800000206', roles: ['CITIZEN'], birthDate: '1975-05-14', sex: 'MALE', sequence: 357, homeRegionCode: R.shangfang, role: '上坊村居民，撤销了给网格员的授权' }),
  wuXiaomei: person({ key: 'residentWuXiaomei', name: '吴小梅', phone: '13800000207', roles: ['CITIZEN'], birthDate: '1989-12-08', sex: 'FEMALE', sequence: 368, homeRegionCode: R.shangfang, role: '上坊村居民，未授权' }),
  zhengFulin: person({ key: 'residentZhengFulin', name: '郑福林', phone: null, roles: ['CITIZEN'], birthDate: '1939-08-27', sex: 'MALE', sequence: 379, homeRegionCode: R.shangfang, role: '上坊村老人，没有手机，未授权（须到窗口见证授权）' }),
} as const satisfies Record<string, DemoUser>;

/** The clerk at window 1 of each hall, the county centre's included. */
export const CLERK_BY_OFFICE: Readonly<Record<OfficeKey, DemoUser>> = { countyCenter: DEMO_USERS.clerk, ...HALL_CLERKS };

/** Phones of the DESIGN.md §2 demo accounts, for dev login in tests and demos. */
export const DEMO_PHONES = {
  citizen: '13800000001',
  elderly: '13800000002',
  gridWorker: '13800000003',
  clerk: '13800000004',
  supervisor: '13800000005',
  admin: '13800000006',
  manager: '13800000007',
} as const;

/** Every seeded person, DESIGN.md §2 accounts first. */
export const ALL_DEMO_USERS: readonly DemoUser[] = [...Object.values(DEMO_USERS), ...Object.values(HALL_CLERKS), ...Object.values(GRID_RESIDENTS)];
