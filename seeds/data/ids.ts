// Fixed ids of every seeded office, counter, service and demo user. They are literal UUIDs (not
// generated at run time) so tests, later seeds and fixtures can refer to the same rows on every
// machine and across re-seeds. The `5eed` prefix and the readable tail make a seeded row obvious
// in a query result; each one is still a well-formed version-4 UUID (version nibble 4, variant 8),
// so strict `format: uuid` validators accept them.
//
// Layout: 5eed000K-0000-4000-8000-<12 hex>, K = 1 office, 2 counter, 3 service, 4 user.
// Counters: <office number, 4 digits><counter number, 4 digits>. Hall clerks: 01xx = phone 138000001xx.

export const OFFICE_IDS = {
  countyCenter: '5eed0001-0000-4000-8000-000000000001',
  qingyunTown: '5eed0001-0000-4000-8000-000000000011',
  donghuTown: '5eed0001-0000-4000-8000-000000000012',
  shiqiaoTown: '5eed0001-0000-4000-8000-000000000013',
  baishaTown: '5eed0001-0000-4000-8000-000000000014',
  meilinTown: '5eed0001-0000-4000-8000-000000000015',
  wenchangStation: '5eed0001-0000-4000-8000-000000000021',
  yucaiStation: '5eed0001-0000-4000-8000-000000000022',
  hubinStation: '5eed0001-0000-4000-8000-000000000023',
  donghuVillageStation: '5eed0001-0000-4000-8000-000000000024',
  shiqiaoVillageStation: '5eed0001-0000-4000-8000-000000000025',
  shangfangStation: '5eed0001-0000-4000-8000-000000000026',
  huaishuStation: '5eed0001-0000-4000-8000-000000000027',
  baishaVillageStation: '5eed0001-0000-4000-8000-000000000028',
  hekouStation: '5eed0001-0000-4000-8000-000000000029',
  meilinVillageStation: '5eed0001-0000-4000-8000-000000000030',
} as const;

export type OfficeKey = keyof typeof OFFICE_IDS;

export const COUNTER_IDS = {
  // 县政务服务中心
  countyCenter1: '5eed0002-0000-4000-8000-000000010001',
  countyCenter2: '5eed0002-0000-4000-8000-000000010002',
  countyCenter3: '5eed0002-0000-4000-8000-000000010003',
  countyCenter4: '5eed0002-0000-4000-8000-000000010004',
  countyCenter5: '5eed0002-0000-4000-8000-000000010005',
  countyCenter6: '5eed0002-0000-4000-8000-000000010006',
  countyCenter7: '5eed0002-0000-4000-8000-000000010007',
  countyCenter8: '5eed0002-0000-4000-8000-000000010008',
  countyCenter9: '5eed0002-0000-4000-8000-000000010009',
  countyCenter10: '5eed0002-0000-4000-8000-000000010010',
  countyCenter11: '5eed0002-0000-4000-8000-000000010011',
  countyCenter12: '5eed0002-0000-4000-8000-000000010012',
  // 街道、乡镇为民服务中心
  qingyunTown1: '5eed0002-0000-4000-8000-000000110001',
  qingyunTown2: '5eed0002-0000-4000-8000-000000110002',
  qingyunTown3: '5eed0002-0000-4000-8000-000000110003',
  qingyunTown4: '5eed0002-0000-4000-8000-000000110004',
  donghuTown1: '5eed0002-0000-4000-8000-000000120001',
  donghuTown2: '5eed0002-0000-4000-8000-000000120002',
  donghuTown3: '5eed0002-0000-4000-8000-000000120003',
  shiqiaoTown1: '5eed0002-0000-4000-8000-000000130001',
  shiqiaoTown2: '5eed0002-0000-4000-8000-000000130002',
  shiqiaoTown3: '5eed0002-0000-4000-8000-000000130003',
  shiqiaoTown4: '5eed0002-0000-4000-8000-000000130004',
  baishaTown1: '5eed0002-0000-4000-8000-000000140001',
  baishaTown2: '5eed0002-0000-4000-8000-000000140002',
  baishaTown3: '5eed0002-0000-4000-8000-000000140003',
  meilinTown1: '5eed0002-0000-4000-8000-000000150001',
  meilinTown2: '5eed0002-0000-4000-8000-000000150002',
  meilinTown3: '5eed0002-0000-4000-8000-000000150003',
  // 村（社区）便民服务站
  wenchangStation1: '5eed0002-0000-4000-8000-000000210001',
  wenchangStation2: '5eed0002-0000-4000-8000-000000210002',
  yucaiStation1: '5eed0002-0000-4000-8000-000000220001',
  hubinStation1: '5eed0002-0000-4000-8000-000000230001',
  hubinStation2: '5eed0002-0000-4000-8000-000000230002',
  donghuVillageStation1: '5eed0002-0000-4000-8000-000000240001',
  shiqiaoVillageStation1: '5eed0002-0000-4000-8000-000000250001',
  shiqiaoVillageStation2: '5eed0002-0000-4000-8000-000000250002',
  shangfangStation1: '5eed0002-0000-4000-8000-000000260001',
  huaishuStation1: '5eed0002-0000-4000-8000-000000270001',
  baishaVillageStation1: '5eed0002-0000-4000-8000-000000280001',
  baishaVillageStation2: '5eed0002-0000-4000-8000-000000280002',
  hekouStation1: '5eed0002-0000-4000-8000-000000290001',
  meilinVillageStation1: '5eed0002-0000-4000-8000-000000300001',
} as const;

