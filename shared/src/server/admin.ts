// Schemas of the admin and hall-manager console (issue 17; DESIGN.md §5 /api/admin/…): a hall's
// hours, closures, contact and services; its windows and queue settings; staff; the working-day
// calendar; the audit log of administrative changes.
import { Type, type Static } from '@sinclair/typebox';
import { BusinessDateSchema, LineSchema, ListOf, StrictObject, TextSchema, UuidSchema } from './common';
import { CounterSchema, DayHoursSchema, LicenceTypeSchema, WeeklyHoursSchema } from './catalogue';
import { PhoneSchema } from './identity';

const HHmm = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$', examples: ['09:00'] });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

// ───────────────────────────── offices ─────────────────────────────

export const AdminExceptionSchema = Type.Object({
  id: UuidSchema,
  date: Type.String({ format: 'date' }),
  closed: Type.Boolean(),
  hours: Type.Union([DayHoursSchema, Type.Null()]),
  /** The reason citizens read (停电检修, 调休延时服务). */
  reason: Type.Union([Type.String(), Type.Null()]),
});
export type AdminException = Static<typeof AdminExceptionSchema>;

export const AdminOfficeSchema = Type.Object({
  id: UuidSchema,
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  regionCode: Type.String(),
  address: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  weeklyHours: WeeklyHoursSchema,
  openOnHolidays: Type.Boolean(),
  /** Dated closures and special hours from today on. */
  exceptions: Type.Array(AdminExceptionSchema),
  services: Type.Array(
    Type.Object({
      id: UuidSchema,
      name: Type.String(),
      categoryLetter: Type.String(),
      dailyTicketCapacity: Type.Integer(),
      /** Today's numbers for it still in the hall's line or at a window (a stop does not end them). */
      waitingToday: Type.Integer({ minimum: 0 }),
    }),
  ),
});
export type AdminOffice = Static<typeof AdminOfficeSchema>;

/** Hours (admins and the hall's manager), contact and services offered (admins only). At least one field. */
export const AdminOfficePatchSchema = StrictObject(
  {
    weeklyHours: Type.Optional(WeeklyHoursSchema),
    openOnHolidays: Type.Optional(Type.Boolean()),
    name: Type.Optional(LineSchema({ minLength: 2, maxLength: 60 })),
    address: Type.Optional(LineSchema({ minLength: 2, maxLength: 200 })),
    phone: Type.Optional(Nullable(Type.String({ pattern: '^[0-9-]{7,20}$', description: '大厅咨询电话 (0797-1234567)' }))),
    /** The services the hall offers, the whole list (kept ones keep their daily capacity). */
    serviceIds: Type.Optional(Type.Array(UuidSchema, { minItems: 1, maxItems: 200, uniqueItems: true })),
  },
  { minProperties: 1 },
);
export type AdminOfficePatch = Static<typeof AdminOfficePatchSchema>;

/** A dated closure (`closed: true`) or special hours (`opens`/`closes`), with the reason citizens read. */
export const AdminExceptionBodySchema = StrictObject({
  date: BusinessDateSchema(),
  closed: Type.Optional(Type.Boolean()),
  opens: Type.Optional(HHmm),
  closes: Type.Optional(HHmm),
  reason: TextSchema({ minLength: 2, maxLength: 100 }),
});
export type AdminExceptionBody = Static<typeof AdminExceptionBodySchema>;

export const AdminExceptionResultSchema = Type.Object({
  exception: AdminExceptionSchema,
  /** Appointments of that day the change cancelled (each person told in the app). */
  appointmentsCancelled: Type.Integer({ minimum: 0 }),
});

/** What adding the closure would do, nothing saved: the bookings it would cancel (each person would be told). */
export const AdminExceptionPreviewSchema = Type.Object({ date: Type.String(), appointmentsAffected: Type.Integer({ minimum: 0 }) });
export type AdminExceptionPreview = Static<typeof AdminExceptionPreviewSchema>;

