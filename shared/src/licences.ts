// E-licences (电子证照, DESIGN.md §3 Licence, §4 亮证): the types Palm knows, the fields each type
// carries (by key, with their Chinese labels), and how a licence number is masked. A purpose (a
// service or a named check such as 身份核验) names the field keys it discloses to a verifier: the
// table itself is data (LicencePurpose rows, seeded), these keys are its vocabulary.
import { maskIdNumber } from './mask';

export const LICENCE_TYPES = [
  'RESIDENT_ID',
  'HOUSEHOLD_REGISTER',
  'DRIVING_LICENCE',
  'BUSINESS_LICENCE',
  'MARRIAGE_CERTIFICATE',
  'SOCIAL_SECURITY_CARD',
  'DISABILITY_CERTIFICATE',
  'BIRTH_MEDICAL_CERTIFICATE',
  'REAL_ESTATE_CERTIFICATE',
] as const;
export type LicenceTypeKey = (typeof LICENCE_TYPES)[number];

export const LICENCE_TYPE_LABELS: Readonly<Record<LicenceTypeKey, string>> = {
  RESIDENT_ID: '居民身份证',
  HOUSEHOLD_REGISTER: '居民户口簿',
  DRIVING_LICENCE: '机动车驾驶证',
  BUSINESS_LICENCE: '营业执照',
  MARRIAGE_CERTIFICATE: '结婚证',
  SOCIAL_SECURITY_CARD: '社会保障卡',
  DISABILITY_CERTIFICATE: '残疾人证',
  BIRTH_MEDICAL_CERTIFICATE: '出生医学证明',
  REAL_ESTATE_CERTIFICATE: '不动产权证书',
};

/**
 * The e-licence that may stand in for a paper material, as the guide names it (可用电子户口簿替代):
 * the citizens' guide (GET /api/services/:id, licenceLabel) and the console's guide editor say the same.
 */
export const E_LICENCE_LABELS: Readonly<Record<LicenceTypeKey, string>> = {
  RESIDENT_ID: '电子身份证',
  HOUSEHOLD_REGISTER: '电子户口簿',
  DRIVING_LICENCE: '电子驾驶证',
  BUSINESS_LICENCE: '电子营业执照',
  MARRIAGE_CERTIFICATE: '电子结婚证',
  SOCIAL_SECURITY_CARD: '电子社保卡',
  DISABILITY_CERTIFICATE: '电子残疾人证',
  BIRTH_MEDICAL_CERTIFICATE: '电子出生医学证明',
  REAL_ESTATE_CERTIFICATE: '电子不动产权证书',
};

export const LICENCE_STATUSES = ['VALID', 'REVOKED', 'EXPIRED'] as const;
export type LicenceStatusKey = (typeof LICENCE_STATUSES)[number];
export const LICENCE_STATUS_LABELS: Readonly<Record<LicenceStatusKey, string>> = { VALID: '有效', REVOKED: '已注销', EXPIRED: '已过期' };

/**
 * Every field key a licence may carry or a purpose may disclose, with its label. `numberMasked`,
 * `issuer`, `validFrom`, `validUntil` and `status` come from the licence row itself; the rest from
 * its display fields. The full number is never a field: no purpose can disclose it.
 */
export const LICENCE_FIELD_LABELS = {
  name: '姓名',
  sex: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  address: '住址',
  ageOver18: '年满18周岁',
  ageOver60: '年满60周岁',
  numberMasked: '证照号码（部分隐藏）',
  issuer: '发证机关',
  validFrom: '有效期起',
  validUntil: '有效期至',
  status: '证照状态',
  vehicleClass: '准驾车型',
  firstIssuedOn: '初次领证日期',
  cardNumberMasked: '社保卡卡号（部分隐藏）',
  bank: '金融账户开户银行',
  householdHead: '户主姓名',
  relationToHead: '与户主关系',
  householdType: '户别',
  spouseName: '配偶姓名',
  registeredOn: '登记日期',
  entityName: '名称',
  creditCode: '统一社会信用代码',
  entityType: '类型',
  legalRepresentative: '法定代表人',
  registeredCapital: '注册资本',
  establishedOn: '成立日期',
  businessScope: '经营范围',
  disabilityCategory: '残疾类别',
  disabilityGrade: '残疾等级',
} as const;
export type LicenceFieldKey = keyof typeof LICENCE_FIELD_LABELS;
export const LICENCE_FIELD_KEYS = Object.keys(LICENCE_FIELD_LABELS) as LicenceFieldKey[];

/** Fields of the licence row itself, every type has them. */
export const LICENCE_ROW_FIELDS = ['numberMasked', 'issuer', 'validFrom', 'validUntil', 'status'] as const satisfies readonly LicenceFieldKey[];
/** Derived from a holder's birth date at the moment of verification (an age check without the date). */
export const LICENCE_DERIVED_FIELDS = ['ageOver18', 'ageOver60'] as const satisfies readonly LicenceFieldKey[];

