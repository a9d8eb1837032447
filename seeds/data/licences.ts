// The demo people's e-licences (电子证照) as the provincial issuer platform holds them, and the
// purposes (用证事由) with the fields each lets a verifier see. The same records feed the seeded
// Licence rows (seedLicences) and the demo issuer (bff/src/integrations/licence-issuer-demo.ts),
// so a sync in development or against the test stub finds exactly what was seeded.
//
// Numbers follow the real shapes: a driving licence, 社会保障号码 and 残疾人证 are built on the
// holder's resident ID number (残疾人证: + category digit + grade digit); 户口簿 has a 户号, 结婚证
// a 字号, 营业执照 a GB 32100 统一社会信用代码 with its check character. All synthetic (county 3612
// is fictional). Among them one REVOKED (张桂兰's driving licence, 注销 at 75) and one EXPIRED
// (刘福根's resident ID, ended 2025-10-10).
import type { LicenceStatus, LicenceType } from '@palm/db/client';
import { servicePurposeOf, usccCheckChar, type LicenceFieldKey } from '@palm/shared';
import { SERVICES } from './services';
import { USER_IDS, type UserKey } from './ids';
import { ALL_DEMO_USERS } from './people';

export interface DemoLicence {
  id: string;
  holderKey: UserKey;
  type: LicenceType;
  number: string;
  issuer: string;
  validFrom: string;
  /** null: 长期. */
  validUntil: string | null;
  status: LicenceStatus;
  fields: Partial<Record<LicenceFieldKey, string>>;
}

/** K = 6: demo licences. */
const lid = (n: number) => `5eed0006-0000-4000-8000-${String(n).padStart(12, '0')}`;
const personOf = (key: UserKey) => ALL_DEMO_USERS.find((p) => p.key === key)!;
const sexWord = (key: UserKey) => (personOf(key).sex === 'MALE' ? '男' : '女');
const basics = (key: UserKey) => ({ name: personOf(key).name, sex: sexWord(key), birthDate: personOf(key).birthDate });
const idOf = (key: UserKey) => personOf(key).idNumber;
const uscc = (first17: string) => first17 + usccCheckChar(first17);

/** The demo business: 陈思远's company (营业执照). */
export const DEMO_BUSINESS = { name: '青石县思远农产品有限公司', creditCode: uscc('91361221MA3B7K2Q5') } as const;