export const AdminExceptionParamsSchema = StrictObject({ id: UuidSchema, exceptionId: UuidSchema });

// ───────────────────────────── windows ─────────────────────────────

const Letters = Type.Array(Type.String({ pattern: '^[A-Z]$' }), { minItems: 1, maxItems: 26, uniqueItems: true, description: 'Queue letters served (all the hall’s letters: 全科窗口)' });

export const AdminCounterSchema = Type.Object({
  ...CounterSchema.properties,
  clerkId: Type.Union([UuidSchema, Type.Null()]),
  clerkName: Type.Union([Type.String(), Type.Null()]),
  retired: Type.Boolean(),
});
export type AdminCounter = Static<typeof AdminCounterSchema>;
export const AdminCounterListSchema = ListOf(AdminCounterSchema);

export const AdminCounterCreateSchema = StrictObject({
  name: TextSchema({ minLength: 1, maxLength: 40 }),
  categories: Letters,
  /** Default: the next free number. */
  number: Type.Optional(Type.Integer({ minimum: 1, maximum: 999 })),
  clerkId: Type.Optional(Type.Union([UuidSchema, Type.Null()])),
});
export type AdminCounterCreate = Static<typeof AdminCounterCreateSchema>;

export const AdminCounterPatchSchema = StrictObject(
  {
    name: Type.Optional(TextSchema({ minLength: 1, maxLength: 40 })),
    categories: Type.Optional(Letters),
    clerkId: Type.Optional(Type.Union([UuidSchema, Type.Null()])),
    /** true: retire the window (closed, no clerk, never opened again). */
    retired: Type.Optional(Type.Literal(true)),
  },
  { minProperties: 1 },
);
export type AdminCounterPatch = Static<typeof AdminCounterPatchSchema>;

export const AdminQueueSettingsSchema = Type.Object({
  nearPeopleAhead: Type.Integer(),
  nearMinutes: Type.Integer(),
  maxPriorityStreak: Type.Integer(),
  dailyCapacity: Type.Array(Type.Object({ serviceId: UuidSchema, dailyTicketCapacity: Type.Integer() })),
});
export type AdminQueueSettings = Static<typeof AdminQueueSettingsSchema>;

export const AdminQueueSettingsBodySchema = StrictObject({
  nearPeopleAhead: Type.Integer({ minimum: 1, maximum: 20 }),
  nearMinutes: Type.Integer({ minimum: 1, maximum: 120 }),
  maxPriorityStreak: Type.Integer({ minimum: 1, maximum: 10 }),
  /** Daily remote-ticket capacity per service the hall offers (those not listed keep theirs). */
  dailyCapacity: Type.Optional(Type.Array(StrictObject({ serviceId: UuidSchema, dailyTicketCapacity: Type.Integer({ minimum: 0, maximum: 5000 }) }), { maxItems: 200 })),
});
export type AdminQueueSettingsBody = Static<typeof AdminQueueSettingsBodySchema>;

// ───────────────────────────── staff ─────────────────────────────

export const STAFF_ROLES = ['CLERK', 'SUPERVISOR', 'MANAGER', 'ADMIN'] as const;
const StaffRoleSchema = Type.Union(STAFF_ROLES.map((r) => Type.Literal(r)) as [ReturnType<typeof Type.Literal<'CLERK'>>, ...ReturnType<typeof Type.Literal<(typeof STAFF_ROLES)[number]>>[]]);

export const AdminStaffSchema = Type.Object({
  id: UuidSchema,
  name: Type.Union([Type.String(), Type.Null()]),
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Type.String()),
  officeId: Type.Union([UuidSchema, Type.Null()]),
  regionCode: Type.Union([Type.String(), Type.Null()]),
});
export type AdminStaff = Static<typeof AdminStaffSchema>;
export const AdminStaffListSchema = ListOf(AdminStaffSchema);

export const AdminStaffListQuerySchema = StrictObject({
  officeId: Type.Optional(UuidSchema),
  cursor: Type.Optional(UuidSchema),
});