/** The display fields each type carries (beside the row's own), as the issuer reports them. */
export const LICENCE_TYPE_FIELDS: Readonly<Record<LicenceTypeKey, readonly LicenceFieldKey[]>> = {
  RESIDENT_ID: ['name', 'sex', 'ethnicity', 'birthDate', 'address'],
  HOUSEHOLD_REGISTER: ['name', 'sex', 'birthDate', 'address', 'householdHead', 'relationToHead', 'householdType'],
  DRIVING_LICENCE: ['name', 'sex', 'birthDate', 'vehicleClass', 'firstIssuedOn'],
  BUSINESS_LICENCE: ['entityName', 'creditCode', 'entityType', 'legalRepresentative', 'registeredCapital', 'establishedOn', 'businessScope', 'address'],
  MARRIAGE_CERTIFICATE: ['name', 'spouseName', 'registeredOn'],
  SOCIAL_SECURITY_CARD: ['name', 'sex', 'cardNumberMasked', 'bank'],
  DISABILITY_CERTIFICATE: ['name', 'sex', 'birthDate', 'disabilityCategory', 'disabilityGrade'],
  BIRTH_MEDICAL_CERTIFICATE: ['name', 'sex', 'birthDate'],
  REAL_ESTATE_CERTIFICATE: ['name', 'address'],
};

/** Every field a licence of this type can disclose: its own, the row's, and (with a birth date) the derived age checks. */
export function disclosableFields(type: LicenceTypeKey): LicenceFieldKey[] {
  const own = LICENCE_TYPE_FIELDS[type];
  return [...own, ...LICENCE_ROW_FIELDS, ...(own.includes('birthDate') ? LICENCE_DERIVED_FIELDS : [])];
}

/**
 * A licence number as shown: an 18-character resident ID number (and the numbers built on it:
 * driving licence, 社会保障号码, 残疾人证) keeps its first 4 and last 4 like maskIdNumber; any other
 * keeps its first 4 and last 4 too when longer than 10, else only its last 2.
 */
export function maskLicenceNumber(number: string): string {
  const chars = [...number];
  if (chars.length === 18) return maskIdNumber(number);
  if (chars.length > 10) return `${chars.slice(0, 4).join('')}${'*'.repeat(chars.length - 8)}${chars.slice(-4).join('')}`;
  return `${'*'.repeat(Math.max(chars.length - 2, 0))}${chars.slice(-2).join('')}`;
}

/** The `typ` header of a 亮证 token and its audience (DESIGN.md §4). */
export const LICENCE_TOKEN_TYP = 'licence-qr+jwt';
export const LICENCE_TOKEN_AUD = 'licence-verify';
/** A token lives 60 s; the app shows a new one every 30 s; a verifier allows ±30 s of clock skew. */
export const LICENCE_TOKEN_TTL_SECONDS = 60;
export const LICENCE_TOKEN_REFRESH_SECONDS = 30;
export const LICENCE_TOKEN_SKEW_SECONDS = 30;
/** How long the app shows a revealed number before masking it again. */
export const LICENCE_REVEAL_SECONDS = 30;
/** The purpose code of the named identity check (身份核验). */
export const IDENTITY_CHECK_PURPOSE = 'IDENTITY_CHECK';

/**
 * Trust levels of a material given as an e-licence reference or an upload (DESIGN.md §3
 * Application: "materials as uploads or licence references with trust level A–D"), strongest
 * first. Data: each level's rule in words as the app and the clerk show it. A booking's 免证办
 * records A or B (a licence row from the issuer); C and D are for uploads and declarations.
 */
export const LICENCE_TRUST_LEVELS = ['A', 'B', 'C', 'D'] as const;
export type LicenceTrustLevel = (typeof LICENCE_TRUST_LEVELS)[number];
export const LICENCE_TRUST_LEVEL_RULES: Readonly<Record<LicenceTrustLevel, { label: string; rule: string }>> = {
  /** The licence row was synced from the issuer platform on the server's business day of the act. */
  A: { label: 'A级：当日经发证机关核验', rule: '证照当天（以服务器时间为准）从发证机关电子证照平台同步，状态有效' },
  /** Synced from the issuer platform before that day, and still VALID and within its dates. */
  B: { label: 'B级：发证机关数据，此前同步', rule: '证照此前从发证机关电子证照平台同步，至今仍在有效期内且未注销' },
  /** An upload (photo or scan of the paper original), not checked with the issuer. */
  C: { label: 'C级：上传的证件影像', rule: '申请人上传的证件照片或扫描件，未经发证机关核验，须窗口核对原件' },
  /** The person's own statement, nothing behind it. */
  D: { label: 'D级：本人声明', rule: '申请人自行声明，无证照或影像佐证，须窗口核对原件' },
};

/**
 * The trust level of an e-licence reference made on `today` (YYYY-MM-DD, Asia/Shanghai, the
 * server's clock) from a VALID licence last synced on `syncedOn` (the same calendar): A when
 * synced that very day, else B.
 */
export function licenceTrustLevel(syncedOn: string, today: string): Extract<LicenceTrustLevel, 'A' | 'B'> {
  return syncedOn === today ? 'A' : 'B';
}

/** 免证办 in words: "用电子证照（居民身份证 3601**********1234）". */
export function licenceCoverWords(type: LicenceTypeKey, numberMasked: string): string {
  return `用电子证照（${LICENCE_TYPE_LABELS[type]} ${numberMasked}）`;
}

/** The 使用记录 entry of a screen capture of a licence page (POST /api/licences/:id/captures). */
export const LICENCE_CAPTURE_PURPOSE = { code: 'SCREEN_CAPTURE', name: '截屏' } as const;
/** The 使用记录 entry of the full number shown to the holder (GET /api/licences/:id?reveal=true). */
export const LICENCE_REVEAL_PURPOSE = { code: 'NUMBER_REVEAL', name: '查看完整号码' } as const;
