// A service's guide as the admin console edits it (issue 17 item 5): summary, conditions, steps,
// materials with the e-licence that may replace each, time limits, fee, channels and the search
// synonyms. Every edit is a new version of the guide (prisma ServiceGuideVersion: a full snapshot
// and the fields it changed), saved with the service's own rows in one transaction that holds the
// service's row lock, so two edits at once are two versions one after the other, never the same
// number twice — and with `expectedVersion`, the second is refused (GUIDE_VERSION_CONFLICT) rather
// than overwriting what it never saw. Appointments keep the version they were booked under
// (catalogue/guide-versions.ts). Search results are dropped on every instance at once
// (catalogue/reloads.ts). A change of materials re-derives the service's 用证事由 (LicencePurpose,
// @palm/shared servicePurposeOf, the seed's rule) in the same transaction: the licence types that
// may now replace a material can be presented for the service, and a type no longer listed is
// neither accepted nor disclosed. The catalogue is platform-wide: admins only.
import { changedGuideFields, guideOf, servicePurposeOf, type GuideField, type GuideFields, type LicenceTypeKey } from '@palm/shared';
import type { AdminService, AdminServicePatch, AdminServicePatchResult } from '@palm/shared/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Prisma } from '@palm/db/client';
import { snapshotOf } from '../catalogue/guide-versions';
import { AppError } from '../lib/errors';
import { pick, recordChange } from './changes';
import { refuseProblems, type FieldProblem } from './hours';

type Tx = Prisma.TransactionClient;
const NOT_FOUND = () => new AppError('NOT_FOUND', '没有找到该事项');
/** Versions the console lists (newest first); older ones stay in the database. */
const VERSIONS_SHOWN = 50;

const serviceInclude = { materials: { orderBy: { position: 'asc' } } } as const;
type ServiceRow = Prisma.ServiceGetPayload<{ include: typeof serviceInclude }>;

const guideOfRow = (s: ServiceRow): GuideFields => guideOf(s, s.materials.map((m) => ({ ...m, licenceType: m.licenceType as LicenceTypeKey | null })));

/**
 * The edit's fields with every text trimmed, or why not: a text blank once trimmed, a material
 * or synonym named twice (synonyms regardless of letter case).
 */
function normalize(body: Partial<GuideFields>): Partial<GuideFields> {
  const problems: FieldProblem[] = [];
  const text = (value: string, field: string): string => {
    const trimmed = value.trim();
    if (trimmed === '') problems.push({ field, rule: 'blank', message: '不能只填空格' });
    return trimmed;
  };
  const optionalText = (value: string | null, field: string) => (value === null ? null : text(value, field));
  const lines = (values: string[], field: string) => values.map((v, i) => text(v, `${field}.${i}`));
  const once = (keys: string[], field: (i: number) => string) => {
    const seen = new Set<string>();
    keys.forEach((key, i) => {
      if (seen.has(key)) problems.push({ field: field(i), rule: 'unique', message: '与前面的一项重复' });
      seen.add(key);
    });
  };

  const out: Partial<GuideFields> = { ...body };
  if (body.summary !== undefined) out.summary = text(body.summary, 'body.summary');
  if (body.conditions) out.conditions = lines(body.conditions, 'body.conditions');
  if (body.process) out.process = lines(body.process, 'body.process');
  if (body.feeNote !== undefined) out.feeNote = optionalText(body.feeNote, 'body.feeNote');
  if (body.aliases) {
    out.aliases = lines(body.aliases, 'body.aliases');
    once(out.aliases.map((a) => a.toLowerCase()), (i) => `body.aliases.${i}`);
  }
  if (body.materials) {
    out.materials = body.materials.map((m, i) => ({ ...m, name: text(m.name, `body.materials.${i}.name`), note: optionalText(m.note, `body.materials.${i}.note`) }));
    once(out.materials.map((m) => m.name), (i) => `body.materials.${i}.name`);
  }
  refuseProblems(problems, '填写的办事指南有误，请检查后重试');
  return out;
}