/** Invite by phone: a clerk or hall manager to an office, a supervisor to a region, an admin. */
export const AdminStaffInviteSchema = StrictObject({
  phone: PhoneSchema,
  role: StaffRoleSchema,
  officeId: Type.Optional(UuidSchema),
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{12}$' })),
});
export type AdminStaffInvite = Static<typeof AdminStaffInviteSchema>;

export const AdminStaffRevokeSchema = StrictObject({
  /** Which staff role to take away; absent: every staff role. */
  role: Type.Optional(StaffRoleSchema),
});

export const AdminStaffResultSchema = Type.Object({
  staff: AdminStaffSchema,
  /** Invite: whether the phone had no account yet (one was made, unverified). */
  created: Type.Optional(Type.Boolean()),
  /** Revoke: the sessions ended (the person signs in again with what they still hold). */
  sessionsEnded: Type.Optional(Type.Integer({ minimum: 0 })),
});

// ───────────────────────────── service guides ─────────────────────────────

const Line = (maxLength: number) => LineSchema({ minLength: 1, maxLength });
const Count = Type.Integer({ minimum: 0, maximum: 20 });
const Days = Type.Integer({ minimum: 0, maximum: 365, description: 'Working days; 0 = 即办' });
const Fen = Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'fen (1 元 = 100)' });

/** One material of a guide, in guide order (its position is its index). */
export const GuideMaterialSchema = StrictObject({
  name: Line(60),
  required: Type.Boolean(),
  originals: Count,
  copies: Count,
  /** The e-licence that may replace the paper material (免证办), or null. */
  licenceType: Type.Union([LicenceTypeSchema, Type.Null()]),
  note: Type.Union([Line(200), Type.Null()]),
});

/** The fields of a service's guide an admin edits (@palm/shared GuideFields), each with its bounds. */
const guideFieldSchemas = {
  summary: TextSchema({ minLength: 1, maxLength: 500 }),
  conditions: Type.Array(Line(200), { maxItems: 20 }),
  process: Type.Array(Line(200), { maxItems: 20 }),
  materials: Type.Array(GuideMaterialSchema, { minItems: 1, maxItems: 30 }),
  legalDays: Days,
  /** Not above legalDays. */
  promisedDays: Days,
  feeFen: Fen,
  /** The highest fee when it depends on the case (feeNote says which): above feeFen; null = one figure. */
  feeMaxFen: Type.Union([Fen, Type.Null()]),
  feeNote: Type.Union([Line(200), Type.Null()]),
  onlineAllowed: Type.Boolean(),
  proxyAllowed: Type.Boolean(),
  appointmentRequired: Type.Boolean(),
  /** Search synonyms (社保, 退休), each once. */
  aliases: Type.Array(Line(30), { maxItems: 30 }),
};
export const GuideFieldsSchema = Type.Object(guideFieldSchemas);