export const DEMO_LICENCES: readonly DemoLicence[] = [
  // 陈思远 (13800000001): all six kinds a young working adult may hold, a company included.
  {
    id: lid(1), holderKey: 'citizen', type: 'RESIDENT_ID', number: idOf('citizen'), issuer: '青石县公安局', validFrom: '2016-05-20', validUntil: '2036-05-20', status: 'VALID',
    fields: { ...basics('citizen'), ethnicity: '汉', address: '江西省云溪市青石县文昌路18号3栋2单元501室' },
  },
  {
    id: lid(2), holderKey: 'citizen', type: 'DRIVING_LICENCE', number: idOf('citizen'), issuer: '云溪市公安局交通警察支队', validFrom: '2018-08-01', validUntil: '2028-08-01', status: 'VALID',
    fields: { ...basics('citizen'), vehicleClass: 'C1', firstIssuedOn: '2012-08-01' },
  },
  {
    id: lid(3), holderKey: 'citizen', type: 'SOCIAL_SECURITY_CARD', number: idOf('citizen'), issuer: '云溪市人力资源和社会保障局', validFrom: '2019-03-01', validUntil: '2029-03-01', status: 'VALID',
    fields: { name: personOf('citizen').name, sex: sexWord('citizen'), cardNumberMasked: 'G3****718', bank: '中国农业银行' },
  },
  {
    id: lid(4), holderKey: 'citizen', type: 'HOUSEHOLD_REGISTER', number: '361221010213', issuer: '青石县公安局文昌派出所', validFrom: '2019-11-02', validUntil: null, status: 'VALID',
    fields: { ...basics('citizen'), address: '江西省云溪市青石县文昌路18号3栋2单元501室', householdHead: personOf('citizen').name, relationToHead: '户主', householdType: '家庭户' },
  },
  {
    id: lid(5), holderKey: 'citizen', type: 'MARRIAGE_CERTIFICATE', number: 'J361221-2018-000512', issuer: '青石县民政局', validFrom: '2018-10-08', validUntil: null, status: 'VALID',
    fields: { name: personOf('citizen').name, spouseName: '林晓雯', registeredOn: '2018-10-08' },
  },
  {
    id: lid(6), holderKey: 'citizen', type: 'BUSINESS_LICENCE', number: DEMO_BUSINESS.creditCode, issuer: '青石县市场监督管理局', validFrom: '2021-04-16', validUntil: null, status: 'VALID',
    fields: {
      entityName: DEMO_BUSINESS.name, creditCode: DEMO_BUSINESS.creditCode, entityType: '有限责任公司（自然人独资）', legalRepresentative: personOf('citizen').name,
      registeredCapital: '伍拾万元整', establishedOn: '2021-04-16', businessScope: '农产品收购、初加工与销售；预包装食品销售', address: '江西省云溪市青石县石桥镇工业园区3号',
    },
  },
  // 张桂兰 (13800000002, 75): an ID for life, and the driving licence she gave up (REVOKED).
  {
    id: lid(7), holderKey: 'elderly', type: 'RESIDENT_ID', number: idOf('elderly'), issuer: '青石县公安局', validFrom: '2011-06-15', validUntil: null, status: 'VALID',
    fields: { ...basics('elderly'), ethnicity: '汉', address: '江西省云溪市青石县湖滨路66号1栋302室' },
  },
  {
    id: lid(8), holderKey: 'elderly', type: 'SOCIAL_SECURITY_CARD', number: idOf('elderly'), issuer: '云溪市人力资源和社会保障局', validFrom: '2017-09-01', validUntil: '2027-09-01', status: 'VALID',
    fields: { name: personOf('elderly').name, sex: sexWord('elderly'), cardNumberMasked: 'G3****205', bank: '中国邮政储蓄银行' },
  },
  {
    id: lid(9), holderKey: 'elderly', type: 'HOUSEHOLD_REGISTER', number: '361221020087', issuer: '青石县公安局湖滨派出所', validFrom: '1998-03-10', validUntil: null, status: 'VALID',
    fields: { ...basics('elderly'), address: '江西省云溪市青石县湖滨路66号1栋302室', householdHead: personOf('elderly').name, relationToHead: '户主', householdType: '家庭户' },
  },
  {
    id: lid(10), holderKey: 'elderly', type: 'DRIVING_LICENCE', number: idOf('elderly'), issuer: '云溪市公安局交通警察支队', validFrom: '2015-04-01', validUntil: null, status: 'REVOKED',
    fields: { ...basics('elderly'), vehicleClass: 'C2', firstIssuedOn: '2009-04-01' },
  },
  // 刘福根 (no phone, 80): his resident ID ran out and has not been renewed (EXPIRED).
  {
    id: lid(11), holderKey: 'noPhoneElder', type: 'RESIDENT_ID', number: idOf('noPhoneElder'), issuer: '青石县公安局', validFrom: '2005-10-10', validUntil: '2025-10-10', status: 'EXPIRED',
    fields: { ...basics('noPhoneElder'), ethnicity: '汉', address: '江西省云溪市青石县白沙镇白沙村6组12号' },
  },
  // 周海燕 (grid worker), 赵雪梅 (clerk): their IDs.
  {
    id: lid(12), holderKey: 'gridWorker', type: 'RESIDENT_ID', number: idOf('gridWorker'), issuer: '青石县公安局', validFrom: '2019-02-11', validUntil: '2039-02-11', status: 'VALID',
    fields: { ...basics('gridWorker'), ethnicity: '汉', address: '江西省云溪市青石县梅林乡上坊村3组8号' },
  },
  {
    id: lid(13), holderKey: 'clerk', type: 'RESIDENT_ID', number: idOf('clerk'), issuer: '青石县公安局', validFrom: '2020-07-01', validUntil: '2040-07-01', status: 'VALID',
    fields: { ...basics('clerk'), ethnicity: '汉', address: '江西省云溪市青石县文昌路9号' },
  },
  // 吴小梅 (13800000207, 上坊村): a valid 残疾人证 (肢体三级) — her tickets are DISABLED priority.
  {
    id: lid(14), holderKey: 'residentWuXiaomei', type: 'RESIDENT_ID', number: idOf('residentWuXiaomei'), issuer: '青石县公安局', validFrom: '2017-12-08', validUntil: '2037-12-08', status: 'VALID',
    fields: { ...basics('residentWuXiaomei'), ethnicity: '汉', address: '江西省云溪市青石县梅林乡上坊村5组21号' },
  },
  {
    id: lid(15), holderKey: 'residentWuXiaomei', type: 'DISABILITY_CERTIFICATE', number: `${idOf('residentWuXiaomei')}43`, issuer: '青石县残疾人联合会', validFrom: '2023-06-01', validUntil: '2031-06-01', status: 'VALID',
    fields: { ...basics('residentWuXiaomei'), disabilityCategory: '肢体残疾', disabilityGrade: '三级' },
  },
];

