// Schemas of booking suspensions (预约暂停, issue 5 step 5): 3 no-shows in 30 days suspend online
// booking for 7 days; the person sees why and may appeal once; a supervisor of the hall's region
// decides (UPHELD keeps it, GRANTED lifts it).
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { StrictObject, TextSchema, UuidSchema } from './common';

const DateTime = Type.String({ format: 'date-time', description: 'UTC instant' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const AppealStatusSchema = Type.Union([Type.Literal('PENDING'), Type.Literal('UPHELD'), Type.Literal('GRANTED')]);
export type AppealStatus = Static<typeof AppealStatusSchema>;

/** A suspension as the person suspended (or whoever books for them) sees it. */
export const BookingSuspensionSchema = Type.Object({
  id: UuidSchema,
  /** Shown as is: "30天内3次预约未到（11月2日、11月9日、11月16日），网上预约暂停至11月30日 09:46". */
  reason: Type.String(),
  startsAt: DateTime,
  endsAt: DateTime,
  /** Booking online is refused now because of it (not ended, not lifted). */
  active: Type.Boolean(),
  /** Set when an appeal was granted: booking is open again. */
  liftedAt: Nullable(DateTime),
  /** Whether the one appeal may still be made (active and not appealed yet). */
  canAppeal: Type.Boolean(),
  appealStatus: Type.Union([AppealStatusSchema, Type.Null()]),
  appealText: Nullable(Type.String()),
  appealedAt: Nullable(DateTime),
  decisionNote: Nullable(Type.String()),
  decidedAt: Nullable(DateTime),
});
export type BookingSuspension = Static<typeof BookingSuspensionSchema>;
export const BookingSuspensionListSchema = Type.Object({ items: Type.Array(BookingSuspensionSchema) });

export const SuspensionAppealBodySchema = StrictObject({
  /** Why the no-shows should not count (illness, the hall's own delay …). */
  text: TextSchema({ minLength: 5, maxLength: 500 }),
});

export const SuspensionAppealListQuerySchema = StrictObject({
  status: Type.Optional(AppealStatusSchema),
});

/** An appeal as a supervisor sees it: the person's name masked, never a phone or ID number. */
export const SuspensionAppealSchema = Type.Object({
  id: UuidSchema,
  /** Masked ("张**"); null for a person without a name on record. */
  name: Nullable(Type.String()),
  office: Type.Object({ id: UuidSchema, name: Type.String() }),
  reason: Type.String(),
  startsAt: DateTime,
  endsAt: DateTime,
  active: Type.Boolean(),
  /** The no-shows it counts: Shanghai date and time, the service. */
  noShows: Type.Array(Type.Object({ date: Type.String(), start: Type.String(), service: Type.String() })),
  appealStatus: AppealStatusSchema,
  appealText: Type.String(),
  appealedAt: DateTime,
  decisionNote: Nullable(Type.String()),
  decidedAt: Nullable(DateTime),
});
export type SuspensionAppeal = Static<typeof SuspensionAppealSchema>;
export const SuspensionAppealListSchema = Type.Object({ items: Type.Array(SuspensionAppealSchema) });

export const SuspensionDecisionBodySchema = StrictObject({
  decision: Type.Union([Type.Literal('UPHELD'), Type.Literal('GRANTED')]),
  /** Shown to the person with the decision. */
  note: TextSchema({ minLength: 2, maxLength: 500 }),
});