export type CounterKey = keyof typeof COUNTER_IDS;

export const SERVICE_IDS = {
  // 社会保险
  residentPensionEnrolment: '5eed0003-0000-4000-8000-000000000001',
  residentPensionClaim: '5eed0003-0000-4000-8000-000000000002',
  employeeRetirement: '5eed0003-0000-4000-8000-000000000003',
  socialSecurityCardApply: '5eed0003-0000-4000-8000-000000000004',
  socialSecurityCardReplace: '5eed0003-0000-4000-8000-000000000005',
  flexibleEmploymentEnrolment: '5eed0003-0000-4000-8000-000000000006',
  benefitEligibilityCheck: '5eed0003-0000-4000-8000-000000000007',
  unemploymentBenefit: '5eed0003-0000-4000-8000-000000000008',
  // 医疗保障
  residentMedicalEnrolment: '5eed0003-0000-4000-8000-000000000009',
  crossRegionMedicalFiling: '5eed0003-0000-4000-8000-000000000010',
  chronicDiseaseRecognition: '5eed0003-0000-4000-8000-000000000011',
  maternityAllowance: '5eed0003-0000-4000-8000-000000000012',
  medicalInsuranceTransfer: '5eed0003-0000-4000-8000-000000000013',
  medicalExpenseReimbursement: '5eed0003-0000-4000-8000-000000000014',
  // 户籍证件
  birthRegistration: '5eed0003-0000-4000-8000-000000000015',
  householdMigration: '5eed0003-0000-4000-8000-000000000016',
  residentIdRenewal: '5eed0003-0000-4000-8000-000000000017',
  residentIdReissue: '5eed0003-0000-4000-8000-000000000018',
  residencePermit: '5eed0003-0000-4000-8000-000000000019',
  noCriminalRecordCertificate: '5eed0003-0000-4000-8000-000000000020',
  // 民政
  marriageRegistration: '5eed0003-0000-4000-8000-000000000021',
  minimumLivingAllowance: '5eed0003-0000-4000-8000-000000000022',
  temporaryAssistance: '5eed0003-0000-4000-8000-000000000023',
  extremePovertySupport: '5eed0003-0000-4000-8000-000000000024',
  // 老年人
  oldAgeAllowance: '5eed0003-0000-4000-8000-000000000025',
  seniorPreferentialCard: '5eed0003-0000-4000-8000-000000000026',
  elderlyCareSubsidy: '5eed0003-0000-4000-8000-000000000027',
  // 残疾人
  disabilityCertificate: '5eed0003-0000-4000-8000-000000000028',
  disabilityTwoSubsidies: '5eed0003-0000-4000-8000-000000000029',
  // 住房公积金
  housingFundWithdrawal: '5eed0003-0000-4000-8000-000000000030',
  housingFundDepositRegistration: '5eed0003-0000-4000-8000-000000000031',
  housingFundLoan: '5eed0003-0000-4000-8000-000000000032',
  // 市场主体
  individualBusinessRegistration: '5eed0003-0000-4000-8000-000000000033',
  companyRegistration: '5eed0003-0000-4000-8000-000000000034',
  businessChangeRegistration: '5eed0003-0000-4000-8000-000000000035',
  businessDeregistration: '5eed0003-0000-4000-8000-000000000036',
  // 其他
  realEstateRecordInquiry: '5eed0003-0000-4000-8000-000000000037',
} as const;

