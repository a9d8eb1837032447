// Schemas of the window panel (窗口工作台): the windows a clerk may work, one window with the
// number at it and the queue it serves. Holders appear only as a masked name ("张**"), never by
// phone or ID number (DESIGN.md §6).
import { Type, type Static } from '@sinclair/typebox';
import { ListOf, StrictObject, UuidSchema } from './common';
import { TicketChannelSchema, TicketPrioritySchema, TicketStatusSchema } from './queue';

export const CounterStateSchema = Type.Union([Type.Literal('OPEN'), Type.Literal('PAUSED'), Type.Literal('CLOSED')]);

export const CounterListQuerySchema = StrictObject({
  /** Default: the office the clerk is posted to. */
  officeId: Type.Optional(UuidSchema),
});

/** The number now CALLED or SERVING at a window. */
export const CounterTicketSchema = Type.Object({
  id: UuidSchema,
  displayNumber: Type.String({ examples: ['A023'] }),
  status: TicketStatusSchema,
  priority: TicketPrioritySchema,
  channel: TicketChannelSchema,
  service: Type.Object({ id: UuidSchema, name: Type.String() }),
  /** Masked ("张**") when the holder has an account with a name; null for a walk-in. */
  holder: Type.Union([Type.String(), Type.Null()]),
  recallCount: Type.Integer(),
  calledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type CounterTicket = Static<typeof CounterTicketSchema>;

export const CounterServiceSchema = Type.Object({ id: UuidSchema, name: Type.String(), letter: Type.String() });
export type CounterService = Static<typeof CounterServiceSchema>;

export const CounterSummarySchema = Type.Object({
  id: UuidSchema,
  number: Type.Integer(),
  name: Type.String(),
  state: CounterStateSchema,
  office: Type.Object({ id: UuidSchema, name: Type.String() }),
  /** Queue letters served, each with its label (A 综合受理). */
  categories: Type.Array(Type.Object({ letter: Type.String(), label: Type.String() })),
  current: Type.Union([CounterTicketSchema, Type.Null()]),
  /**
   * The asking clerk is this window's clerk (Counter.clerkId: the hall's posting in the seeds, then
   * whoever last opened, paused or closed it): the panel goes straight to it. False for anyone
   * watching (supervisors, admins) and for the hall's other clerks.
   */
  isMine: Type.Boolean(),
});
export type CounterSummary = Static<typeof CounterSummarySchema>;
export const CounterListSchema = ListOf(CounterSummarySchema);
export type CounterList = Static<typeof CounterListSchema>;

export const WaitingTicketSchema = Type.Object({
  id: UuidSchema,
  displayNumber: Type.String(),
  priority: TicketPrioritySchema,
  channel: TicketChannelSchema,
  service: Type.Object({ id: UuidSchema, name: Type.String() }),
  waitedMinutes: Type.Integer(),
  holder: Type.Union([Type.String(), Type.Null()]),
});
export type WaitingTicket = Static<typeof WaitingTicketSchema>;

/** Who waits for this window, per queue letter, in the order they would be called. */
export const CounterQueueGroupSchema = Type.Object({
  letter: Type.String(),
  label: Type.String(),
  count: Type.Integer(),
  /** The first few (at most 10). */
  next: Type.Array(WaitingTicketSchema),
});
export type CounterQueueGroup = Static<typeof CounterQueueGroupSchema>;

export const CounterDetailSchema = Type.Composite([
  CounterSummarySchema,
  Type.Object({
    /** False for someone who may watch but not work this window (a supervisor). */
    canOperate: Type.Boolean(),
    /** Services of the office this window serves: a walk-in takes one of these. */
    services: Type.Array(CounterServiceSchema),
    queue: Type.Array(CounterQueueGroupSchema),
    /** Where 转办 may send a number: the office's other windows and any service it offers. */
    transferTargets: Type.Object({
      counters: Type.Array(Type.Object({ id: UuidSchema, number: Type.Integer(), name: Type.String(), state: CounterStateSchema })),
      services: Type.Array(CounterServiceSchema),
    }),
  }),
]);
export type CounterDetail = Static<typeof CounterDetailSchema>;
