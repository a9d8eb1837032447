// Schemas of the admin console's slot rules (issue 17 item 4): a hall's weekday templates for one
// service, capacity, lunch breaks, release time and horizon; a preview of what a change would
// create, update or withdraw before it is saved (the same plan saving carries out).
import { Type, type Static } from '@sinclair/typebox';
import { ListOf, StrictObject, UuidSchema } from './common';

const HHmm = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', examples: ['09:00'] });
const End = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$', examples: ['17:30'] });
const Range = Type.Tuple([HHmm, End]);
const DayTemplateSchema = StrictObject({
  start: HHmm,
  end: End,
  capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  slotMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 480 })),
  breaks: Type.Optional(Type.Array(Range, { maxItems: 6 })),
});
const Day = Type.Union([DayTemplateSchema, Type.Null()]);
export const WeekTemplateSchema = StrictObject(
  { '1': Type.Optional(Day), '2': Type.Optional(Day), '3': Type.Optional(Day), '4': Type.Optional(Day), '5': Type.Optional(Day), '6': Type.Optional(Day), '7': Type.Optional(Day) },
  { description: 'Bookable hours by ISO weekday (1 = Monday); absent or null: no slots that day' },
);

const RuleFields = {
  weekTemplate: WeekTemplateSchema,
  breaks: Type.Array(Range, { maxItems: 6, description: 'Breaks without slots on every day (lunch)' }),
  slotMinutes: Type.Integer({ minimum: 5, maximum: 480 }),
  capacityPerSlot: Type.Integer({ minimum: 1, maximum: 10_000 }),
  horizonDays: Type.Integer({ minimum: 0, maximum: 90, description: '放号: slots of date D are released on D − horizonDays' }),
  releaseTime: HHmm,
  adjustedWorkdayWeekday: Type.Union([Type.Integer({ minimum: 1, maximum: 7 }), Type.Null()]),
  active: Type.Boolean(),
};

export const AdminSlotRuleSchema = Type.Object({ id: UuidSchema, officeId: UuidSchema, serviceId: UuidSchema, serviceName: Type.String(), ...RuleFields });
export type AdminSlotRule = Static<typeof AdminSlotRuleSchema>;
export const AdminSlotRuleListSchema = ListOf(AdminSlotRuleSchema);
export const AdminSlotRuleQuerySchema = StrictObject({ officeId: UuidSchema });

/** A new rule: the hall and service, and its fields (defaults as the model's). */
export const AdminSlotRuleCreateSchema = StrictObject({
  officeId: UuidSchema,
  serviceId: UuidSchema,
  weekTemplate: RuleFields.weekTemplate,
  capacityPerSlot: RuleFields.capacityPerSlot,
  breaks: Type.Optional(RuleFields.breaks),
  slotMinutes: Type.Optional(RuleFields.slotMinutes),
  horizonDays: Type.Optional(RuleFields.horizonDays),
  releaseTime: Type.Optional(RuleFields.releaseTime),
  adjustedWorkdayWeekday: Type.Optional(RuleFields.adjustedWorkdayWeekday),
  active: Type.Optional(RuleFields.active),
});
export type AdminSlotRuleCreate = Static<typeof AdminSlotRuleCreateSchema>;

/** A change to a rule: any of its fields. */
export const AdminSlotRulePatchSchema = StrictObject(
  {
    weekTemplate: Type.Optional(RuleFields.weekTemplate),
    breaks: Type.Optional(RuleFields.breaks),
    slotMinutes: Type.Optional(RuleFields.slotMinutes),
    capacityPerSlot: Type.Optional(RuleFields.capacityPerSlot),
    horizonDays: Type.Optional(RuleFields.horizonDays),
    releaseTime: Type.Optional(RuleFields.releaseTime),
    adjustedWorkdayWeekday: Type.Optional(RuleFields.adjustedWorkdayWeekday),
    active: Type.Optional(RuleFields.active),
  },
  { minProperties: 1 },
);
export type AdminSlotRulePatch = Static<typeof AdminSlotRulePatchSchema>;

/** Preview a change to a rule (`id` and the changed fields) or a new one (the create body). */
export const AdminSlotRulePreviewSchema = Type.Union([
  StrictObject({ id: UuidSchema, ...AdminSlotRulePatchSchema.properties }),
  AdminSlotRuleCreateSchema,
]);
export type AdminSlotRulePreview = Static<typeof AdminSlotRulePreviewSchema>;

/** What the slot job does (or would do) for the rule over its horizon. */
export const SlotPlanSummarySchema = Type.Object({
  /** New slots. */
  created: Type.Integer(),
  /** Unbooked slots whose capacity, end or release time change (or that come back). */
  updated: Type.Integer(),
  /** Unbooked slots no longer offered. */
  withdrawn: Type.Integer(),
  /** Booked slots of a day the hall has closed: withdrawn, their bookings cancelled as the hall's doing. */
  closedBooked: Type.Integer(),
  /** Booked slots the change no longer plans while the hall is open: kept for the people holding them, never changed. */
  keptBooked: Type.Integer(),
  /** The dates of those kept booked slots: the hall contacts those people. */
  keptBookedDates: Type.Array(Type.String()),
});
export type SlotPlanSummary = Static<typeof SlotPlanSummarySchema>;

export const AdminSlotRuleResultSchema = Type.Object({ rule: AdminSlotRuleSchema, slots: SlotPlanSummarySchema });
export const AdminSlotRulePreviewResultSchema = Type.Object({ slots: SlotPlanSummarySchema });
