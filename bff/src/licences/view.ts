// Rows → API shapes of the e-licence domain, and selective disclosure: which of a purpose's fields
// a licence has, and their values. Pure functions over loaded rows.
import {
  ageOn,
  disclosableFields,
  LICENCE_FIELD_LABELS,
  LICENCE_STATUS_LABELS,
  LICENCE_TYPE_FIELDS,
  LICENCE_TYPE_LABELS,
  maskName,
  type LicenceFieldKey,
  type LicenceStatusKey,
  type LicenceTypeKey,
} from '@palm/shared';
import type { LicenceUse, LicenceView } from '@palm/shared/server';
import type { Licence, LicencePurpose } from '@palm/db/client';
import { LICENCE_CAPTURE_PURPOSE, LICENCE_REVEAL_PURPOSE } from '@palm/shared';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const labelOf = (key: string): string => (LICENCE_FIELD_LABELS as Record<string, string>)[key] ?? key;
export const fieldList = (keys: readonly string[]) => keys.map((key) => ({ key, label: labelOf(key) }));

/** Its status today (YYYY-MM-DD, Asia/Shanghai): a VALID licence past its last day is EXPIRED, whether or not a sync said so. */
export function statusOn(licence: Pick<Licence, 'status' | 'validUntil'>, today: string): LicenceStatusKey {
  return licence.status === 'VALID' && licence.validUntil !== null && isoDay(licence.validUntil) < today ? 'EXPIRED' : licence.status;
}

const displayFields = (licence: Pick<Licence, 'fields'>): Record<string, string> => {
  const raw = licence.fields;
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
};

/** The holder's name as the licence (or the account) names it, masked: "陈**". */
export const holderNameMasked = (licence: Pick<Licence, 'fields'>, accountName: string | null): string => {
  const fields = displayFields(licence);
  const name = fields.name ?? fields.legalRepresentative ?? accountName;
  return name ? maskName(name) : '未实名用户';
};

export function toLicenceView(licence: Licence, today: string, accountName: string | null, revealed?: string): LicenceView {
  const fields = displayFields(licence);
  const own = LICENCE_TYPE_FIELDS[licence.type as LicenceTypeKey].filter((key) => fields[key] !== undefined);
  return {
    id: licence.id,
    type: licence.type,
    typeLabel: LICENCE_TYPE_LABELS[licence.type as LicenceTypeKey],
    numberMasked: licence.numberMasked,
    ...(revealed === undefined ? {} : { number: revealed }),
    issuer: licence.issuer,
    validFrom: isoDay(licence.validFrom),
    validUntil: licence.validUntil ? isoDay(licence.validUntil) : null,
    status: statusOn(licence, today),
    holderNameMasked: holderNameMasked(licence, accountName),
    fields: own.map((key) => ({ key, label: labelOf(key), value: fields[key]! })),
    lastSyncedAt: licence.lastSyncedAt.toISOString(),
  };
}

/** Of a purpose's fields, those a licence of this type can disclose, in the purpose's order. */
export function disclosedKeys(purpose: Pick<LicencePurpose, 'fields'>, type: LicenceTypeKey): LicenceFieldKey[] {
  const can = new Set<string>(disclosableFields(type));
  return purpose.fields.filter((key): key is LicenceFieldKey => can.has(key));
}

/**
 * The values a verifier sees: exactly `keys`, from the licence as it is now. The full number is
 * never among them (no field key names it); age checks are answered from the birth date at `today`
 * without the date itself.
 */
export function disclose(licence: Licence, keys: readonly string[], today: string): { key: string; label: string; value: string }[] {
  const fields = displayFields(licence);
  const status = statusOn(licence, today);
  const valueOf = (key: string): string => {
    switch (key) {
      case 'numberMasked':
        return licence.numberMasked;
      case 'issuer':
        return licence.issuer;
      case 'validFrom':
        return isoDay(licence.validFrom);
      case 'validUntil':
        return licence.validUntil ? isoDay(licence.validUntil) : '长期';
      case 'status':
        return LICENCE_STATUS_LABELS[status];
      case 'ageOver18':
      case 'ageOver60':
        return fields.birthDate ? (ageOn(fields.birthDate, today) >= (key === 'ageOver18' ? 18 : 60) ? '是' : '否') : '未知';
      default:
        return fields[key] ?? '';
    }
  };
  return keys.map((key) => ({ key, label: labelOf(key), value: valueOf(key) }));
}

export interface UseRow {
  id: string;
  purposeCode: string;
  fields: string[];
  createdAt: Date;
  expiresAt: Date;
  verifiedAt: Date | null;
  subjectId: string;
  actorId: string;
  purpose: { name: string };
  actor: { name: string | null; phoneMasked: string | null };
  verifiedOffice: { id: string; name: string } | null;
  verifiedCounter: { number: number; name: string } | null;
}

export function toUseView(row: UseRow): LicenceUse {
  const self = row.actorId === row.subjectId;
  return {
    id: row.id,
    kind: 'PRESENTATION',
    purpose: { code: row.purposeCode, name: row.purpose.name },
    presentedAt: row.createdAt.toISOString(),
    presentedBy: { self, nameMasked: row.actor.name ? maskName(row.actor.name) : (row.actor.phoneMasked ?? '未实名用户') },
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
    office: row.verifiedOffice,
    counter: row.verifiedCounter,
    fields: fieldList(row.fields),
  };
}

export interface CaptureRow {
  id: string;
  kind: 'CAPTURE' | 'REVEAL';
  createdAt: Date;
  subjectId: string;
  actorId: string;
  actor: { name: string | null; phoneMasked: string | null };
}

/**
 * A screen capture (截屏) or the full number shown (查看完整号码) in 使用记录, by whom and when;
 * nobody verified anything, nothing was disclosed to a verifier.
 */
export function toCaptureUseView(row: CaptureRow): LicenceUse {
  return {
    id: row.id,
    kind: row.kind,
    purpose: { ...(row.kind === 'REVEAL' ? LICENCE_REVEAL_PURPOSE : LICENCE_CAPTURE_PURPOSE) },
    presentedAt: row.createdAt.toISOString(),
    presentedBy: { self: row.actorId === row.subjectId, nameMasked: row.actor.name ? maskName(row.actor.name) : (row.actor.phoneMasked ?? '未实名用户') },
    verifiedAt: null,
    expiresAt: row.createdAt.toISOString(),
    office: null,
    counter: null,
    fields: [],
  };
}
