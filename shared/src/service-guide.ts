// A service's guide as an admin edits it and as a version keeps it (issue 17 item 5): the fields
// of the 办事指南 a citizen prepares by — summary, conditions, steps, materials with the e-licence
// that may replace each, time limits, fee, channels — and the search synonyms. Every version of a
// guide is a full snapshot of these fields (ServiceGuideVersion.guide); an appointment shows the
// version it was booked under. Plain TypeScript: the BFF, the seed and the mini-app share it.
import type { LicenceFieldKey, LicenceTypeKey } from './licences';

export interface GuideMaterial {
  name: string;
  required: boolean;
  originals: number;
  copies: number;
  /** The e-licence that may replace the paper material (免证办), if any. */
  licenceType: LicenceTypeKey | null;
  note: string | null;
}

export interface GuideFields {
  summary: string;
  conditions: string[];
  process: string[];
  /** In guide order: a material's position is its index. */
  materials: GuideMaterial[];
  legalDays: number;
  promisedDays: number;
  feeFen: number;
  feeMaxFen: number | null;
  feeNote: string | null;
  onlineAllowed: boolean;
  proxyAllowed: boolean;
  appointmentRequired: boolean;
  /** Search synonyms (社保, 退休): what people type for the service. */
  aliases: string[];
}

export type GuideField = keyof GuideFields;

/** Every field of a guide, in the order the console and the audit list them. */
export const GUIDE_FIELDS = [
  'summary',
  'conditions',
  'process',
  'materials',
  'legalDays',
  'promisedDays',
  'feeFen',
  'feeMaxFen',
  'feeNote',
  'onlineAllowed',
  'proxyAllowed',
  'appointmentRequired',
  'aliases',
] as const satisfies readonly GuideField[];

/** The guide fields of a service row and its materials (any order: sorted by position here). */
export function guideOf(
  service: Omit<GuideFields, 'materials'>,
  materials: ReadonlyArray<GuideMaterial & { position: number }>,
): GuideFields {
  const out = {} as Record<GuideField, unknown>;
  for (const field of GUIDE_FIELDS) if (field !== 'materials') out[field] = service[field];
  out.materials = [...materials]
    .sort((a, b) => a.position - b.position)
    .map((m) => ({ name: m.name, required: m.required, originals: m.originals, copies: m.copies, licenceType: m.licenceType, note: m.note ?? null }));
  return out as unknown as GuideFields;
}

/** A value with its object keys sorted: two guides compare by content, whatever order their keys come in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** The fields whose values differ between two guides (`next` may be partial: only its fields are compared). */
export function changedGuideFields(before: GuideFields, next: Partial<GuideFields>): GuideField[] {
  return GUIDE_FIELDS.filter((field) => next[field] !== undefined && canonical(next[field]) !== canonical(before[field]));
}

/** What a service's handling needs of each licence type its guide lets replace a paper (its 用证事由's fields). */
export const SERVICE_PURPOSE_FIELDS: Readonly<Record<LicenceTypeKey, readonly LicenceFieldKey[]>> = {
  RESIDENT_ID: ['name', 'sex', 'birthDate', 'address', 'numberMasked', 'validUntil'],
  HOUSEHOLD_REGISTER: ['name', 'address', 'householdHead', 'relationToHead'],
  DRIVING_LICENCE: ['name', 'vehicleClass', 'validUntil'],
  BUSINESS_LICENCE: ['entityName', 'creditCode', 'entityType', 'legalRepresentative', 'establishedOn'],
  MARRIAGE_CERTIFICATE: ['name', 'spouseName', 'registeredOn'],
  SOCIAL_SECURITY_CARD: ['name', 'cardNumberMasked', 'bank'],
  DISABILITY_CERTIFICATE: ['name', 'disabilityCategory', 'disabilityGrade', 'validUntil'],
  BIRTH_MEDICAL_CERTIFICATE: ['name', 'sex', 'birthDate'],
  REAL_ESTATE_CERTIFICATE: ['name', 'address'],
};

/**
 * A service's 用证事由 (LicencePurpose, code: the service's code) as its guide's materials make it:
 * the licence types that may replace a material (in material order, each once) and the fields
 * those types disclose for the service. No type: the service has no purpose (the seed makes none;
 * a guide edit removes it, or empties it when a presentation already used it).
 */
export function servicePurposeOf(materials: ReadonlyArray<Pick<GuideMaterial, 'licenceType'>>): { licenceTypes: LicenceTypeKey[]; fields: LicenceFieldKey[] } {
  const licenceTypes = [...new Set(materials.flatMap((m) => (m.licenceType ? [m.licenceType] : [])))];
  return { licenceTypes, fields: [...new Set(licenceTypes.flatMap((t) => SERVICE_PURPOSE_FIELDS[t]))] };
}
