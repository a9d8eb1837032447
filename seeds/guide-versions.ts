// Every seeded service's guide has the row of its current version (ServiceGuideVersion; issue 17
// item 5): an appointment records the version it is booked under and shows that snapshot. Run
// after the services and their materials are synced: a service without its version's row gets it
// (a fresh database: version 1); a guide the seed data changed since (services.ts edited) becomes a
// new version naming the fields it changed, so bookings made before keep what they were booked
// under. A re-run writes nothing. An admin's edit in the console is a version like any other — and
// the next seed run puts the seed's guide back as a newer one (the seed defines the catalogue).
import { changedGuideFields, guideOf, type GuideFields, type LicenceTypeKey } from '@palm/shared';
import type { Prisma } from '@palm/db/client';
import type { TableSync } from '@palm/db';
import { SERVICES } from './data/services';

type Tx = Prisma.TransactionClient;

export async function seedGuideVersions(tx: Tx): Promise<TableSync> {
  // An admin's edit at the same moment waits for this (and this for it): versions stay one apart.
  const ids = SERVICES.map((s) => s.id);
  await tx.$queryRaw`SELECT "id" FROM "Service" WHERE "id" = ANY(${ids}::uuid[]) ORDER BY "id" FOR NO KEY UPDATE`;
  const services = await tx.service.findMany({
    where: { id: { in: ids } },
    include: { materials: true, guideVersions: { orderBy: { version: 'desc' }, take: 1 } },
  });
  let created = 0;
  let updated = 0;
  for (const s of services) {
    const guide = guideOf(s, s.materials.map((m) => ({ ...m, licenceType: m.licenceType as LicenceTypeKey | null })));
    const latest = s.guideVersions[0];
    if (latest && latest.version === s.guideVersion) {
      const fields = changedGuideFields(latest.guide as unknown as GuideFields, guide);
      if (fields.length === 0) continue;
      const version = s.guideVersion + 1;
      await tx.serviceGuideVersion.create({ data: { serviceId: s.id, version, guide: guide as unknown as Prisma.InputJsonValue, fields } });
      await tx.service.update({ where: { id: s.id }, data: { guideVersion: version } });
      updated += 1;
    } else {
      const made = await tx.serviceGuideVersion.createMany({ data: [{ serviceId: s.id, version: s.guideVersion, guide: guide as unknown as Prisma.InputJsonValue, fields: [] }], skipDuplicates: true });
      created += made.count;
    }
  }
  return { total: services.length, created, updated, deleted: 0 };
}
