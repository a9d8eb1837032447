// Schemas of the appointment API (预约, issue 5): a hall's slots for one service and day (step 1);
// booking, one's appointments, cancel and reschedule (step 2).
import { Type, type Static, type TLiteral } from '@sinclair/typebox';
import { APPOINTMENT_STATUSES, SLOT_UNAVAILABLE_REASONS } from '../appointments';
import { BusinessDateSchema, ListOf, StrictObject, TextSchema, UuidSchema } from './common';
import { TicketStatusSchema } from './queue';
import { LicenceTypeSchema, ServiceMaterialSchema } from './catalogue';
import { LICENCE_TRUST_LEVELS } from '../licences';

const DateTime = Type.String({ format: 'date-time', description: 'UTC instant' });

export const SlotListQuerySchema = StrictObject({
  serviceId: UuidSchema,
  date: Type.Optional(BusinessDateSchema({ description: 'YYYY-MM-DD, the business date in Asia/Shanghai (default: today)' })),
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
  /** People on the slot's waitlist (候补), shown with a full slot: "已约满 · 3人候补". */
  waiting: Type.Integer({ minimum: 0 }),
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

// ───────────── Step 2: booking, my appointments, cancel, reschedule ─────────────

export const AppointmentStatusSchema = Type.Union(APPOINTMENT_STATUSES.map((s) => Type.Literal(s)) as [TLiteral<string>, ...TLiteral<string>[]]);

/** 免证办: one guide material (by its position in the service's guide) covered by one of the subject's licences. */
export const LicenceMaterialChoiceSchema = StrictObject({ position: Type.Integer({ minimum: 0, maximum: 1000 }), licenceId: UuidSchema });
export const AppointmentCreateBodySchema = StrictObject({
  slotId: UuidSchema,
  serviceId: UuidSchema,
  /** 免证办: materials the person brings as an e-licence instead of paper (each position at most once). */
  licenceMaterials: Type.Optional(Type.Array(LicenceMaterialChoiceSchema, { maxItems: 30 })),
});

export const LicenceTrustLevelSchema = Type.Union(LICENCE_TRUST_LEVELS.map((l) => Type.Literal(l)) as [TLiteral<string>, ...TLiteral<string>[]]);
/** A guide material covered by an e-licence (免证办): the person brings nothing for it. */
export const CoveredMaterialSchema = Type.Object({
  position: Type.Integer(),
  /** The material's name in the guide at booking time. */
  name: Type.String(),
  licence: Type.Object({ id: UuidSchema, type: LicenceTypeSchema, typeLabel: Type.String(), numberMasked: Type.String() }),
  /** A: synced from the issuer on the booking's business day; B: synced earlier, still valid (LICENCE_TRUST_LEVEL_RULES). */
  trustLevel: LicenceTrustLevelSchema,
  trustLabel: Type.String(),
  /** "用电子证照（居民身份证 3601**********1234）". */
  words: Type.String(),
  /** When the licence was checked for the booking. */
  checkedAt: DateTime,
});
export type CoveredMaterial = Static<typeof CoveredMaterialSchema>;
export const AppointmentCancelBodySchema = StrictObject({ reason: Type.Optional(TextSchema({ minLength: 1, maxLength: 200 })) });
/** 改约: another slot of the same service. */
export const AppointmentRescheduleBodySchema = StrictObject({ slotId: UuidSchema });

/** The queue number an appointment became at check-in. */
export const AppointmentTicketSchema = Type.Object({ id: UuidSchema, displayNumber: Type.String({ examples: ['B007'] }), status: TicketStatusSchema });

/**
 * The service's guide as it was when the appointment was booked (its version, kept by a
 * reschedule): what the person brings, whatever the guide says today.
 */
export const AppointmentGuideSchema = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  /** false: the guide has been changed since (the booking is handled by this version). */
  isCurrent: Type.Boolean(),
  conditions: Type.Array(Type.String()),
  materials: Type.Array(ServiceMaterialSchema),
  promisedDays: Type.Integer(),
  fee: Type.Object({ display: Type.String({ examples: ['免费', '20–40 元'] }), note: Type.Union([Type.String(), Type.Null()]) }),
});
export type AppointmentGuide = Static<typeof AppointmentGuideSchema>;

export const AppointmentSchema = Type.Object({
  id: UuidSchema,
  /** Short code shown at the hall (6 characters, no look-alikes). */
  code: Type.String({ examples: ['K7M2QX'] }),
  status: AppointmentStatusSchema,
  office: Type.Object({ id: UuidSchema, name: Type.String(), address: Type.String() }),
  service: Type.Object({ id: UuidSchema, name: Type.String() }),
  slotId: UuidSchema,
  /** Business date and wall-clock times in Asia/Shanghai; end may be '24:00'. */
  date: Type.String({ description: 'YYYY-MM-DD, Asia/Shanghai' }),
  start: Type.String({ examples: ['09:00'] }),
  end: Type.String({ examples: ['09:30'] }),
  startsAt: DateTime,
  endsAt: DateTime,
  /** Whose appointment it is, masked ("张**"), when someone else booked it for them. */
  onBehalfOf: Type.Union([Type.String(), Type.Null()]),
  /** Whether it may still be cancelled or rescheduled online (BOOKED and before the deadline). */
  canChange: Type.Boolean(),
  /** Cancel or reschedule until this instant (30 minutes before the start). */
  changeDeadline: DateTime,
  bookedAt: DateTime,
  rescheduledAt: Type.Union([DateTime, Type.Null()]),
  cancelledAt: Type.Union([DateTime, Type.Null()]),
  cancelReason: Type.Union([Type.String(), Type.Null()]),
  /** 签到 is open from 30 minutes before the start until 15 minutes after it (step 5). */
  checkInOpensAt: DateTime,
  checkInClosesAt: DateTime,
  /** BOOKED and now inside the check-in window. */
  canCheckIn: Type.Boolean(),
  checkedInAt: Type.Union([DateTime, Type.Null()]),
  noShowAt: Type.Union([DateTime, Type.Null()]),
  /** The priority queue number check-in became. */
  ticket: Type.Union([AppointmentTicketSchema, Type.Null()]),
  /** 免证办: the guide materials covered by an e-licence, in guide order. */
  licenceMaterials: Type.Array(CoveredMaterialSchema),
  /** The guide it was booked under. */
  guide: AppointmentGuideSchema,
});
export type Appointment = Static<typeof AppointmentSchema>;
export const AppointmentListSchema = ListOf(AppointmentSchema);