/** The rules between fields, on the guide as it would be saved (naming the field the edit sent). */
function crossFieldProblems(guide: GuideFields, sent: Partial<GuideFields>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (guide.promisedDays > guide.legalDays) {
    problems.push({ field: sent.promisedDays !== undefined ? 'body.promisedDays' : 'body.legalDays', rule: 'promisedWithinLegal', message: `承诺时限（${guide.promisedDays}个工作日）不能超过法定时限（${guide.legalDays}个工作日）` });
  }
  if (guide.feeMaxFen !== null && guide.feeMaxFen <= guide.feeFen) {
    problems.push({ field: sent.feeMaxFen !== undefined ? 'body.feeMaxFen' : 'body.feeFen', rule: 'maxAboveFee', message: '最高收费须高于最低收费；只有一个金额时不填最高收费' });
  }
  return problems;
}

/** The Service columns of the changed fields (materials are rows of their own). */
function serviceColumns(guide: GuideFields, fields: readonly GuideField[]): Prisma.ServiceUpdateInput {
  const data: Record<string, unknown> = {};
  for (const field of fields) if (field !== 'materials') data[field] = guide[field];
  return data as Prisma.ServiceUpdateInput;
}

/** A service purpose's licence types before and after an edit of the materials (null: no purpose). */
interface PurposeChange {
  before: string[] | null;
  after: string[] | null;
}

/**
 * The service's purpose (code: the service's code) as the guide's materials now make it, the
 * seed's rule (@palm/shared servicePurposeOf). No licence type left: the purpose is removed, or,
 * once a presentation used it (its rows keep the code), kept with no types and no fields, so
 * nothing can be presented for it any more (LICENCE_PURPOSE_MISMATCH) — as the seed does with a
 * purpose it no longer makes.
 */
async function syncServicePurpose(tx: Tx, service: { id: string; code: string; name: string }, guide: GuideFields): Promise<PurposeChange> {
  const existing = await tx.licencePurpose.findUnique({ where: { code: service.code }, select: { licenceTypes: true } });
  const before = existing ? [...existing.licenceTypes] : null;
  const { licenceTypes, fields } = servicePurposeOf(guide.materials);
  if (licenceTypes.length > 0) {
    const data = { name: service.name, serviceId: service.id, licenceTypes, fields };
    await tx.licencePurpose.upsert({ where: { code: service.code }, create: { code: service.code, ...data }, update: data });
    return { before, after: licenceTypes };
  }
  if (!existing) return { before, after: null };
  const removed = await tx.licencePurpose.deleteMany({ where: { code: service.code, presentations: { none: {} } } });
  if (removed.count > 0) return { before, after: null };
  await tx.licencePurpose.update({ where: { code: service.code }, data: { licenceTypes: [], fields: [] } });
  return { before, after: [] };
}

export class ServiceAdmin {
  constructor(private readonly app: FastifyInstance) {}

