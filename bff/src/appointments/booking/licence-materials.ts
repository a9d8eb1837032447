// 免证办 (issue 15 step 6; DESIGN.md §3 Application "licence references with trust level A–D"):
// at booking, each guide material whose `licenceType` the subject holds in a VALID licence may be
// covered by that licence instead of paper. The booking stores, per material, the licence
// reference as it was checked — the type, the masked number and the trust level (A: synced from
// the issuer on the booking's business day by the server clock; B: synced earlier, still valid;
// @palm/shared LICENCE_TRUST_LEVEL_RULES) — in `Appointment.licenceMaterials`, written by the
// statement that books (statements.ts). Every choice is checked before a place is won; a refused
// one books nothing.
import {
  LICENCE_TRUST_LEVEL_RULES,
  LICENCE_TYPE_LABELS,
  licenceCoverWords,
  licenceTrustLevel,
  type LicenceTrustLevel,
  type LicenceTypeKey,
} from '@palm/shared';
import type { CoveredMaterial } from '@palm/shared/server';
import type { PrismaClient } from '@palm/db/client';
import type { Clock } from '../../lib/clock';
import { AppError } from '../../lib/errors';
import { currentGuide } from '../../catalogue/guide-versions';
import { statusOn } from '../../licences/view';

/** One material covered, as stored on the appointment (JSON). Never a full number. */
export interface StoredCoveredMaterial {
  position: number;
  name: string;
  licenceId: string;
  type: LicenceTypeKey;
  numberMasked: string;
  trustLevel: LicenceTrustLevel;
  checkedAt: string;
}

export interface LicenceMaterialChoice {
  position: number;
  licenceId: string;
}

/** What a booking stores of its 免证办 choices: the covered materials and the guide version they were checked against. */
export interface CheckedCover {
  /** null without choices: the booking records the service's version as it books. */
  guideVersion: number | null;
  materials: StoredCoveredMaterial[];
}

/**
 * Checks the choices against the service's current guide version (its snapshot: the version the
 * booking then records, so what was covered is what that version lists) and the subject's
 * licences, and returns what the booking stores, in guide order. Refusals (nothing is booked): a position named twice or not in
 * the guide `VALIDATION_FAILED` (400); a material no licence may replace, or a licence of another
 * type `LICENCE_MATERIAL_MISMATCH`; a licence that is not the subject's (or no licence at all: the
 * same answer, so no id's existence leaks) `LICENCE_NOT_SUBJECTS`; one revoked or past its last
 * day `LICENCE_NOT_VALID` (all 422).
 */
export async function checkLicenceMaterials(
  prisma: PrismaClient,
  clock: Clock,
  input: { serviceId: string; subjectId: string; choices: readonly LicenceMaterialChoice[] },
): Promise<CheckedCover> {
  const { choices } = input;
  if (choices.length === 0) return { guideVersion: null, materials: [] };
  const seen = new Set<number>();
  choices.forEach((c, i) => {
    if (seen.has(c.position)) throw new AppError('VALIDATION_FAILED', '同一项材料只能选择一个电子证照', [{ field: `body.licenceMaterials.${i}.position`, rule: 'unique' }]);
    seen.add(c.position);
  });
  const [current, licences] = await Promise.all([
    currentGuide(prisma, input.serviceId),
    prisma.licence.findMany({
      where: { id: { in: [...new Set(choices.map((c) => c.licenceId))] } },
      select: { id: true, holderId: true, type: true, status: true, validUntil: true, numberMasked: true, lastSyncedAt: true },
    }),
  ]);
  const materials = (current?.guide.materials ?? []).map((m, position) => ({ position, name: m.name, licenceType: m.licenceType }));
  const now = clock.now();
  const today = clock.businessDate(now);
  const stored = choices.map((choice, i): StoredCoveredMaterial => {
    const material = materials.find((m) => m.position === choice.position);
    if (!material) throw new AppError('VALIDATION_FAILED', '办事指南中没有这项材料', [{ field: `body.licenceMaterials.${i}.position`, rule: 'material' }]);
    if (!material.licenceType) throw new AppError('LICENCE_MATERIAL_MISMATCH', `“${material.name}”不能用电子证照代替，请带上纸质材料`);
    const licence = licences.find((l) => l.id === choice.licenceId);
    if (!licence || licence.holderId !== input.subjectId) throw new AppError('LICENCE_NOT_SUBJECTS');
    if (licence.type !== material.licenceType) {
      throw new AppError('LICENCE_MATERIAL_MISMATCH', `“${material.name}”须用${LICENCE_TYPE_LABELS[material.licenceType as LicenceTypeKey]}代替，所选证照是${LICENCE_TYPE_LABELS[licence.type as LicenceTypeKey]}`);
    }
    if (statusOn(licence, today) !== 'VALID') throw new AppError('LICENCE_NOT_VALID');
    return {
      position: material.position,
      name: material.name,
      licenceId: licence.id,
      type: licence.type as LicenceTypeKey,
      numberMasked: licence.numberMasked,
      trustLevel: licenceTrustLevel(clock.businessDate(licence.lastSyncedAt), today),
      checkedAt: now.toISOString(),
    };
  });
  return { guideVersion: current?.version ?? null, materials: stored.sort((a, b) => a.position - b.position) };
}

const isStored = (v: unknown): v is StoredCoveredMaterial =>
  typeof v === 'object' && v !== null && typeof (v as StoredCoveredMaterial).licenceId === 'string' && (v as StoredCoveredMaterial).type in LICENCE_TYPE_LABELS;

/** The stored JSON → the API's covered materials (a row written before 免证办 has none). */
export function coveredMaterials(json: unknown): CoveredMaterial[] {
  if (!Array.isArray(json)) return [];
  return json.filter(isStored).map((m) => ({
    position: m.position,
    name: m.name,
    licence: { id: m.licenceId, type: m.type, typeLabel: LICENCE_TYPE_LABELS[m.type], numberMasked: m.numberMasked },
    trustLevel: m.trustLevel,
    trustLabel: LICENCE_TRUST_LEVEL_RULES[m.trustLevel].label,
    words: licenceCoverWords(m.type, m.numberMasked),
    checkedAt: m.checkedAt,
  }));
}