/** A new guide version: any of the fields (at least one), and the version the edit was made on (409 when another was saved since). */
export const AdminServicePatchSchema = StrictObject(
  {
    ...Type.Partial(GuideFieldsSchema).properties,
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { minProperties: 1 },
);
export type AdminServicePatch = Static<typeof AdminServicePatchSchema>;

export const AdminServiceGuideSchema = Type.Object({
  id: UuidSchema,
  code: Type.String(),
  name: Type.String(),
  categoryLetter: Type.String(),
  ...guideFieldSchemas,
});

export const AdminGuideVersionSchema = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  createdAt: Type.String({ format: 'date-time' }),
  /** The admin who saved it; null for the first version (loaded, not edited). */
  createdBy: Type.Union([Type.Object({ id: UuidSchema, name: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  /** The guide fields this version changed (none for the first). */
  fields: Type.Array(Type.String()),
});

/** `?version=`: an earlier version's guide, read-only (absent: the current one). */
export const AdminServiceQuerySchema = StrictObject({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) });
export type AdminServiceQuery = Static<typeof AdminServiceQuerySchema>;

export const AdminServiceSchema = Type.Object({
  /** The guide as the version asked for says it (`shownVersion`); without `?version=`, the current one. */
  service: AdminServiceGuideSchema,
  /** The current version (what an edit's `expectedVersion` must name). */
  version: Type.Integer({ minimum: 1 }),
  /** The version `service` shows. */
  shownVersion: Type.Integer({ minimum: 1 }),
  /** Newest first. */
  versions: Type.Array(AdminGuideVersionSchema),
  /** BOOKED or CHECKED_IN appointments from today on: they keep the version they were booked under. */
  activeBookings: Type.Integer({ minimum: 0 }),
});
export type AdminService = Static<typeof AdminServiceSchema>;

export const AdminServicePatchResultSchema = Type.Object({
  service: AdminServiceGuideSchema,
  version: Type.Integer({ minimum: 1 }),
  previousVersion: Type.Integer({ minimum: 1 }),
  activeBookings: Type.Integer({ minimum: 0 }),
});
export type AdminServicePatchResult = Static<typeof AdminServicePatchResultSchema>;

// ───────────────────────────── calendar ─────────────────────────────

export const CalendarDayKindSchema = Type.Union([Type.Literal('HOLIDAY'), Type.Literal('WORKDAY')]);
export const AdminCalendarDaySchema = Type.Object({ date: Type.String({ format: 'date' }), kind: CalendarDayKindSchema, name: Type.String() });

export const AdminCalendarQuerySchema = StrictObject({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) });

export const AdminCalendarSchema = Type.Object({
  year: Type.Integer(),
  /** Whether the year's notice is loaded (its 元旦 is). */
  covered: Type.Boolean(),
  days: Type.Array(AdminCalendarDaySchema),
  coverage: Type.Object({
    coveredYears: Type.Array(Type.Integer()),
    horizon: Type.Object({ from: Type.String(), to: Type.String() }),
    uncoveredFrom: Type.Union([Type.String(), Type.Null()]),
    warning: Type.Union([Type.String(), Type.Null()]),
  }),
});
export type AdminCalendar = Static<typeof AdminCalendarSchema>;

export const AdminCalendarImportSchema = StrictObject({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  days: Type.Array(StrictObject({ date: Type.String({ maxLength: 10 }), kind: Type.String({ maxLength: 20 }), name: TextSchema({ minLength: 1, maxLength: 40 }) }), { minItems: 1, maxItems: 120 }),
});
export type AdminCalendarImport = Static<typeof AdminCalendarImportSchema>;

export const AdminCalendarImportResultSchema = Type.Object({
  ...AdminCalendarSchema.properties,
  created: Type.Integer(),
  updated: Type.Integer(),
  deleted: Type.Integer(),
});

// ───────────────────────────── audit ─────────────────────────────

/** A person in an audit entry: name and masked phone only. */
const AuditPersonSchema = Type.Union([Type.Object({ name: Type.Union([Type.String(), Type.Null()]), phoneMasked: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]);

export const AdminAuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actorId: Type.Union([UuidSchema, Type.Null()]),
  /** Who made the change. */
  actor: AuditPersonSchema,
  /** Whom it concerns (a member of staff invited or revoked), else null. */
  subject: AuditPersonSchema,
  action: Type.String(),
  resourceType: Type.String(),
  resourceId: Type.Union([Type.String(), Type.Null()]),
  officeId: Type.Union([UuidSchema, Type.Null()]),
  result: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  meta: Type.Unknown(),
});
export type AdminAuditEntry = Static<typeof AdminAuditEntrySchema>;
export const AdminAuditListSchema = ListOf(AdminAuditEntrySchema);
export const AdminAuditQuerySchema = StrictObject({
  officeId: Type.Optional(UuidSchema),
  cursor: Type.Optional(Type.String({ pattern: '^\\d{1,18}$' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
