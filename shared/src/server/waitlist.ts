// Schemas of the waitlist API (候补, issue 5 step 3): join the waitlist of a full slot, one's
// entries (and those one made for others) with the place in line, cancel an entry.
import { Type, type Static } from '@sinclair/typebox';
import { ListOf, StrictObject, UuidSchema } from './common';

const DateTime = Type.String({ format: 'date-time', description: 'UTC instant' });

/**
 * WAITING in line; PROMOTED: a freed place became an appointment (`appointmentId`); SKIPPED: passed
 * over because a booking rule refused it then (`skipReason`); CANCELLED by the person; EXPIRED: the
 * slot closed with the person still waiting.
 */
export const WaitlistStatusSchema = Type.Union([
  Type.Literal('WAITING'),
  Type.Literal('PROMOTED'),
  Type.Literal('SKIPPED'),
  Type.Literal('CANCELLED'),
  Type.Literal('EXPIRED'),
]);

export const WaitlistJoinBodySchema = StrictObject({ slotId: UuidSchema, serviceId: UuidSchema });
export const WaitlistCancelBodySchema = StrictObject({});

export const WaitlistEntrySchema = Type.Object({
  id: UuidSchema,
  status: WaitlistStatusSchema,
  office: Type.Object({ id: UuidSchema, name: Type.String() }),
  service: Type.Object({ id: UuidSchema, name: Type.String() }),
  /** The slot waited for: business date and wall-clock times in Asia/Shanghai; end may be '24:00'. */
  slot: Type.Object({
    id: UuidSchema,
    date: Type.String({ description: 'YYYY-MM-DD, Asia/Shanghai' }),
    start: Type.String({ examples: ['09:00'] }),
    end: Type.String({ examples: ['09:30'] }),
    startsAt: DateTime,
  }),
  /** Place in line among those still waiting for the slot (1 = next), while WAITING; else null. */
  position: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  /** The appointment a PROMOTED entry became. */
  appointmentId: Type.Union([UuidSchema, Type.Null()]),
  /** Why a SKIPPED entry was passed over ("当天已有这项业务的预约…"). */
  skipReason: Type.Union([Type.String(), Type.Null()]),
  /** Whose entry it is, masked ("张**"), when someone else joined for them. */
  onBehalfOf: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  /** When it stopped waiting (promoted, skipped, cancelled or expired). */
  endedAt: Type.Union([DateTime, Type.Null()]),
});
export type WaitlistEntry = Static<typeof WaitlistEntrySchema>;
export const WaitlistEntryListSchema = ListOf(WaitlistEntrySchema);
