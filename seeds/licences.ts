// Loads the e-licence demo (data/licences.ts). The purposes are data the seed owns: synced like the
// catalogue (a changed field list is updated, a purpose no longer seeded is removed unless a
// presentation used it). The licences are insert-only by their fixed ids, like the demo grants:
// once there they are the app's (a sync from the issuer updates them), and a re-seed never
// re-encrypts a number or moves a date back.
import type { Prisma } from '@palm/db/client';
import { insertMissing, pickFields, planSync, tableSync, type Pii, type TableSync } from '@palm/db';
import { DEMO_LICENCES, holderIdOf, LICENCE_PURPOSES } from './data/licences';

type Tx = Prisma.TransactionClient;
type Row = Record<string, unknown>;

export async function seedLicencePurposes(tx: Tx): Promise<TableSync> {
  const now = new Date();
  const fields = ['name', 'serviceId', 'licenceTypes', 'fields'] as const;
  const desired = LICENCE_PURPOSES.map((p) => ({ code: p.code, name: p.name, serviceId: p.serviceId, licenceTypes: [...p.licenceTypes], fields: [...p.fields] }));
  const existing = await tx.licencePurpose.findMany();
  const p = planSync(desired, existing, (r: Row) => String(r.code), fields);
  await insertMissing(tx, 'LicencePurpose', p.create.map((r) => ({ ...r, createdAt: now, updatedAt: now })));
  for (const r of p.update) await tx.licencePurpose.update({ where: { code: r.code }, data: pickFields(r, fields) });
  const unused = p.stale.length ? (await tx.licencePurpose.deleteMany({ where: { code: { in: p.stale }, presentations: { none: {} } } })).count : 0;
  return tableSync(desired.length, p, unused);
}

const day = (d: string | null) => (d === null ? null : new Date(`${d}T00:00:00.000Z`));

export async function seedLicences(tx: Tx, pii: Pii, now: Date): Promise<TableSync> {
  const have = new Set((await tx.licence.findMany({ where: { id: { in: DEMO_LICENCES.map((l) => l.id) } }, select: { id: true } })).map((l) => l.id));
  const create = DEMO_LICENCES.filter((l) => !have.has(l.id)).map((l) => ({
    id: l.id,
    holderId: holderIdOf(l),
    type: l.type,
    ...pii.protectLicenceNumber(l.number),
    issuer: l.issuer,
    validFrom: day(l.validFrom)!,
    validUntil: day(l.validUntil),
    status: l.status,
    fields: l.fields,
    lastSyncedAt: now,
    createdAt: now,
    updatedAt: now,
  }));
  // skipDuplicates: two processes seeding at once (or a sync that got there first) leave one row.
  const inserted = create.length ? (await tx.licence.createMany({ data: create, skipDuplicates: true })).count : 0;
  return { total: DEMO_LICENCES.length, created: inserted, updated: 0, deleted: 0 };
}
