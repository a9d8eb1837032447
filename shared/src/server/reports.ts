// Schemas of 办不成事 (reports), 好差评 (ratings), 整改 (rectifications) and the staff desk
// (issue 16; DESIGN.md §3, §4, §5). Action bodies are all optional: an empty body or none works.
import { Type, type Static, type TLiteral, type TSchema } from '@sinclair/typebox';
import { CALLBACK_OUTCOMES, CONTACT_PREFERENCES, RATING_TARGETS, REPORT_CLASSES, REPORT_PHOTO_TYPES, REPORT_PHOTOS_MAX, REPORT_STATUSES } from '../reports';
import { ListOf, StrictObject, TextSchema, UuidSchema } from './common';

const DateTime = Type.String({ format: 'date-time', description: 'UTC instant' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)) as [TLiteral<T>, ...TLiteral<T>[]]);
const Note = Type.Optional(TextSchema({ minLength: 1, maxLength: 500 }));
const Cursor = Type.Optional(Type.String({ minLength: 1, maxLength: 200 }));

export const ReportStatusSchema = literals(REPORT_STATUSES);
export const ReportClassSchema = literals(REPORT_CLASSES);
export const ContactPreferenceSchema = literals(CONTACT_PREFERENCES);
export const RatingTargetSchema = literals(RATING_TARGETS);
export const CallbackOutcomeSchema = literals(CALLBACK_OUTCOMES);

export const ReportAboutSchema = StrictObject({
  serviceId: Type.Optional(UuidSchema),
  officeId: Type.Optional(UuidSchema),
  ticketId: Type.Optional(UuidSchema),
  appointmentId: Type.Optional(UuidSchema),
  ratingId: Type.Optional(UuidSchema),
});
export type ReportAbout = Static<typeof ReportAboutSchema>;

export const ReportCreateBodySchema = StrictObject({
  about: ReportAboutSchema,
  text: TextSchema({ minLength: 2, maxLength: 1000 }),
  /** The reporter's own guess; triage decides. */
  class: Type.Optional(ReportClassSchema),
  contactPreference: Type.Optional(ContactPreferenceSchema),
  /** Photos uploaded first (POST /api/reports/photos) by the same caller for the same person, not yet attached. */
  photoIds: Type.Optional(Type.Array(UuidSchema, { maxItems: REPORT_PHOTOS_MAX, uniqueItems: true })),
});
export type ReportCreateBody = Static<typeof ReportCreateBodySchema>;

/** A clerk enters a report for a citizen at the window: the clerk's own hall; phone optional. */
export const ReportWalkInBodySchema = StrictObject({
  text: TextSchema({ minLength: 2, maxLength: 1000 }),
  serviceId: Type.Optional(UuidSchema),
  ticketId: Type.Optional(UuidSchema),
  name: Type.Optional(TextSchema({ minLength: 1, maxLength: 40 })),
  phone: Type.Optional(Type.String({ minLength: 11, maxLength: 20 })),
  contactPreference: Type.Optional(ContactPreferenceSchema),
  class: Type.Optional(ReportClassSchema),
  /** Photos the clerk uploaded for this walk-in. */
  photoIds: Type.Optional(Type.Array(UuidSchema, { maxItems: REPORT_PHOTOS_MAX, uniqueItems: true })),
});
export type ReportWalkInBody = Static<typeof ReportWalkInBodySchema>;

export const ReportListQuerySchema = StrictObject({ cursor: Cursor });

export const ReportTriageBodySchema = StrictObject({ class: Type.Optional(ReportClassSchema), note: Note });
export const ReportAssignBodySchema = StrictObject({ officeId: Type.Optional(UuidSchema), staffId: Type.Optional(UuidSchema), note: Note });
export const ReportResolveBodySchema = StrictObject({ resolution: Note, note: Note });
export const ReportNoteBodySchema = StrictObject({ note: Note });
export type ReportTriageBody = Static<typeof ReportTriageBodySchema>;
export type ReportAssignBody = Static<typeof ReportAssignBodySchema>;
export type ReportResolveBody = Static<typeof ReportResolveBodySchema>;
export type ReportNoteBody = Static<typeof ReportNoteBodySchema>;

export const ReportDeadlineSchema = Type.Object({
  /** Which deadline runs now: ACK (受理确认) before triage, RESOLVE after; null once resolved. */
  kind: Nullable(literals(['ACK', 'RESOLVE'] as const)),
  at: Nullable(DateTime),
  /** The last working day (Asia/Shanghai) it falls on. */
  day: Nullable(Type.String()),
  overdue: Type.Boolean(),
  /** Due within a working day. */
  near: Type.Boolean(),
  /** 已超期 / 即将到期 / 剩余N个工作日 / '' — in words, never only a colour. */
  words: Type.String(),
});