export const DEMO_LICENCE_IDS = Object.fromEntries(DEMO_LICENCES.map((l) => [`${l.holderKey}:${l.type}`, l.id])) as Readonly<Record<string, string>>;

/** The holder of each demo licence, by user id (the seeds' and the demo issuer's join). */
export const holderIdOf = (licence: DemoLicence): string => USER_IDS[licence.holderKey];

export interface SeedLicencePurpose {
  code: string;
  name: string;
  serviceId: string | null;
  licenceTypes: LicenceType[];
  fields: LicenceFieldKey[];
}

/** Named checks: what a window, a hall or a partner may ask to see, not tied to one service. */
const NAMED_PURPOSES: readonly SeedLicencePurpose[] = [
  { code: 'IDENTITY_CHECK', name: '身份核验', serviceId: null, licenceTypes: ['RESIDENT_ID', 'SOCIAL_SECURITY_CARD', 'DRIVING_LICENCE'], fields: ['name', 'numberMasked', 'validUntil', 'status'] },
  { code: 'AGE_CHECK', name: '年龄核验（老年人优待）', serviceId: null, licenceTypes: ['RESIDENT_ID', 'DRIVING_LICENCE'], fields: ['name', 'ageOver60'] },
  { code: 'DRIVING_CHECK', name: '驾驶资格核验', serviceId: null, licenceTypes: ['DRIVING_LICENCE'], fields: ['name', 'vehicleClass', 'validUntil', 'status'] },
  { code: 'DISABILITY_CHECK', name: '残疾人优待核验', serviceId: null, licenceTypes: ['DISABILITY_CERTIFICATE'], fields: ['name', 'disabilityCategory', 'disabilityGrade', 'validUntil'] },
  { code: 'BUSINESS_CHECK', name: '企业身份核验', serviceId: null, licenceTypes: ['BUSINESS_LICENCE'], fields: ['entityName', 'creditCode', 'legalRepresentative', 'status'] },
];

/** One purpose per service whose guide lets an e-licence replace a material (code: the service's code; the rule a guide edit follows too). */
const SERVICE_PURPOSES: readonly SeedLicencePurpose[] = SERVICES.flatMap((s) => {
  const { licenceTypes, fields } = servicePurposeOf(s.materials);
  return licenceTypes.length === 0 ? [] : [{ code: s.code, name: s.name, serviceId: s.id, licenceTypes, fields }];
});

export const LICENCE_PURPOSES: readonly SeedLicencePurpose[] = [...NAMED_PURPOSES, ...SERVICE_PURPOSES];
