// Schemas of the queue API (排队叫号): taking a number, one's tickets, a hall's public board.
import { Type, type Static, type TLiteral } from '@sinclair/typebox';
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES } from '../queue';
import { BusinessDateSchema, ListOf, StrictObject, UuidSchema } from './common';

const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)) as [TLiteral<T>, ...TLiteral<T>[]]);

export const TicketStatusSchema = literals(TICKET_STATUSES);
export const TicketPrioritySchema = literals(TICKET_PRIORITIES);
export const TicketChannelSchema = literals(TICKET_CHANNELS);

export const TicketCreateBodySchema = StrictObject({ officeId: UuidSchema, serviceId: UuidSchema });

/** 转办: to another service of the same hall and/or to one window. */
export const TicketTransferBodySchema = StrictObject({ serviceId: Type.Optional(UuidSchema), counterId: Type.Optional(UuidSchema) }, { minProperties: 1 });
/** A number issued at the window for someone without a phone. */
export const WalkInBodySchema = StrictObject({ serviceId: UuidSchema });

export const WaitEstimateSchema = Type.Object({ lowMinutes: Type.Integer(), highMinutes: Type.Integer() });

export const TicketSchema = Type.Object({
  id: UuidSchema,
  displayNumber: Type.String({ examples: ['A023'] }),
  status: TicketStatusSchema,
  priority: TicketPrioritySchema,
  channel: TicketChannelSchema,
  businessDate: Type.String({ description: 'YYYY-MM-DD, Asia/Shanghai' }),
  office: Type.Object({ id: UuidSchema, name: Type.String() }),
  service: Type.Object({ id: UuidSchema, name: Type.String() }),
  /** Whose ticket it is, masked ("张**"), when someone else took it for them. */
  onBehalfOf: Type.Union([Type.String(), Type.Null()]),
  /** People who will be called before this ticket (while WAITING), else null. */
  peopleAhead: Type.Union([Type.Integer(), Type.Null()]),
  estimate: Type.Union([WaitEstimateSchema, Type.Null()]),
  isTurnNear: Type.Boolean(),
  counter: Type.Union([Type.Object({ number: Type.Integer(), name: Type.String() }), Type.Null()]),
  /** A 过号 ticket that has not rejoined yet may rejoin once. */
  canRejoin: Type.Boolean(),
  issuedAt: Type.String({ format: 'date-time' }),
  calledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Ticket = Static<typeof TicketSchema>;
export const TicketListSchema = ListOf(TicketSchema);

export const QueueBoardSchema = Type.Object({
  office: Type.Object({ id: UuidSchema, name: Type.String() }),
  businessDate: Type.String(),
  /** Now calling, per open counter. */
  counters: Type.Array(
    Type.Object({
      number: Type.Integer(),
      name: Type.String(),
      state: Type.String(),
      calling: Type.Union([Type.String(), Type.Null()]),
      /** How often the number at the window has been recalled (重呼): a board announces each. */
      recalls: Type.Integer(),
    }),
  ),
  /** Waiting per queue letter. */
  waiting: Type.Array(Type.Object({ letter: Type.String(), label: Type.String(), count: Type.Integer() })),
  /** The day's latest calls, newest first (at most RECENT_CALLS): a wall board lists them after the banner. */
  recent: Type.Array(Type.Object({ displayNumber: Type.String(), counterNumber: Type.Integer(), calledAt: Type.String({ format: 'date-time' }) })),
});
export type QueueBoard = Static<typeof QueueBoardSchema>;

export const QueueAccuracyQuerySchema = StrictObject({ date: Type.Optional(BusinessDateSchema()) });
export const QueueAccuracySchema = Type.Object({
  office: Type.Object({ id: UuidSchema, name: Type.String() }),
  businessDate: Type.String(),
  /** Tickets finished that day; those with an estimate shown at issue are the samples. */
  finished: Type.Integer(),
  samples: Type.Integer(),
  withinRangeShare: Type.Union([Type.Number(), Type.Null()]),
  meanErrorMinutes: Type.Union([Type.Number(), Type.Null()]),
});
export type QueueAccuracy = Static<typeof QueueAccuracySchema>;

/** Before taking a number: what a ticket taken now would face, for one service at one hall. */
export const QueuePreviewQuerySchema = StrictObject({ serviceId: UuidSchema });
export const QUEUE_PREVIEW_BLOCKS = ['SERVICE_NOT_OFFERED', 'OFFICE_CLOSED', 'QUEUE_FULL_TODAY', 'TICKET_ALREADY_ACTIVE'] as const;
export const QueuePreviewSchema = Type.Object({
  /** Whether a remote number can be taken right now. */
  open: Type.Boolean(),
  /** Why not, as the error code the take would answer with. */
  code: Type.Optional(literals(QUEUE_PREVIEW_BLOCKS)),
  /** Why not, in words for the page (e.g. 大厅已下班). */
  reason: Type.Optional(Type.String()),
  /** The caller's own active ticket for this service here (TICKET_ALREADY_ACTIVE). */
  activeTicketId: Type.Optional(UuidSchema),
  /** Waiting people a number taken now would have ahead (the caller's priority when signed in). */
  peopleAhead: Type.Integer({ minimum: 0 }),
  estimate: Type.Union([WaitEstimateSchema, Type.Null()]),
});
export type QueuePreview = Static<typeof QueuePreviewSchema>;
