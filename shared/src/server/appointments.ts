// Schemas of the appointment API (预约). Step 1 of issue 5: a hall's slots for one service and day.
import { Type, type Static, type TLiteral } from '@sinclair/typebox';
import { SLOT_UNAVAILABLE_REASONS } from '../appointments';
import { StrictObject, UuidSchema } from './common';

const DateTime = Type.String({ format: 'date-time', description: 'UTC instant' });

export const SlotListQuerySchema = StrictObject({
  serviceId: UuidSchema,
  date: Type.Optional(Type.String({ format: 'date', description: 'YYYY-MM-DD, the business date in Asia/Shanghai (default: today)' })),
});

export const SlotUnavailableReasonSchema = Type.Union(SLOT_UNAVAILABLE_REASONS.map((r) => Type.Literal(r)) as [TLiteral<string>, ...TLiteral<string>[]]);

export const SlotSchema = Type.Object({
  id: UuidSchema,
  /** Wall-clock start and end in Asia/Shanghai. */
  start: Type.String({ examples: ['09:00'] }),
  end: Type.String({ examples: ['09:30'] }),
  startsAt: DateTime,
  endsAt: DateTime,
  capacity: Type.Integer(),
  remaining: Type.Integer(),
  isReleased: Type.Boolean(),
  releasesAt: DateTime,
  isBookable: Type.Boolean(),
  /** Why it cannot be booked now, when it cannot. */
  unavailableReason: Type.Union([SlotUnavailableReasonSchema, Type.Null()]),
});
export type Slot = Static<typeof SlotSchema>;

export const SlotDaySchema = Type.Object({
  office: Type.Object({ id: UuidSchema, name: Type.String() }),
  service: Type.Object({ id: UuidSchema, name: Type.String() }),
  date: Type.String({ description: 'YYYY-MM-DD, Asia/Shanghai' }),
  items: Type.Array(SlotSchema),
  /** When this day's slots are (or were) released under the hall's rule (放号). */
  release: Type.Object({
    releasesAt: DateTime,
    isReleased: Type.Boolean(),
    /** "明天 08:00 放号" while not released, else null. */
    label: Type.Union([Type.String(), Type.Null()]),
  }),
  /** Why the day has no slots, in words ("法定节假日不开放预约"); null when it has some. */
  note: Type.Union([Type.String(), Type.Null()]),
});
export type SlotDay = Static<typeof SlotDaySchema>;