  /** The guide now, or as an earlier version said it (`version`: read-only; 404 for one that never was). */
  async get(request: FastifyRequest, id: string, version?: number): Promise<AdminService> {
    await this.app.policy.authorize(request, 'admin.service.read');
    const service = await this.app.prisma.service.findUnique({ where: { id }, include: serviceInclude });
    if (!service) throw NOT_FOUND();
    let shown = this.serviceView(service);
    if (version !== undefined && version !== service.guideVersion) {
      const snapshot = await this.app.prisma.serviceGuideVersion.findUnique({ where: { serviceId_version: { serviceId: id, version } }, select: { guide: true } });
      if (!snapshot) throw new AppError('NOT_FOUND', `这项事项没有第 ${version} 版办事指南`);
      shown = { id: service.id, code: service.code, name: service.name, categoryLetter: service.categoryLetter, ...snapshotOf(snapshot.guide) };
    }
    const [versions, activeBookings] = await Promise.all([
      this.app.prisma.serviceGuideVersion.findMany({
        where: { serviceId: id },
        orderBy: { version: 'desc' },
        take: VERSIONS_SHOWN,
        select: { version: true, createdAt: true, fields: true, createdBy: { select: { id: true, name: true } } },
      }),
      this.activeBookings(id),
    ]);
    return {
      service: shown,
      version: service.guideVersion,
      shownVersion: version ?? service.guideVersion,
      versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy, fields: v.fields })),
      activeBookings,
    };
  }

  /**
   * A new version of the guide: the fields sent (at least one) that differ from the current
   * version. Refusals change nothing: 400 (a field named), 404, 409 GUIDE_VERSION_CONFLICT
   * (`expectedVersion` is not the current version), 409 GUIDE_UNCHANGED (every field sent already
   * has that value: no version is made for nothing).
   */
  async patch(request: FastifyRequest, id: string, body: AdminServicePatch): Promise<AdminServicePatchResult> {
    await this.app.policy.authorize(request, 'admin.service.edit');
    const { expectedVersion, ...sent } = body;
    if (Object.keys(sent).length === 0) throw new AppError('VALIDATION_FAILED', '请至少修改一项办事指南内容', [{ field: 'body', rule: 'minProperties' }]);
    const changes = normalize(sent as Partial<GuideFields>);

    const saved = await this.app.prisma.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ guideVersion: number }[]>`SELECT "guideVersion" FROM "Service" WHERE "id" = ${id}::uuid FOR NO KEY UPDATE`;
      if (!locked) throw NOT_FOUND();
      if (expectedVersion !== undefined && expectedVersion !== locked.guideVersion) {
        throw new AppError('GUIDE_VERSION_CONFLICT', undefined, { currentVersion: locked.guideVersion, expectedVersion });
      }
      const before = guideOfRow(await tx.service.findUniqueOrThrow({ where: { id }, include: serviceInclude }));
      const guide: GuideFields = { ...before, ...changes };
      refuseProblems(crossFieldProblems(guide, changes), '填写的办事指南有误，请检查后重试');
      const fields = changedGuideFields(before, changes);
      if (fields.length === 0) throw new AppError('GUIDE_UNCHANGED');

      const previousVersion = locked.guideVersion;
      const version = previousVersion + 1;
      const purpose = await this.save(tx, id, guide, fields, version, request.auth?.userId ?? null);
      await recordChange(
        this.app,
        request,
        {
          action: 'admin.service.edit',
          resourceType: 'service',
          resourceId: id,
          officeId: null,
          before: { ...pick(before, fields), ...(purpose && { licencePurposeTypes: purpose.before }) },
          after: { ...pick(guide, fields), ...(purpose && { licencePurposeTypes: purpose.after }) },
          extra: { version, previousVersion },
        },
        tx,
      );
      return { version, previousVersion };
    });

    this.app.searchReloads.changed();
    const service = await this.app.prisma.service.findUniqueOrThrow({ where: { id }, include: serviceInclude });
    return { service: this.serviceView(service), ...saved, activeBookings: await this.activeBookings(id) };
  }

  /**
   * The service's rows as the new version says, and the version's snapshot. A change of materials
   * also re-derives the service's purpose: its licence types before and after (null: no purpose).
   */
  private async save(tx: Tx, id: string, guide: GuideFields, fields: GuideField[], version: number, authorId: string | null): Promise<PurposeChange | null> {
    const service = await tx.service.update({ where: { id }, data: { ...serviceColumns(guide, fields), guideVersion: version }, select: { code: true, name: true } });
    let purpose: PurposeChange | null = null;
    if (fields.includes('materials')) {
      await tx.serviceMaterial.deleteMany({ where: { serviceId: id } });
      await tx.serviceMaterial.createMany({ data: guide.materials.map((m, position) => ({ ...m, serviceId: id, position })) });
      purpose = await syncServicePurpose(tx, { id, ...service }, guide);
    }
    await tx.serviceGuideVersion.create({ data: { serviceId: id, version, guide: guide as unknown as Prisma.InputJsonValue, fields, createdById: authorId } });
    return purpose;
  }

  /** BOOKED or CHECKED_IN appointments from today on (each keeps the version it was booked under). */
  private activeBookings(serviceId: string): Promise<number> {
    const today = new Date(`${this.app.resources.clock.businessDate()}T00:00:00.000Z`);
    return this.app.prisma.appointment.count({ where: { serviceId, status: { in: ['BOOKED', 'CHECKED_IN'] }, date: { gte: today } } });
  }

  private serviceView(s: ServiceRow): AdminService['service'] {
    return { id: s.id, code: s.code, name: s.name, categoryLetter: s.categoryLetter, ...guideOfRow(s) };
  }
}