export const ReportStepSchema = Type.Object({
  at: DateTime,
  action: Type.String(),
  words: Type.String(),
  from: Nullable(ReportStatusSchema),
  to: Nullable(ReportStatusSchema),
  note: Nullable(Type.String()),
  /** 您 / 代办人 / 工作人员 / 系统: never a staff member's or another person's name. */
  by: Type.String(),
});

export const ReportSchema = Type.Object({
  id: UuidSchema,
  status: ReportStatusSchema,
  statusWords: Type.String(),
  class: Nullable(ReportClassSchema),
  classWords: Nullable(Type.String()),
  text: Type.String(),
  contactPreference: ContactPreferenceSchema,
  about: Type.Object({
    service: Nullable(Type.Object({ id: UuidSchema, name: Type.String() })),
    office: Type.Object({ id: UuidSchema, name: Type.String() }),
    ticketId: Nullable(UuidSchema),
    appointmentId: Nullable(UuidSchema),
    ratingId: Nullable(UuidSchema),
  }),
  assignedOffice: Nullable(Type.Object({ id: UuidSchema, name: Type.String() })),
  /** Staff views only: the reporter, masked ("张**"), or the walk-in's masked phone. */
  reporter: Type.Optional(Nullable(Type.String())),
  /** Staff views only: the named clerk it is assigned to (a staff member's name, never to the reporter). */
  assignedStaff: Type.Optional(Nullable(Type.Object({ id: UuidSchema, name: Type.String() }))),
  walkIn: Type.Boolean(),
  deadline: ReportDeadlineSchema,
  resolution: Nullable(Type.String()),
  escalationLevel: Type.Integer(),
  reopened: Type.Boolean(),
  /** The reporter may reopen it now (once, within 15 days of resolution). */
  canReopen: Type.Boolean(),
  createdAt: DateTime,
  steps: Type.Array(ReportStepSchema),
  /** Its photos, in the order attached; `url` is read with the same credentials as the report. */
  photos: Type.Array(Type.Object({ id: UuidSchema, url: Type.String() })),
});
export type Report = Static<typeof ReportSchema>;

/** An uploaded photo, not yet attached: its id goes into `photoIds`. */
export const ReportPhotoSchema = Type.Object({
  id: UuidSchema,
  mime: literals(REPORT_PHOTO_TYPES),
  size: Type.Integer(),
  createdAt: DateTime,
});
export type ReportPhoto = Static<typeof ReportPhotoSchema>;
/** A photo's bytes (image/jpeg, image/png or image/webp). */
export const PhotoBytesSchema = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: 'image/jpeg | image/png | image/webp' });
export const ReportPhotoParamsSchema = StrictObject({ id: UuidSchema, photoId: UuidSchema });
export const ReportListSchema = ListOf(ReportSchema);
export type ReportList = Static<typeof ReportListSchema>;

export const RatingCreateBodySchema = StrictObject({
  targetType: RatingTargetSchema,
  targetId: UuidSchema,
  level: Type.Integer({ minimum: 1, maximum: 5 }),
  reasons: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Z0-9_]+$' }), { maxItems: 10 })),
  comment: Type.Optional(TextSchema({ minLength: 1, maxLength: 500 })),
});
export type RatingCreateBody = Static<typeof RatingCreateBodySchema>;

export const RatingSchema = Type.Object({
  id: UuidSchema,
  targetType: RatingTargetSchema,
  targetId: UuidSchema,
  round: Type.Integer(),
  level: Type.Integer(),
  levelWords: Type.String(),
  reasons: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
  comment: Nullable(Type.String()),
  defaulted: Type.Boolean(),
  /** The rectification case a level 1–2 rating opened. */
  rectificationId: Nullable(UuidSchema),
  createdAt: DateTime,
});
export type Rating = Static<typeof RatingSchema>;

export const RatingPendingSchema = Type.Object({
  targetType: RatingTargetSchema,
  targetId: UuidSchema,
  round: Type.Integer(),
  serviceName: Nullable(Type.String()),
  officeName: Type.String(),
  finishedAt: DateTime,
  /** After this it is rated 基本满意 by default. */
  rateBy: DateTime,
});
export const RatingPendingListSchema = ListOf(RatingPendingSchema);
export type RatingPending = Static<typeof RatingPendingSchema>;

