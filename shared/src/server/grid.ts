// Schemas of the grid worker's API (网格员 / 代办员, issue 14 item 4): the roster of the worker's
// grid with each resident's grant state, asking a resident for consent, and door-to-door tasks
// (上门帮办) with their visits and the tickets and appointments made for them.
import { Type, type Static, type TLiteral, type TSchema } from '@sinclair/typebox';
import { APPOINTMENT_STATUSES } from '../appointments';
import { GRID_GRANT_STATES, GRID_TASK_STATUSES } from '../grid';
import { TICKET_STATUSES } from '../queue';
import { ServiceCategorySchema } from './catalogue';
import { BusinessDateSchema, ListOf, StrictObject, TextSchema, UuidSchema } from './common';

const DateTime = Type.String({ format: 'date-time', description: 'UTC instant' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)) as [TLiteral<T>, ...TLiteral<T>[]]);

const GRANT_SCOPE_VALUES = ['APPOINTMENT', 'QUEUE', 'APPLICATION', 'LICENCE_PRESENT', 'REPORT'] as const;
const Cursor = Type.String({ minLength: 1, maxLength: 200, description: 'nextCursor of the previous page' });
const Limit = Type.Integer({ minimum: 1, maximum: 50, description: 'page size (default 20)' });

export const GridGrantStateSchema = literals(GRID_GRANT_STATES);
export const GridTaskStatusSchema = literals(GRID_TASK_STATUSES);

/** The resident's grant toward the worker asking: the one in force, else the pending one, else the latest ended. */
export const GridGrantSchema = Type.Object({
  state: GridGrantStateSchema,
  /** null when there has never been one. */
  id: Nullable(UuidSchema),
  scopes: Type.Array(literals(GRANT_SCOPE_VALUES)),
  /** ACTIVE: in force until; PENDING: would run until (once accepted). */
  validUntil: Nullable(DateTime),
  /** EXPIRED / REVOKED / REJECTED: when it ended. */
  endedAt: Nullable(DateTime),
  /** How the resident consented (WITNESSED: at a window, for people without a phone). */
  consentMethod: Nullable(literals(['IN_APP', 'WITNESSED'] as const)),
  /** 网格员 / 代办员; null when there has never been one. */
  relation: Nullable(Type.String()),
});
export type GridGrant = Static<typeof GridGrantSchema>;

/** One resident of the grid as the worker sees them: never a clear name, ID number or phone. */
export const GridResidentSchema = Type.Object({
  id: UuidSchema,
  /** "张**"; null for someone without a real name on record. */
  nameMasked: Nullable(Type.String()),
  idNumberMasked: Nullable(Type.String({ examples: ['3612**********0019'] })),
  /** "70–79岁", "80岁及以上": a band, not the age (with the masked ID it would give the birth year). */
  ageBand: Nullable(Type.String()),
  hasPhone: Type.Boolean(),
  grant: GridGrantSchema,
});
export type GridResident = Static<typeof GridResidentSchema>;
export const GridResidentListSchema = ListOf(GridResidentSchema);

export const GridResidentListQuerySchema = StrictObject({
  /** A fragment of the name, or 1–4 last characters of the ID number. */
  q: Type.Optional(TextSchema({ minLength: 1, maxLength: 20 })),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});

/** 请求授权: what the worker asks to do for the resident (default 预约, 排队取号, 申办事项) and for how long (≤ 90 days). */
export const GridConsentRequestBodySchema = StrictObject({
  scopes: Type.Optional(Type.Array(literals(GRANT_SCOPE_VALUES), { minItems: 1, maxItems: 5, uniqueItems: true })),
  relation: Type.Optional(literals(['网格员', '代办员'] as const)),
  validDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
});

export const GridTaskTicketSchema = Type.Object({
  id: UuidSchema,
  displayNumber: Type.String({ examples: ['A007'] }),
  status: literals(TICKET_STATUSES),
  officeName: Type.String(),
  date: Type.String({ description: 'YYYY-MM-DD, Asia/Shanghai' }),
});
export const GridTaskAppointmentSchema = Type.Object({
  id: UuidSchema,
  code: Type.String(),
  status: literals(APPOINTMENT_STATUSES),
  officeName: Type.String(),
  date: Type.String({ description: 'YYYY-MM-DD, Asia/Shanghai' }),
  start: Type.String({ examples: ['09:00'] }),
});

export const GridTaskVisitSchema = Type.Object({ at: DateTime, note: Nullable(Type.String()) });

/** 上门帮办 as the worker sees it, with what was done for the resident under the grant while it was open. */
export const GridTaskSchema = Type.Object({
  id: UuidSchema,
  status: GridTaskStatusSchema,
  resident: GridResidentSchema,
  service: Type.Object({ id: UuidSchema, name: Type.String() }),
  plannedDate: Type.String({ description: 'YYYY-MM-DD, Asia/Shanghai' }),
  note: Nullable(Type.String()),
  visits: Type.Array(GridTaskVisitSchema),
  createdAt: DateTime,
  visitedAt: Nullable(DateTime),
  doneAt: Nullable(DateTime),
  doneNote: Nullable(Type.String()),
  cancelledAt: Nullable(DateTime),
  cancelReason: Nullable(Type.String()),
  /** Which steps the state allows now (PLANNED/VISITED: visit, cancel; VISITED: finish). */
  canVisit: Type.Boolean(),
  canFinish: Type.Boolean(),
  canCancel: Type.Boolean(),
  /** Numbers taken and bookings made by the worker for the resident for this service while the task was open. */
  tickets: Type.Array(GridTaskTicketSchema),
  appointments: Type.Array(GridTaskAppointmentSchema),
});
export type GridTask = Static<typeof GridTaskSchema>;
export const GridTaskListSchema = ListOf(GridTaskSchema);

export const GridTaskListQuerySchema = StrictObject({
  /** open (default): PLANNED and VISITED, soonest first; closed: DONE and CANCELLED, latest first. */
  state: Type.Optional(literals(['open', 'closed'] as const)),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});

export const GridTaskCreateBodySchema = StrictObject({
  residentId: UuidSchema,
  serviceId: UuidSchema,
  plannedDate: BusinessDateSchema({ description: 'YYYY-MM-DD, Asia/Shanghai: today up to 180 days ahead' }),
  note: Type.Optional(TextSchema({ minLength: 1, maxLength: 200 })),
});
/** 记录走访: what happened (optional: a visit with nothing to note is still a visit). */
export const GridTaskVisitBodySchema = StrictObject({ note: Type.Optional(TextSchema({ minLength: 1, maxLength: 500 })) });
export const GridTaskDoneBodySchema = StrictObject({ note: Type.Optional(TextSchema({ minLength: 1, maxLength: 200 })) });
export const GridTaskCancelBodySchema = StrictObject({ reason: Type.Optional(TextSchema({ minLength: 1, maxLength: 200 })) });

/** A service a door-to-door task may be for: one that may be done by proxy (as the service chooser lists services). */
export const GridServiceSchema = Type.Object({
  id: UuidSchema,
  name: Type.String(),
  category: ServiceCategorySchema,
  aliases: Type.Array(Type.String()),
  department: Type.String(),
  popularity: Type.Integer(),
});
export type GridService = Static<typeof GridServiceSchema>;
export const GridServiceListSchema = Type.Object({ items: Type.Array(GridServiceSchema) });
