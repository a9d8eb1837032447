// The versions of a service's guide (issue 17 item 5; prisma ServiceGuideVersion): every version
// is a full snapshot of the guide's fields (@palm/shared GuideFields), `Service.guideVersion` names
// the current one and an appointment keeps the one it was booked under. Read here: the current
// version with its snapshot in one statement (what a booking's 免证办 is checked against, so the
// version stored is the one checked), and a version as the citizen's booking shows it.
import { E_LICENCE_LABELS, formatFee, type GuideFields, type GuideMaterial } from '@palm/shared';
import type { AppointmentGuide, ServiceMaterial } from '@palm/shared/server';
import type { PrismaClient } from '@palm/db/client';

/** A material as the guide and a booking show it: its position and the e-licence's name (电子身份证: the guide's labels). */
export function materialView(m: GuideMaterial, position: number): ServiceMaterial {
  return {
    position,
    name: m.name,
    required: m.required,
    originals: m.originals,
    copies: m.copies,
    licenceType: m.licenceType,
    licenceLabel: m.licenceType ? E_LICENCE_LABELS[m.licenceType] : null,
    note: m.note,
  };
}

/** A stored snapshot (JSON written from GuideFields by this code, the seed or the migration). */
export const snapshotOf = (json: unknown): GuideFields => json as GuideFields;

/** The service's current version and its snapshot, read together; null for an unknown service. */
export async function currentGuide(prisma: PrismaClient, serviceId: string): Promise<{ version: number; guide: GuideFields } | null> {
  const [row] = await prisma.$queryRaw<{ version: number; guide: unknown }[]>`
    SELECT v."version", v."guide" FROM "Service" s
    JOIN "ServiceGuideVersion" v ON v."serviceId" = s."id" AND v."version" = s."guideVersion"
    WHERE s."id" = ${serviceId}::uuid`;
  return row ? { version: row.version, guide: snapshotOf(row.guide) } : null;
}

/** The guide a booking was made under, and whether it is still the service's current one. */
export function appointmentGuide(booked: { version: number; guide: unknown }, currentVersion: number): AppointmentGuide {
  const guide = snapshotOf(booked.guide);
  return {
    version: booked.version,
    isCurrent: booked.version === currentVersion,
    conditions: guide.conditions,
    materials: guide.materials.map(materialView),
    promisedDays: guide.promisedDays,
    fee: { display: formatFee(guide.feeFen, guide.feeMaxFen), note: guide.feeNote },
  };
}