export type ServiceKey = keyof typeof SERVICE_IDS;

export const USER_IDS = {
  citizen: '5eed0004-0000-4000-8000-000000000001',
  elderly: '5eed0004-0000-4000-8000-000000000002',
  gridWorker: '5eed0004-0000-4000-8000-000000000003',
  clerk: '5eed0004-0000-4000-8000-000000000004',
  supervisor: '5eed0004-0000-4000-8000-000000000005',
  admin: '5eed0004-0000-4000-8000-000000000006',
  noPhoneElder: '5eed0004-0000-4000-8000-000000000007',
  /** The county centre's hall manager (phone 13800000007: the tail 0007 was the phone-less elder's id). */
  manager: '5eed0004-0000-4000-8000-000000000008',
  // One clerk for every other hall (counter 1); the tail matches the phone 138000001xx.
  clerkQingyunTown: '5eed0004-0000-4000-8000-000000000101',
  clerkDonghuTown: '5eed0004-0000-4000-8000-000000000102',
  clerkShiqiaoTown: '5eed0004-0000-4000-8000-000000000103',
  clerkBaishaTown: '5eed0004-0000-4000-8000-000000000104',
  clerkMeilinTown: '5eed0004-0000-4000-8000-000000000105',
  clerkWenchangStation: '5eed0004-0000-4000-8000-000000000106',
  clerkYucaiStation: '5eed0004-0000-4000-8000-000000000107',
  clerkHubinStation: '5eed0004-0000-4000-8000-000000000108',
  clerkDonghuVillageStation: '5eed0004-0000-4000-8000-000000000109',
  clerkShiqiaoVillageStation: '5eed0004-0000-4000-8000-000000000110',
  clerkShangfangStation: '5eed0004-0000-4000-8000-000000000111',
  clerkHuaishuStation: '5eed0004-0000-4000-8000-000000000112',
  clerkBaishaVillageStation: '5eed0004-0000-4000-8000-000000000113',
  clerkHekouStation: '5eed0004-0000-4000-8000-000000000114',
  clerkMeilinVillageStation: '5eed0004-0000-4000-8000-000000000115',
  // Residents of 上坊村 on the grid worker's roster; the tail matches the phone 138000002xx (or,
  // for those without a phone, continues the numbering).
  residentLiXiuying: '5eed0004-0000-4000-8000-000000000201',
  residentWangDeming: '5eed0004-0000-4000-8000-000000000202',
  residentChenGuifang: '5eed0004-0000-4000-8000-000000000203',
  residentZhaoGensheng: '5eed0004-0000-4000-8000-000000000204',
  residentSunYulan: '5eed0004-0000-4000-8000-000000000205',
  residentZhouJianguo: '5eed0004-0000-4000-8000-000000000206',
  residentWuXiaomei: '5eed0004-0000-4000-8000-000000000207',
  residentZhengFulin: '5eed0004-0000-4000-8000-000000000208',
} as const;

export type UserKey = keyof typeof USER_IDS;

/** K = 5: demo grants (授权). */
export const GRANT_IDS = {
  /** 张桂兰 (70+) lets her son 陈思远 book and queue for her. */
  elderlyToCitizen: '5eed0005-0000-4000-8000-000000000001',
  /** 刘福根 (no phone) lets grid worker 周海燕 act for him, witnessed at a window. */
  noPhoneElderToGridWorker: '5eed0005-0000-4000-8000-000000000002',
  /** 张桂兰 has invited her niece 宋雅琴 to take numbers for her: PENDING, waiting for 宋雅琴. */
  elderlyInvitesNiece: '5eed0005-0000-4000-8000-000000000003',
  /** 张桂兰's first grant to her son, for appointments only: EXPIRED two months ago. */
  elderlyToCitizenExpired: '5eed0005-0000-4000-8000-000000000004',
} as const;

/** Every fixed id, grouped by kind: `SEED_IDS.offices.countyCenter`, `SEED_IDS.users.clerk`, … */
export const SEED_IDS = {
  offices: OFFICE_IDS,
  counters: COUNTER_IDS,
  services: SERVICE_IDS,
  users: USER_IDS,
  grants: GRANT_IDS,
} as const;
