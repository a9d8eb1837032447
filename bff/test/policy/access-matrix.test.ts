// The BOLA matrix (DESIGN.md §6; OWASP API1 and API5), generated from the app's own route table:
// every route the app registers must have a row in src/routes/access-matrix.ts (and every row a
// route); every actor is run against every row and must get exactly the outcome of its row. A
// refused call must change nothing, and must answer exactly — status, code, message — as the same
// call for a random id (one denial: nothing tells that the object exists). The counts are printed
// at the end, and the observed grid is written to test-artifacts/access-matrix.md.
//
// Fixtures: the seeded people (13800000001 acts for 13800000002 with an APPOINTMENT + QUEUE grant;
// the grid worker for the resident without a phone), plus people and grants made here. Read-only
// routes use the seeded 13800000002 as the owner; a route that changes things gets an owner of its
// own, with the same five grants, so rows cannot disturb one another. A refused call gets the
// route's shared object; an allowed call that changes something gets a fresh one.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { CLERK_BY_OFFICE, COUNTER_IDS, DEMO_PHONES, DEMO_USERS, OFFICE_IDS, REGION_CODES, SERVICE_IDS, SLOT_RULES, USER_IDS } from '../../../seeds';
import { BookingService } from '../../src/appointments/booking';
import { WaitlistService } from '../../src/appointments/waitlist';
import type { RouteEntry } from '../../src/policy';
import { TicketService } from '../../src/queue/tickets';
import { ACCESS_MATRIX, MATRIX_ACTORS, type AccessRow, type MatrixActor, type Outcome, type Target } from '../../src/routes/access-matrix';
import { slotMaker } from '../appointments/fixtures';
import { formNumber, residentWithoutPhone } from '../grants/helpers';
import { routeTable } from '../core/route-table';
import { build, closeTestDatabase, type TestApp } from '../helper';

const OFFICE = OFFICE_IDS.countyCenter;
const SERVICE = SERVICE_IDS.socialSecurityCardApply;
/** The service of the granteeOtherService's grant: no object of the matrix is for it. */
const OTHER_SERVICE = SERVICE_IDS.socialSecurityCardReplace;
const SLOT_SERVICE = SLOT_RULES.find((rule) => rule.officeId === OFFICE)!.serviceId;
/** Where the matrix's called and serving tickets stand (no counter row works this one). */
const CALLED_AT = COUNTER_IDS.countyCenter12;
const SHARED_COUNTER = COUNTER_IDS.countyCenter1;
/** One per allowed call that changes a window (open, pause, close, call, walk-in). */
const FRESH_COUNTERS = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => COUNTER_IDS[`countyCenter${n}` as keyof typeof COUNTER_IDS]);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
/** Services a grid worker may help with (proxy allowed), in turn: one open task per resident and service. */
const GRID_SERVICES = [SERVICE_IDS.oldAgeAllowance, SERVICE_IDS.benefitEligibilityCheck, SERVICE_IDS.residentMedicalEnrolment, SERVICE_IDS.seniorPreferentialCard, SERVICE_IDS.elderlyCareSubsidy];
/** Not a valid GB 11643 number (wrong check character): reaching that rule proves access. */
const BAD_ID_NUMBER = '361221198001010010';
/** A JPEG's first bytes: what the photo upload checks a file by. */
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);

type Row = Extract<AccessRow, { target: Target }>;
interface Person {
  id: string;
  token: string;
}
interface Made {
  id: string;
  /** A second path parameter (an office exception's :exceptionId). */
  params?: Record<string, string>;
  /** A grant the object depends on (an activity entry's), to prove a refused dispute left it live. */
  grantId?: string;
  /** An appointment's code (what a person reads out at a window). */
  code?: string;
  serviceId?: string;
  /** A report's photo (the route's second id). */
  photoId?: string;
}
interface Request {
  /** Path parameters other than :id. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}
interface Cell {
  /** The route's id (or office, counter, ticket) for this call: the target's, or a random one. */
  id: string;
  /** Objects of the route's world: shared by its refused calls, fresh for an allowed one. */
  object(kind: Target): Promise<Made>;
}
/** How to get a route past validation to its handler: query and body. Routes not listed send neither. */
type Recipe = (cell: Cell) => Promise<Request> | Request;