export const RatingReasonSchema = Type.Object({ code: Type.String(), label: Type.String() });
export const RatingReasonListSchema = ListOf(RatingReasonSchema);

/** A clerk's view of a rating about their window: no rater, no subject, no ticket or appointment id. */
export const RatingAboutMeSchema = Type.Object({
  level: Type.Integer(),
  levelWords: Type.String(),
  reasons: Type.Array(RatingReasonSchema),
  comment: Nullable(Type.String()),
  serviceName: Nullable(Type.String()),
  /** The business day only. */
  day: Type.String(),
  defaulted: Type.Boolean(),
});
export const RatingAboutMeListSchema = ListOf(RatingAboutMeSchema);
export const RatingAboutMeQuerySchema = StrictObject({ cursor: Cursor });

export const RectificationSchema = Type.Object({
  id: UuidSchema,
  status: literals(['OPEN', 'CLOSED'] as const),
  office: Type.Object({ id: UuidSchema, name: Type.String() }),
  rating: Type.Object({ level: Type.Integer(), levelWords: Type.String(), reasons: Type.Array(RatingReasonSchema), comment: Nullable(Type.String()), targetType: RatingTargetSchema, serviceName: Nullable(Type.String()) }),
  dueAt: DateTime,
  capAt: DateTime,
  extended: Type.Boolean(),
  overdue: Type.Boolean(),
  callback: Nullable(Type.Object({ at: DateTime, outcome: CallbackOutcomeSchema, outcomeWords: Type.String(), note: Nullable(Type.String()), by: Type.String() })),
  closedAt: Nullable(DateTime),
  createdAt: DateTime,
});
export type Rectification = Static<typeof RectificationSchema>;
export const RectificationListSchema = ListOf(RectificationSchema);
export const RectificationListQuerySchema = StrictObject({ status: Type.Optional(literals(['OPEN', 'CLOSED'] as const)), cursor: Cursor });
export const RectificationCallbackBodySchema = StrictObject({ outcome: Type.Optional(CallbackOutcomeSchema), note: Note });
export const RectificationExtendBodySchema = StrictObject({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })), reason: Note });
export const RectificationCloseBodySchema = StrictObject({ note: Note });
export type RectificationCallbackBody = Static<typeof RectificationCallbackBodySchema>;
export type RectificationExtendBody = Static<typeof RectificationExtendBodySchema>;

export const StaffCasesQuerySchema = StrictObject({
  state: Type.Optional(ReportStatusSchema),
  class: Type.Optional(ReportClassSchema),
  /** Only overdue or near-deadline cases. */
  due: Type.Optional(literals(['overdue', 'near'] as const)),
  cursor: Cursor,
});
export const StaffCaseListSchema = ListOf(ReportSchema);

/** 转办 to a named clerk: the clerks a supervisor may assign to (one hall's, or all in scope). */
export const StaffAssigneesQuerySchema = StrictObject({ officeId: Type.Optional(UuidSchema) });
export const StaffAssigneeSchema = Type.Object({
  id: UuidSchema,
  /** The clerk's name (staff may see staff names); never a phone or ID number. */
  name: Type.String(),
  office: Type.Object({ id: UuidSchema, name: Type.String() }),
});
export const StaffAssigneeListSchema = Type.Object({
  items: Type.Array(StaffAssigneeSchema),
  /** 转办's hall choice: every hall the caller may assign to (supervisor: their region and below; admin: all), by code. */
  offices: Type.Array(Type.Object({ id: UuidSchema, name: Type.String() })),
});
export type StaffAssignee = Static<typeof StaffAssigneeSchema>;
export type StaffAssigneeList = Static<typeof StaffAssigneeListSchema>;

export const OfficeFiguresSchema = Type.Object({
  office: Type.Object({ id: UuidSchema, name: Type.String() }),
  byState: Type.Record(Type.String(), Type.Integer()),
  /** Resolved cases resolved by their deadline; rate null when none resolved. */
  onTime: Type.Object({ resolved: Type.Integer(), onTime: Type.Integer(), rate: Nullable(Type.Number()) }),
  /** Level 1–2 ratings with a callback recorded (goal 100 %). */
  callback: Type.Object({ bad: Type.Integer(), calledBack: Type.Integer(), rate: Nullable(Type.Number()) }),
  ratings: Type.Record(Type.String(), Type.Integer()),
});
export const StaffFiguresSchema = Type.Object({ items: Type.Array(OfficeFiguresSchema) });
export type StaffFigures = Static<typeof StaffFiguresSchema>;
