// Schemas of check-in (签到): the hall's check-in code of the day for its screen, a citizen's
// check-in with it, a clerk's check-in by appointment code, and a hall's appointments of one day.
import { Type, type Static } from '@sinclair/typebox';
import { AppointmentStatusSchema, AppointmentTicketSchema, CoveredMaterialSchema } from './appointments';
import { BusinessDateSchema, StrictObject, UuidSchema } from './common';

const DateTime = Type.String({ format: 'date-time', description: 'UTC instant' });

export const CheckInBodySchema = StrictObject({
  /** The scanned QR text (`palm-checkin:<officeId>:<date>:<code>`) or the hall's 8-character code of the day typed in. */
  hallCode: Type.String({ minLength: 1, maxLength: 120, examples: ['palm-checkin:5eed0001-0000-4000-8000-000000000001:2026-11-23:K7M2QXPA', 'K7M2 QXPA'] }),
});

/** At a window: the 6-character appointment code the person reads out (any case). */
export const ClerkCheckInBodySchema = StrictObject({ code: Type.String({ minLength: 6, maxLength: 6, pattern: '^[0-9A-Za-z]{6}$', examples: ['K7M2QX'] }) });

/** The hall's check-in code of one business day, as its screen shows it: a QR and the code to type instead. */
export const HallCheckInCodeSchema = Type.Object({
  officeId: UuidSchema,
  officeName: Type.String(),
  /** The business date (Asia/Shanghai) the code is good for: it changes at midnight. */
  date: Type.String({ description: 'YYYY-MM-DD, Asia/Shanghai', examples: ['2026-11-23'] }),
  validUntil: DateTime,
  /** Seconds from this answer to validUntil: when to ask again, whatever the device's own clock says. */
  expiresInSeconds: Type.Integer({ minimum: 0 }),
  /** 8 characters without look-alikes. */
  code: Type.String({ examples: ['K7M2QXPA'] }),
  /** The QR payload: `palm-checkin:<officeId>:<date>:<code>`. */
  qr: Type.String(),
  /** The QR as a PNG data URL (`data:image/png;base64,…`), for an image element on every platform. */
  qrImage: Type.String({ pattern: '^data:image/png;base64,' }),
});
export type HallCheckInCode = Static<typeof HallCheckInCodeSchema>;

export const OfficeAppointmentsQuerySchema = StrictObject({
  date: Type.Optional(BusinessDateSchema({ description: 'YYYY-MM-DD, the business date in Asia/Shanghai (default: today)' })),
});

/** One appointment as a hall's clerk sees it: the person's name masked, never a phone or ID number. */
export const OfficeAppointmentSchema = Type.Object({
  id: UuidSchema,
  code: Type.String(),
  status: AppointmentStatusSchema,
  /** Masked ("张**"); null for a person without a name on record. */
  name: Type.Union([Type.String(), Type.Null()]),
  service: Type.Object({ id: UuidSchema, name: Type.String() }),
  start: Type.String({ examples: ['09:00'] }),
  end: Type.String({ examples: ['09:30'] }),
  startsAt: DateTime,
  checkedInAt: Type.Union([DateTime, Type.Null()]),
  checkInMethod: Type.Union([Type.Literal('SCAN'), Type.Literal('CLERK'), Type.Null()]),
  ticket: Type.Union([AppointmentTicketSchema, Type.Null()]),
  /** 免证办: materials covered by which licence (masked) at which trust level: the person brings nothing for those. */
  licenceMaterials: Type.Array(CoveredMaterialSchema),
});
export type OfficeAppointment = Static<typeof OfficeAppointmentSchema>;
export const OfficeAppointmentListSchema = Type.Object({ date: Type.String({ description: 'YYYY-MM-DD, Asia/Shanghai' }), items: Type.Array(OfficeAppointmentSchema) });