describe('BOLA matrix: every route × every actor, from the app’s own route table', () => {
  let t: TestApp;
  let tickets: TicketService;
  let booking: BookingService;
  let waitlist: WaitlistService;
  let hallCode: string;
  let routes: Map<string, RouteEntry>;
  let people: Record<Exclude<MatrixActor, 'owner' | 'anonymous'>, Person>;
  let seededOwner: Person;
  let offered: string[];
  let phone = 0;
  let exceptionDay = 0;
  /** A future date no other exception of the matrix's has: each closure its own day. */
  const nextExceptionDate = () => t.resources.clock.businessDate(new Date(t.resources.clock.now().getTime() + (40 + (exceptionDay += 1)) * DAY));
  let serviceTurn = 0;
  const freshCounters = [...FRESH_COUNTERS];
  const results: Array<{ route: string; actor: MatrixActor; expected: Outcome; observed: string | number; refusal: boolean; alike: boolean | null; unchanged: boolean | null }> = [];

  const newPhone = () => `1370${String((phone += 1)).padStart(7, '0')}`;
  const newCitizen = async (phoneNumber = newPhone()): Promise<Person> => {
    const { accessToken, user } = await t.login({ phone: phoneNumber });
    return { id: user.id, token: accessToken };
  };
  const staff = async (data: { roles: ('CITIZEN' | 'SUPERVISOR')[]; regionCode: string }): Promise<Person> => {
    const user = await t.app.prisma.user.create({ data: { ...data, name: '主管' } });
    return { id: user.id, token: (await t.login({ userId: user.id })).accessToken };
  };
  const managerOf = async (officeId: string): Promise<Person> => {
    const user = await t.app.prisma.user.create({ data: { roles: ['CITIZEN', 'MANAGER'], name: '大厅负责人', officeId } });
    return { id: user.id, token: (await t.login({ userId: user.id })).accessToken };
  };
  const gridWorkerOf = async (gridRegionCode: string): Promise<Person> => {
    const user = await t.app.prisma.user.create({ data: { roles: ['CITIZEN', 'GRID_WORKER'], name: '网格员', gridRegionCode, homeRegionCode: gridRegionCode } });
    return { id: user.id, token: (await t.login({ userId: user.id })).accessToken };
  };
  const byPhone = async (phoneNumber: string): Promise<Person> => {
    const { accessToken, user } = await t.login({ phone: phoneNumber });
    return { id: user.id, token: accessToken };
  };
  /** Services the hall offers, in turn: one person's objects never share a service (one active per service). */
  const nextService = () => offered[(serviceTurn += 1) % offered.length]!;
  const slot = slotMaker(() => t, { officeId: OFFICE, serviceId: SERVICE, startsIn: 2 * DAY });

  /** The owner's grants to the five grantees of the matrix (the seeded owner has the first already). */
  const grantsFrom = async (ownerId: string, withSon: boolean) => {
    const now = t.resources.clock.now();
    const term = { validFrom: new Date(now.getTime() - DAY), validUntil: new Date(now.getTime() + 365 * DAY), acceptedAt: now, relation: '其他亲属' };
    const both = ['APPOINTMENT' as const, 'QUEUE' as const];
    await t.app.prisma.grant.createMany({
      data: [
        ...(withSon ? [{ ...term, grantorId: ownerId, granteeId: people.grantee.id, scopes: both, status: 'ACTIVE' as const }] : []),
        { ...term, grantorId: ownerId, granteeId: people.granteeOutOfScope.id, scopes: ['LICENCE_PRESENT'], status: 'ACTIVE' },
        // For the one service none of the matrix's objects is for (nextService leaves it out).
        { ...term, grantorId: ownerId, granteeId: people.granteeOtherService.id, scopes: both, serviceIds: [OTHER_SERVICE], status: 'ACTIVE' },
        { ...term, grantorId: ownerId, granteeId: people.granteeRevoked.id, scopes: both, status: 'REVOKED', revokedAt: now },
        // Ended a minute ago, still ACTIVE: the expiry job has not run, the policy must refuse it anyway.
        { ...term, grantorId: ownerId, granteeId: people.granteeExpired.id, scopes: both, status: 'ACTIVE', validFrom: new Date(now.getTime() - 90 * DAY), validUntil: new Date(now.getTime() - MIN) },
      ],
    });
    // 办不成事 / 好差评 (issue 16): the grantee also holds REPORT; no other actor does.
    if (withSon) await t.app.prisma.grant.updateMany({ where: { grantorId: ownerId, granteeId: people.grantee.id }, data: { scopes: { push: 'REPORT' } } });
  };
  /**
   * A maker's world: a fresh person (the owner's limits stay the owner's) who gave the maker a grant
   * — ACTIVE, REVOKED or past its end — under which the maker made her objects.
   */
  const makerSubject = async (actor: 'makerActive' | 'makerRevoked' | 'makerExpired'): Promise<string> => {
    const subject = await newCitizen();
    const now = t.resources.clock.now();
    const term = { grantorId: subject.id, granteeId: people[actor].id, relation: '子女', scopes: ['APPOINTMENT' as const, 'QUEUE' as const], acceptedAt: now };
    const ends = { makerActive: { status: 'ACTIVE' as const }, makerRevoked: { status: 'REVOKED' as const, revokedAt: now }, makerExpired: { status: 'ACTIVE' as const } }[actor];
    const until = actor === 'makerExpired' ? new Date(now.getTime() - MIN) : new Date(now.getTime() + 365 * DAY);
    await t.app.prisma.grant.create({ data: { ...term, ...ends, validFrom: new Date(now.getTime() - 90 * DAY), validUntil: until } });
    return subject.id;
  };
  /** A grant between the owner and a helper of their own (a fresh citizen). */
  const helperGrant = async (owner: string, data: { status: 'ACTIVE' | 'PENDING'; initiatedBy: 'GRANTOR' | 'GRANTEE' }) => {
    const helper = await newCitizen();
    const now = t.resources.clock.now();
    const row = await t.app.prisma.grant.create({
      data: { ...data, grantorId: owner, granteeId: helper.id, relation: '子女', scopes: ['QUEUE'], validFrom: now, validUntil: new Date(now.getTime() + 30 * DAY), acceptedAt: data.status === 'ACTIVE' ? now : null },
    });
    return { helper, grant: row };
  };

  /** The owner as a resident of the demo grid worker's grid; `consented`: with an ACTIVE grant to the worker. */
  let gridTurn = 0;
  const resident = async (owner: string, consented: boolean): Promise<Made> => {
    const { prisma } = t.app;
    await prisma.user.update({ where: { id: owner }, data: { homeRegionCode: REGION_CODES.shangfang } });
    const now = t.resources.clock.now();
    if (consented && (await prisma.grant.count({ where: { grantorId: owner, granteeId: USER_IDS.gridWorker, status: 'ACTIVE' } })) === 0) {
      await prisma.grant.create({
        data: { grantorId: owner, granteeId: USER_IDS.gridWorker, relation: '网格员', scopes: ['APPOINTMENT', 'QUEUE'], status: 'ACTIVE', acceptedAt: now, validFrom: new Date(now.getTime() - DAY), validUntil: new Date(now.getTime() + 90 * DAY) },
      });
    }
    return { id: owner };
  };
  const gridTask = async (owner: string, visited: boolean): Promise<Made> => {
    await resident(owner, true);
    const serviceId = GRID_SERVICES[(gridTurn += 1) % GRID_SERVICES.length]!;
    const now = t.resources.clock.now();
    const row = await t.app.prisma.gridTask.create({
      data: {
        workerId: USER_IDS.gridWorker,
        residentId: owner,
        serviceId,
        plannedDate: new Date(`${t.resources.clock.businessDate(new Date(now.getTime() + DAY))}T00:00:00.000Z`),
        status: visited ? 'VISITED' : 'PLANNED',
        visitedAt: visited ? now : null,
        activeKey: `${USER_IDS.gridWorker}:${owner}:${serviceId}`,
      },
    });
    return { id: row.id };
  };

  const ticket = async (owner: string, data: Record<string, unknown> = {}, maker = owner): Promise<Made> => {
    const { ticket: row } = await tickets.issue({ officeId: OFFICE, serviceId: nextService(), subjectId: owner, actorId: maker, channel: 'ONLINE' });
    if (Object.keys(data).length > 0) await t.app.prisma.ticket.update({ where: { id: row.id }, data });
    return { id: row.id };
  };
  const appointment = async (owner: string, startsIn?: number, maker = owner): Promise<Made> => {
    const serviceId = nextService();
    const { id: slotId } = await slot({ serviceId });
    const { appointment: row } = await booking.book({ slotId, serviceId, subjectId: owner, actorId: maker });
    if (startsIn !== undefined) {
      // Booking takes future slots only: booked ahead, then moved to start soon.
      const startsAt = new Date(t.resources.clock.now().getTime() + startsIn);
      await t.app.prisma.slot.update({ where: { id: slotId }, data: { startsAt, endsAt: new Date(startsAt.getTime() + 30 * MIN) } });
      await t.app.prisma.appointment.update({ where: { id: row.id }, data: { startsAt } });
    }
    return { id: row.id, code: row.code, serviceId };
  };
  const suspension = async (owner: string, appealed: boolean): Promise<Made> => {
    const now = t.resources.clock.now();
    const row = await t.app.prisma.bookingSuspension.create({
      data: {
        subjectId: owner,
        officeId: OFFICE,
        startsAt: new Date(now.getTime() - 60 * MIN),
        endsAt: new Date(now.getTime() + 7 * DAY),
        reason: '30天内3次预约未到',
        ...(appealed ? { appealStatus: 'PENDING' as const, appealText: '那几天住院了，有住院证明', appealedAt: now } : {}),
      },
    });
    return { id: row.id };
  };

  /** The owner's 办不成事 report about the hall, in `status` (issue 16). */
  const report = async (owner: string, status: 'RECEIVED' | 'TRIAGED' | 'ASSIGNED' | 'RESOLVED' | 'CONFIRMED'): Promise<Made> => {
    const now = t.resources.clock.now();
    const later = status !== 'RECEIVED';
    const row = await t.app.prisma.report.create({
      data: {
        reporterId: owner,
        officeId: OFFICE,
        regionCode: REGION_CODES.county,
        text: '窗口说材料不全，但清单上没有这一项。',
        class: 'GENERAL',
        status,
        ackDueAt: new Date(now.getTime() + DAY),
        dueAt: later ? new Date(now.getTime() + 5 * DAY) : null,
        assignedOfficeId: ['ASSIGNED', 'RESOLVED', 'CONFIRMED'].includes(status) ? OFFICE : null,
        resolvedAt: ['RESOLVED', 'CONFIRMED'].includes(status) ? now : null,
        confirmedAt: status === 'CONFIRMED' ? now : null,
        steps: { create: { actorId: owner, action: 'received', toStatus: 'RECEIVED', at: now } },
      },
    });
    return { id: row.id };
  };
  /** A photo the owner uploaded for themself; attached to `reportId` when given (issue 16). */
  const photo = async (owner: string, reportId: string | null = null): Promise<string> => {
    const bytes = Buffer.concat([JPEG_MAGIC, Buffer.from(randomUUID())]);
    const row = await t.app.prisma.reportPhoto.create({ data: { uploaderId: owner, subjectId: owner, mime: 'image/jpeg', size: bytes.length, sha256: 'matrix', bytes: new Uint8Array(bytes), reportId } });
    return row.id;
  };
  /** An OPEN rectification case of the hall from a level 2 rating of the owner's (issue 16). */
  const rectification = async (owner: string, calledBack: boolean): Promise<Made> => {
    const now = t.resources.clock.now();
    const rating = await t.app.prisma.rating.create({ data: { targetType: 'TICKET', targetId: randomUUID(), level: 2, reasons: ['WAIT_LONG'], subjectId: owner, raterId: owner, officeId: OFFICE } });
    const row = await t.app.prisma.rectification.create({
      data: {
        ratingId: rating.id,
        officeId: OFFICE,
        regionCode: REGION_CODES.county,
        dueAt: new Date(now.getTime() + 7 * DAY),
        capAt: new Date(now.getTime() + 21 * DAY),
        ...(calledBack ? { callbackAt: now, callbackById: people.supervisor.id, callbackOutcome: 'SATISFIED' } : {}),
      },
    });
    return { id: row.id };
  };

  /** A new object of each kind, the owner's (or the hall's); a personal one taken, booked or joined by `maker` (default: the owner). */
  const MAKERS: Record<Target, (owner: string, maker?: string) => Promise<Made>> = {
    none: async () => ({ id: '' }),
    office: async () => ({ id: OFFICE }),
    service: async () => ({ id: SERVICE }),
    counter: async () => ({ id: freshCounters.shift()! }),
    ticket: (owner, maker) => ticket(owner, {}, maker),
    'ticket.called': (owner, maker) => ticket(owner, { status: 'CALLED', counterId: CALLED_AT, calledAt: t.resources.clock.now() }, maker),
    'ticket.serving': (owner, maker) => ticket(owner, { status: 'SERVING', counterId: CALLED_AT, calledAt: t.resources.clock.now(), startedAt: t.resources.clock.now() }, maker),
    'ticket.skipped': (owner, maker) => ticket(owner, { status: 'SKIPPED', counterId: CALLED_AT, calledAt: t.resources.clock.now(), skippedAt: t.resources.clock.now(), activeKey: null }, maker),
    appointment: (owner, maker) => appointment(owner, undefined, maker),
    'appointment.due': (owner, maker) => appointment(owner, 10 * MIN, maker),
    waitlist: async (owner, maker = owner) => {
      const serviceId = nextService();
      const { id: slotId } = await slot({ serviceId, capacity: 1, booked: 1 });
      return { id: (await waitlist.join({ slotId, serviceId, subjectId: owner, actorId: maker })).entry.id };
    },
    message: async (owner) => {
      const row = await t.app.prisma.notification.create({
        data: {
          userId: owner,
          channel: 'IN_APP',
          kind: 'TICKET_CALLED',
          payload: { displayNumber: 'B001', serviceName: '社会保障卡申领', officeName: '县政务服务中心', counterNumber: 2, counterName: '综合窗口', at: t.resources.clock.now().toISOString() },
          status: 'SENT',
          dedupeKey: `matrix:${randomUUID()}`,
        },
      });
      return { id: row.id };
    },
    suspension: (owner) => suspension(owner, false),
    'suspension.appealed': (owner) => suspension(owner, true),
    user: async () => ({ id: (await newCitizen()).id }),
    grant: async (owner) => ({ id: (await helperGrant(owner, { status: 'ACTIVE', initiatedBy: 'GRANTOR' })).grant.id }),
    'grant.asked': async (owner) => ({ id: (await helperGrant(owner, { status: 'PENDING', initiatedBy: 'GRANTEE' })).grant.id }),
    'grant.witnessed': async (owner) => {
      const { grant } = await helperGrant(owner, { status: 'ACTIVE', initiatedBy: 'GRANTOR' });
      await t.app.prisma.grant.update({ where: { id: grant.id }, data: { consentMethod: 'WITNESSED', witnessedById: people.clerk.id, consentFormNumber: formNumber() } });
      return { id: grant.id };
    },
    activity: async (owner) => {
      const { helper, grant } = await helperGrant(owner, { status: 'ACTIVE', initiatedBy: 'GRANTOR' });
      const entry = await t.app.prisma.auditLog.create({
        data: { actorId: helper.id, subjectId: owner, onBehalf: true, action: 'ticket.take', resourceType: 'ticket', result: 'ALLOW', reason: 'GRANT', meta: { serviceId: SERVICE } },
      });
      return { id: String(entry.id), grantId: grant.id };
    },
    resident: (owner) => resident(owner, false),
    'resident.consented': (owner) => resident(owner, true),
    gridTask: (owner) => gridTask(owner, false),
    'gridTask.visited': (owner) => gridTask(owner, true),
    licence: async (owner) => {
      const row = await t.app.prisma.licence.create({
        data: {
          holderId: owner,
          type: 'RESIDENT_ID',
          ...t.resources.pii.protectLicenceNumber(`MATRIX-${randomUUID()}`),
          issuer: '青石县公安局',
          validFrom: new Date('2020-01-01T00:00:00Z'),
          validUntil: new Date('2040-01-01T00:00:00Z'),
          status: 'VALID',
          fields: { name: '矩阵测试' },
          lastSyncedAt: t.resources.clock.now(),
        },
      });
      return { id: row.id };
    },
    'ticket.done': async (owner, maker) => {
      const now = t.resources.clock.now();
      const made = await ticket(owner, { status: 'DONE', counterId: CALLED_AT, calledAt: now, startedAt: now, finishedAt: now, activeKey: null }, maker);
      await t.app.prisma.ticketEvent.create({ data: { ticketId: made.id, type: 'FINISH', actorId: people.clerk.id, at: now } });
      return made;
    },
    report: (owner) => report(owner, 'RECEIVED'),
    'report.triaged': (owner) => report(owner, 'TRIAGED'),
    'report.assigned': (owner) => report(owner, 'ASSIGNED'),
    'report.resolved': (owner) => report(owner, 'RESOLVED'),
    'report.confirmed': (owner) => report(owner, 'CONFIRMED'),
    'report.photo': async (owner) => {
      const made = await report(owner, 'RECEIVED');
      return { ...made, photoId: await photo(owner, made.id) };
    },
    photo: async (owner) => ({ id: await photo(owner) }),
    rectification: (owner) => rectification(owner, false),
    'rectification.called': (owner) => rectification(owner, true),
    officeException: async () => {
      const row = await t.app.prisma.officeException.create({ data: { officeId: OFFICE, date: new Date(`${nextExceptionDate()}T00:00:00Z`), closed: true, note: '矩阵测试' } });
      return { id: OFFICE, params: { exceptionId: row.id } };
    },
    slotRule: async () => ({ id: (await t.app.prisma.slotRule.findFirstOrThrow({ where: { officeId: OFFICE }, orderBy: { serviceId: 'asc' } })).id }),
    staffMember: async () => {
      const user = await t.app.prisma.user.create({ data: { roles: ['CITIZEN', 'CLERK'], name: '新窗口人员', officeId: OFFICE } });
      return { id: user.id };
    },
  };
  /** Each kind's row as stored, to prove a refused call changed nothing (catalogue kinds: nothing to change). */
  const snapshotOf = (kind: Target, { id, grantId }: Made): Promise<unknown> => {
    const { prisma } = t.app;
    if (kind.startsWith('grant')) return prisma.grant.findUnique({ where: { id } });
    if (kind === 'activity') return Promise.all([prisma.activityDispute.findUnique({ where: { auditLogId: BigInt(id) } }), prisma.grant.findUnique({ where: { id: grantId! } })]);
    if (kind === 'ticket.done') {
      return Promise.all([prisma.ticket.findUnique({ where: { id } }), prisma.report.findMany({ where: { ticketId: id } }), prisma.rating.findMany({ where: { targetId: id } })]);
    }
    if (kind === 'photo') return prisma.reportPhoto.findUnique({ where: { id }, omit: { bytes: true } });
    if (kind.startsWith('report')) return prisma.report.findUnique({ where: { id }, include: { steps: { select: { at: true, action: true, toStatus: true, note: true } } } });
    if (kind.startsWith('rectification')) return prisma.rectification.findUnique({ where: { id } });
    if (kind.startsWith('ticket')) return prisma.ticket.findUnique({ where: { id } });
    if (kind.startsWith('appointment')) return prisma.appointment.findUnique({ where: { id } });
    if (kind.startsWith('suspension')) return prisma.bookingSuspension.findUnique({ where: { id } });
    if (kind === 'waitlist') return prisma.waitlistEntry.findUnique({ where: { id } });
    if (kind === 'message') return prisma.notification.findUnique({ where: { id } });
    if (kind === 'counter') return prisma.counter.findUnique({ where: { id } });
    if (kind === 'user' || kind === 'staffMember') return prisma.user.findUnique({ where: { id } });
    if (kind === 'slotRule') return prisma.slotRule.findUnique({ where: { id } });
    if (kind === 'officeException') return prisma.officeException.findMany({ where: { officeId: id }, orderBy: { id: 'asc' } });
    if (kind === 'office') {
      return Promise.all([
        prisma.office.findUnique({ where: { id } }),
        prisma.officeException.findMany({ where: { officeId: id }, orderBy: { id: 'asc' } }),
        prisma.counter.findMany({ where: { officeId: id }, orderBy: { id: 'asc' }, select: { id: true, name: true, categories: true, clerkId: true, retiredAt: true } }),
        prisma.officeQueueSettings.findUnique({ where: { officeId: id } }),
        prisma.officeService.findMany({ where: { officeId: id }, orderBy: { serviceId: 'asc' } }),
        prisma.user.count({ where: { officeId: id } }),
      ]);
    }
    if (kind.startsWith('resident')) {
      return Promise.all([prisma.grant.findMany({ where: { grantorId: id }, orderBy: { id: 'asc' } }), prisma.gridTask.findMany({ where: { residentId: id }, orderBy: { id: 'asc' } })]);
    }
    if (kind === 'licence') {
      return prisma.licence.findUnique({ where: { id }, include: { presentations: { select: { id: true }, orderBy: { id: 'asc' } }, captures: { select: { id: true }, orderBy: { id: 'asc' } } } });
    }
    if (kind.startsWith('gridTask')) return prisma.gridTask.findUnique({ where: { id }, include: { visits: { select: { at: true, note: true } } } });
    return Promise.resolve(null);
  };

  const RECIPES: Record<string, Recipe> = {
    'PATCH /api/me/preferences': () => ({ body: { fontScale: 1 } }),
    'POST /api/me/preferences': () => ({ body: { fontScale: 1 } }),
    'POST /api/me/real-name': () => ({ body: { name: '张三', idNumber: BAD_ID_NUMBER } }),
    'GET /api/offices/:id/slots': () => ({ query: { serviceId: SLOT_SERVICE } }),
    'GET /api/offices/:id/queue/preview': () => ({ query: { serviceId: SERVICE } }),
    'POST /api/offices/:id/appointments/check-in': async (cell) => ({ body: { code: (await cell.object('appointment.due')).code } }),
    'POST /api/tickets': () => ({ body: { officeId: OFFICE, serviceId: nextService() } }),
    'POST /api/tickets/:id/transfer': () => ({ body: { serviceId: SERVICE_IDS.socialSecurityCardReplace } }),
    'GET /api/live': (cell) => ({ query: { ticketId: cell.id } }),
    'GET /api/counters': (cell) => ({ query: { officeId: cell.id } }),
    'GET /api/staff/assignees': (cell) => ({ query: { officeId: cell.id } }),
    'POST /api/counters/:id/walk-in': () => ({ body: { serviceId: SERVICE } }),
    'POST /api/appointments': async () => {
      const serviceId = nextService();
      return { body: { slotId: (await slot({ serviceId })).id, serviceId } };
    },
    'POST /api/appointments/:id/cancel': () => ({ body: {} }),
    'POST /api/appointments/waitlist/:id/cancel': () => ({ body: {} }),
    'POST /api/appointments/:id/reschedule': async (cell) => {
      const { serviceId } = await cell.object('appointment');
      return { body: { slotId: (await slot({ serviceId, startsIn: 3 * DAY })).id } };
    },
    'POST /api/appointments/:id/check-in': () => ({ body: { hallCode } }),
    'POST /api/appointments/waitlist': async () => {
      const serviceId = nextService();
      return { body: { slotId: (await slot({ serviceId, capacity: 1, booked: 1 })).id, serviceId } };
    },
    'POST /api/booking-suspensions/:id/appeal': () => ({ body: { text: '那几天住院了，有住院证明' } }),
    'POST /api/booking-suspensions/:id/decide': () => ({ body: { decision: 'UPHELD', note: '未提供证明' } }),
    'GET /api/notifications/templates': () => ({ query: { platform: 'weapp' } }),
    'POST /api/grid/tasks': (cell) => ({
      body: { residentId: cell.id, serviceId: GRID_SERVICES[(gridTurn += 1) % GRID_SERVICES.length], plannedDate: t.resources.clock.businessDate(new Date(t.resources.clock.now().getTime() + DAY)) },
    }),
    'POST /api/notifications/subscriptions': () => ({ body: { platform: 'weapp', accepted: [], rejected: [] } }),
    // Each call invites someone new (a citizen who has signed in once).
    'POST /api/grants': async () => {
      const granteePhone = newPhone();
      await newCitizen(granteePhone);
      return { body: { granteePhone, relation: '子女', scopes: ['QUEUE'] } };
    },
    'GET /api/grants': () => ({ query: { as: 'grantor' } }),
    // Each call witnesses a grant from a new resident without a phone to a new citizen.
    'POST /api/grants/witnessed': async () => {
      const granteePhone = newPhone();
      await newCitizen(granteePhone);
      const { idNumber } = await residentWithoutPhone(t);
      return { body: { residentIdNumber: idNumber, granteePhone, relation: '子女', scopes: ['QUEUE'], formNumber: formNumber() } };
    },
    'POST /api/licence-verifications': () => ({ body: { token: 'not-a-token' } }),
    'POST /api/grants/witnessed/lookup': () => ({ body: { residentIdNumber: DEMO_USERS.noPhoneElder.idNumber } }),
    'POST /api/reports': (cell) => ({ body: { about: { ticketId: cell.id }, text: '窗口说材料不全，但清单上没有这一项。' } }),
    'POST /api/reports/walk-in': () => ({ body: { text: '老人反映窗口不收现金。' } }),
    // One JPEG as multipart/form-data, as mini-program uploadFile sends it.
    'POST /api/reports/photos': () => {
      const boundary = `----matrix${randomUUID()}`;
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
      return { body: Buffer.concat([Buffer.from(head), JPEG_MAGIC, Buffer.from(randomUUID()), Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
    },
    'GET /api/reports/:id/photos/:photoId': async (cell) => ({ params: { photoId: (await cell.object('report.photo')).photoId! } }),
    'POST /api/ratings': (cell) => ({ body: { targetType: 'TICKET', targetId: cell.id, level: 4 } }),
    'POST /api/rectifications/:id/callback': () => ({ body: { outcome: 'SATISFIED' } }),
    // The admin console (issue 17): harmless changes, each allowed call its own date or phone.
    'PATCH /api/admin/offices/:id': () => ({ body: { openOnHolidays: false } }),
    'POST /api/admin/offices/:id/exceptions': () => ({ body: { date: nextExceptionDate(), closed: true, reason: '设备检修' } }),
    'DELETE /api/admin/offices/:id/exceptions/:exceptionId': async (cell) => ({ params: (await cell.object('officeException')).params }),
    'POST /api/admin/offices/:id/counters': () => ({ body: { name: '矩阵窗口', categories: ['A'] } }),
    'PATCH /api/admin/counters/:id': () => ({ body: { name: '综合窗口' } }),
    'PUT /api/admin/offices/:id/queue-settings': () => ({ body: { nearPeopleAhead: 3, nearMinutes: 10, maxPriorityStreak: 3 } }),
    'GET /api/admin/slot-rules': (cell) => ({ query: { officeId: cell.id } }),
    // Each call a service of the hall without a rule yet (a refused one creates none).
    'POST /api/admin/slot-rules': async (cell) => {
      const free = await t.app.prisma.officeService.findFirstOrThrow({ where: { officeId: OFFICE, service: { slotRules: { none: { officeId: OFFICE } } } }, orderBy: { serviceId: 'asc' } });
      return { body: { officeId: cell.id, serviceId: free.serviceId, weekTemplate: { '1': { start: '09:00', end: '11:00' } }, capacityPerSlot: 1 } };
    },
    'PATCH /api/admin/slot-rules/:id': () => ({ body: { active: true } }),
    'POST /api/admin/slot-rules/preview': (cell) => ({ body: { id: cell.id, capacityPerSlot: 2 } }),
    'POST /api/admin/staff': (cell) => ({ body: { phone: newPhone(), role: 'CLERK', officeId: cell.id } }),
    'POST /api/admin/calendar/import': () => ({ body: { year: 2030, days: [{ date: '2030-01-01', kind: 'HOLIDAY', name: '元旦' }] } }),
    // A new guide version each allowed call (an edit that changes nothing is refused).
    'PATCH /api/admin/services/:id': () => ({ body: { aliases: [`矩阵别名${randomUUID().slice(0, 8)}`] } }),
  };

  const actingFor = (actor: MatrixActor, owner: Person): string | undefined => {
    if (actor.startsWith('grantee')) return owner.id;
    if (actor === 'gridWorker') return USER_IDS.noPhoneElder;
    return undefined;
  };

  /** One call: the outcome as the row writes it, and the refusal's message (for the random-id twin). */
  const call = async (route: RouteEntry, actor: MatrixActor, owner: Person, id: string, request: Request) => {
    const headers: Record<string, string> = { ...request.headers };
    const token = actor === 'owner' ? owner.token : actor === 'anonymous' ? undefined : people[actor].token;
    if (token) headers.authorization = `Bearer ${token}`;
    const onBehalf = actingFor(actor, owner);
    if (onBehalf) headers['x-on-behalf-of'] = onBehalf;
    const query = request.query ? `?${new URLSearchParams(request.query)}` : '';
    const path = Object.entries(request.params ?? {}).reduce((url, [name, value]) => url.replace(`:${name}`, value), route.url.replace(':id', id));
    const url = `${path}${query}`;
    const res: LightMyRequestResponse = await t.app.inject({ method: route.method as 'GET', url, headers, ...(request.body === undefined ? {} : { payload: request.body as object }) });
    const error = res.statusCode >= 400 && res.body ? (res.json() as { error?: { code: string; message: string } }).error : undefined;
    if (error) return { observed: `${res.statusCode} ${error.code}`, message: error.message };
    if (route.websocket && res.statusCode === 404 && res.body === '') {
      // Through the policy: only a WebSocket upgrade gets further.
      const opened = await t.app.injectWS(url, { headers }).then(
        (ws) => (ws.terminate(), 101),
        (err: Error) => Number(/(\d{3})/.exec(err.message)?.[1] ?? 0),
      );
      return { observed: opened, message: undefined };
    }
    return { observed: res.statusCode, message: undefined };
  };

  const runRow = async (key: string, row: Row) => {
    const route = routes.get(key)!;
    const owner = route.method === 'GET' ? seededOwner : await newCitizen();
    if (owner !== seededOwner) await grantsFrom(owner.id, true);
    const shared = new Map<Target, Made>();
    const objectsOf = (store: Map<Target, Made>, maker?: { id: string; subjectId: string }) => async (kind: Target) => {
      if (!store.has(kind)) store.set(kind, kind === 'counter' && store === shared ? { id: SHARED_COUNTER } : maker ? await MAKERS[kind](maker.subjectId, maker.id) : await MAKERS[kind](owner.id));
      return store.get(kind)!;
    };
    for (const actor of MATRIX_ACTORS) {
      const expected = row.expect[actor];
      const refusal = typeof expected === 'string';
      // A maker meets objects of its own making (for the owner): its own world.
      const isMaker = (a: MatrixActor): a is 'makerActive' | 'makerRevoked' | 'makerExpired' => a.startsWith('maker');
      const maker = isMaker(actor) && /^(ticket|appointment|waitlist)/.test(row.target) ? { id: people[actor].id, subjectId: await makerSubject(actor) } : undefined;
      const store = maker || (!refusal && route.method !== 'GET') ? new Map<Target, Made>() : shared;
      const object = maker ? objectsOf(store, maker) : objectsOf(store);
      const target = row.target === 'none' ? null : await object(row.target);
      const recipe = RECIPES[key] ?? (() => ({}));
      const id = target?.id ?? '';
      const request = await recipe({ id, object });
      // After the background work earlier calls started (a changed queue re-evaluates "turn is near").
      const snapshot = async () => {
        await t.app.notify.enqueuer.settled();
        return Promise.all([...store].map(([kind, made]) => snapshotOf(kind, made)));
      };
      const before = refusal ? await snapshot() : null;
      const { observed, message } = await call(route, actor, owner, id, request);
      const unchanged = before ? JSON.stringify(await snapshot()) === JSON.stringify(before) : null;
      let alike: boolean | null = null;
      if (typeof observed === 'string' && target) {
        // The same call for an id that names nothing must answer the same, word for word.
        const other = randomUUID();
        const twin = await call(route, actor, owner, other, await recipe({ id: other, object }));
        alike = twin.observed === observed && twin.message === message;
      }
      results.push({ route: key, actor, expected, observed, refusal, alike, unchanged });
    }
    return results.filter((r) => r.route === key);
  };

  beforeAll(async () => {
    // No H5 build: the static files are the built app's, not routes that could hold anyone's data.
    const h5 = mkdtempSync(join(tmpdir(), 'palm-matrix-h5-'));
    t = await build({ env: { PALM_H5_DIR: h5, RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000', BOOKING_IP_PER_MINUTE: '100000' } });
    tickets = new TicketService(t.app);
    booking = new BookingService(t.app);
    waitlist = new WaitlistService(t.app);
    // The router's own table is the list (a route registered before the policy plugin — swagger's
    // /docs, another plugin's — is in it too); the policy's record adds each route's schema.
    const trimmed = (url: string) => (url.length > 1 ? url.replace(/\/$/, '') : url);
    const declared = new Map(t.app.policy.routes.map((entry) => [`${entry.method} ${trimmed(entry.url)}`, entry]));
    routes = new Map();
    for (const { method, url } of routeTable(t.app)) {
      const key = `${method} ${trimmed(url)}`;
      routes.set(key, { ...(declared.get(key) ?? { method, schema: undefined, websocket: false }), url: trimmed(url) });
    }
    people = {
      grantee: await byPhone(DEMO_PHONES.citizen),
      granteeOutOfScope: await newCitizen(),
      granteeOtherService: await newCitizen(),
      granteeRevoked: await newCitizen(),
      granteeExpired: await newCitizen(),
      stranger: await newCitizen(),
      makerActive: await newCitizen(),
      makerRevoked: await newCitizen(),
      makerExpired: await newCitizen(),
      gridWorker: await byPhone(DEMO_PHONES.gridWorker),
      gridWorkerOfTheGrid: await byPhone(DEMO_PHONES.gridWorker),
      gridWorkerOtherGrid: await gridWorkerOf(REGION_CODES.huaishu),
      clerk: await byPhone(DEMO_PHONES.clerk),
      clerkOtherOffice: await byPhone(CLERK_BY_OFFICE.qingyunTown.phone!),
      supervisor: await byPhone(DEMO_PHONES.supervisor),
      // The neighbouring county: its region does not contain the hall's.
      supervisorOtherRegion: await staff({ roles: ['CITIZEN', 'SUPERVISOR'], regionCode: '361222000000' }),
      manager: await byPhone(DEMO_PHONES.manager),
      managerOtherOffice: await managerOf(OFFICE_IDS.qingyunTown),
      admin: await byPhone(DEMO_PHONES.admin),
    };
    seededOwner = await byPhone(DEMO_PHONES.elderly);
    await grantsFrom(seededOwner.id, false);
    await t.app.prisma.grant.updateMany({ where: { grantorId: seededOwner.id, granteeId: people.grantee.id, status: 'ACTIVE' }, data: { scopes: { push: 'REPORT' } } });
    offered = (await t.app.prisma.officeService.findMany({ where: { officeId: OFFICE, serviceId: { notIn: [SERVICE, SERVICE_IDS.socialSecurityCardReplace] } }, orderBy: { serviceId: 'asc' } })).map((o) => o.serviceId);
    hallCode = (await t.as(people.clerk.token, { method: 'GET', url: `/api/offices/${OFFICE}/check-in-code` })).json().code;
  }, 60_000);

  afterAll(async () => {
    const cells = results.length;
    const inMatrix = new Set(results.map((r) => r.route)).size;
    const outside = Object.values(ACCESS_MATRIX).filter((row) => 'outside' in row).length;
    const matched = results.filter((r) => r.observed === r.expected).length;
    const refusals = results.filter((r) => typeof r.observed === 'string');
    const twins = refusals.filter((r) => r.alike !== null);
    const unlike = twins.filter((r) => r.alike === false).length;
    const granted = results.filter((r) => r.refusal && typeof r.observed === 'number').length;
    const changed = results.filter((r) => r.unchanged === false).length;
    console.log(
      [
        `BOLA matrix: ${inMatrix} routes × ${MATRIX_ACTORS.length} actors = ${cells} calls (${outside} routes outside it: sign-in, probes, the H5 page, the API docs)`,
        `  expected = observed: ${matched} / ${cells} (mismatches: ${cells - matched})`,
        `  refusals: ${refusals.length}; ${twins.length} compared with the same call for a random id: ${twins.length - unlike} alike`,
        `  leaks: ${granted + unlike + changed} (allowed where refused: ${granted}; refusal unlike a missing id's: ${unlike}; refused but changed something: ${changed})`,
      ].join('\n'),
    );
    const lines = [`| route | ${MATRIX_ACTORS.join(' | ')} |`, `|---|${MATRIX_ACTORS.map(() => '---').join('|')}|`];
    for (const route of new Set(results.map((r) => r.route))) {
      const cellsOf = MATRIX_ACTORS.map((actor) => {
        const r = results.find((x) => x.route === route && x.actor === actor);
        return r ? `${r.observed}${r.observed === r.expected ? '' : ` (expected ${r.expected})`}` : '';
      });
      lines.push(`| ${route} | ${cellsOf.join(' | ')} |`);
    }
    const dir = join(__dirname, '..', '..', '..', 'test-artifacts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'access-matrix.md'), `${lines.join('\n')}\n`);
    await t.close();
    await closeTestDatabase();
  }, 60_000);

  it('has a row for every route the app registers, and a route for every row', () => {
    const missing = [...routes.keys()].filter((key) => !(key in ACCESS_MATRIX));
    const gone = Object.keys(ACCESS_MATRIX).filter((key) => !routes.has(key));
    expect({ routesWithoutARow: missing, rowsWithoutARoute: gone }).toEqual({ routesWithoutARow: [], rowsWithoutARoute: [] });
  });

  it('leaves out of the matrix only routes that name no object: no path id, office, counter or ticket', () => {
    const namesAnObject = (entry: RouteEntry) => {
      const fields = (part: unknown) => Object.keys((part as { properties?: object } | undefined)?.properties ?? {});
      const { params, querystring, body } = (entry.schema ?? {}) as Record<string, unknown>;
      return entry.url.includes(':') || fields(params).length > 0 || [...fields(querystring), ...fields(body)].some((f) => /^(id|officeId|counterId|ticketId)$/.test(f));
    };
    const outside = Object.entries(ACCESS_MATRIX).filter(([key, row]) => 'outside' in row && routes.has(key));
    expect(outside.filter(([key]) => namesAnObject(routes.get(key)!)).map(([key]) => key)).toEqual([]);
  });

  const rows = Object.entries(ACCESS_MATRIX).filter((entry): entry is [string, Row] => 'target' in entry[1]);
  it.each(rows)('%s: every actor as its row says; refusals change nothing and answer like a random id', async (key, row) => {
    expect(routes.has(key)).toBe(true);
    const cells = await runRow(key, row);
    expect(cells.map((c) => [c.actor, c.observed])).toEqual(MATRIX_ACTORS.map((actor) => [actor, row.expect[actor]]));
    expect(cells.filter((c) => c.alike === false).map((c) => c.actor)).toEqual([]);
    expect(cells.filter((c) => c.unchanged === false).map((c) => c.actor)).toEqual([]);
  }, 60_000);
});
