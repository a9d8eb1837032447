// Schemas of the public catalogue: services (事项) with their guides (办事指南) and the halls that
// offer them (DESIGN.md §3 Service / Office, §5 GET /api/services, GET /api/offices).
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { SERVICE_CATEGORY_KEYS } from '../categories';
import { SEARCH_QUERY_MAX_LENGTH } from '../service-search';
import { ListOf, StrictObject, UuidSchema } from './common';

// The browsing themes are client-safe constants of the main entry (the seeds and the mini-app use
// the same list); the API schema below validates against them.
export { SERVICE_CATEGORY_KEYS, SERVICE_CATEGORY_LABELS, type ServiceCategoryKey } from '../categories';

/** The four levels of halls (DESIGN.md §1), in the order a list without a location shows them. */
export const OFFICE_LEVEL_KEYS = ['CITY_CENTER', 'COUNTY_CENTER', 'TOWN_CENTER', 'VILLAGE_STATION'] as const;
export type OfficeLevelKey = (typeof OFFICE_LEVEL_KEYS)[number];
export const OFFICE_LEVEL_LABELS: Readonly<Record<OfficeLevelKey, string>> = {
  CITY_CENTER: '政务服务中心',
  COUNTY_CENTER: '政务服务中心',
  TOWN_CENTER: '为民服务中心',
  VILLAGE_STATION: '便民服务站',
};

/** E-licences that may stand in for a paper material (Prisma enum LicenceType). */
export const LICENCE_TYPE_KEYS = [
  'RESIDENT_ID',
  'HOUSEHOLD_REGISTER',
  'DRIVING_LICENCE',
  'BUSINESS_LICENCE',
  'MARRIAGE_CERTIFICATE',
  'SOCIAL_SECURITY_CARD',
  'DISABILITY_CERTIFICATE',
  'BIRTH_MEDICAL_CERTIFICATE',
  'REAL_ESTATE_CERTIFICATE',
] as const;
export type LicenceTypeKey = (typeof LICENCE_TYPE_KEYS)[number];

// The route types come from the type provider's own TypeBox, which infers a union only from a
// tuple of literals; a plain mapped array would collapse to `never`, hence the tuple cast.
type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };
const oneOf = <const T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<Literals<T>>;

export const ServiceCategorySchema = oneOf(SERVICE_CATEGORY_KEYS);
export const OfficeLevelSchema = oneOf(OFFICE_LEVEL_KEYS);
export const LicenceTypeSchema = oneOf(LICENCE_TYPE_KEYS);

// The keyword rule (its length bound, ranking and folding) is client-safe: the service chooser uses it too.
export { SEARCH_QUERY_MAX_LENGTH } from '../service-search';
export const SEARCH_LIMIT_DEFAULT = 20;
export const SEARCH_LIMIT_MAX = 50;

const Latitude = Type.Number({ minimum: -90, maximum: 90, description: 'GCJ-02, as WeChat/Alipay getLocation returns it' });
const Longitude = Type.Number({ minimum: -180, maximum: 180 });
// A position is only meaningful as a pair: one coordinate alone is a client bug, not "no location".
const latLngTogether = { dependencies: { lat: ['lng'], lng: ['lat'] } };

const HHmm = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$', examples: ['09:00'] });
export const DayHoursSchema = Type.Array(Type.Tuple([HHmm, HHmm]), {
  description: 'Open–close pairs in Asia/Shanghai, close exclusive; [] = closed',
  examples: [[['09:00', '12:00'], ['13:30', '17:30']]],
});
export const WeeklyHoursSchema = Type.Object(
  {
    '1': DayHoursSchema,
    '2': DayHoursSchema,
    '3': DayHoursSchema,
    '4': DayHoursSchema,
    '5': DayHoursSchema,
    '6': DayHoursSchema,
    '7': DayHoursSchema,
  },
  { description: 'By ISO weekday, 1 = Monday' },
);

// ───────────────────────────── services ─────────────────────────────

export const ServiceSearchQuerySchema = StrictObject({
  q: Type.Optional(Type.String({ maxLength: SEARCH_QUERY_MAX_LENGTH, description: 'Keyword: name, alias (社保, 退休, …) or department' })),
  category: Type.Optional(ServiceCategorySchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SEARCH_LIMIT_MAX, default: SEARCH_LIMIT_DEFAULT })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$', description: 'nextCursor of the previous page' })),
});
export type ServiceSearchQuery = Static<typeof ServiceSearchQuerySchema>;

export const ServiceSummarySchema = Type.Object({
  id: UuidSchema,
  code: Type.String(),
  name: Type.String(),
  department: Type.String(),
  category: ServiceCategorySchema,
  categoryLabel: Type.String({ examples: ['社会保险'] }),
  summary: Type.String(),
  promisedDays: Type.Integer({ description: 'Promised time limit in working days; 0 = 即办' }),
  onlineAllowed: Type.Boolean(),
  appointmentRequired: Type.Boolean(),
  popularity: Type.Integer(),
});
export type ServiceSummary = Static<typeof ServiceSummarySchema>;
export const ServiceListSchema = ListOf(ServiceSummarySchema);
export type ServiceList = Static<typeof ServiceListSchema>;

export const LocationQuerySchema = StrictObject({ lat: Type.Optional(Latitude), lng: Type.Optional(Longitude) }, latLngTogether);
export type LocationQuery = Static<typeof LocationQuerySchema>;

export const ServiceMaterialSchema = Type.Object({
  position: Type.Integer(),
  name: Type.String(),
  required: Type.Boolean(),
  originals: Type.Integer(),
  copies: Type.Integer(),
  /** The e-licence that may replace the paper material (亮证 at the window), if any. */
  licenceType: Type.Union([LicenceTypeSchema, Type.Null()]),
  licenceLabel: Type.Union([Type.String({ examples: ['电子身份证'] }), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
});
export type ServiceMaterial = Static<typeof ServiceMaterialSchema>;

export const ServiceOfficeSchema = Type.Object({
  id: UuidSchema,
  name: Type.String(),
  level: OfficeLevelSchema,
  levelLabel: Type.String(),
  address: Type.String(),
  distanceMeters: Type.Union([Type.Integer(), Type.Null()], { description: 'null without lat/lng' }),
  isOpen: Type.Boolean(),
  hasOnlineBooking: Type.Boolean({ description: 'Whether this hall takes online bookings (预约) for the service' }),
  takesTickets: Type.Boolean({ description: 'Whether this hall gives out queue numbers (取号) for the service: a daily quota and a window that calls its letter' }),
});

export const ServiceGuideSchema = Type.Object({
  ...ServiceSummarySchema.properties,
  aliases: Type.Array(Type.String()),
  categoryLetter: Type.String({ description: 'Queue prefix (A, B, …)' }),
  conditions: Type.Array(Type.String()),
  process: Type.Array(Type.String()),
  materials: Type.Array(ServiceMaterialSchema),
  legalDays: Type.Integer({ description: 'Legal time limit in working days' }),
  fee: Type.Object({
    fen: Type.Integer({ minimum: 0, description: 'The fee in fen; the lowest when it depends on the case' }),
    maxFen: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'The highest fee when it depends on the case (note says which), else null' }),
    display: Type.String({ examples: ['免费', '20 元', '20–40 元'], description: '@palm/shared formatFee' }),
    note: Type.Union([Type.String(), Type.Null()]),
  }),
  /** The window is always a channel: nothing online is a precondition of being served (DESIGN.md §1). */
  channels: Type.Object({
    window: Type.Literal(true),
    online: Type.Boolean(),
    proxy: Type.Boolean(),
    appointmentRequired: Type.Boolean(),
  }),
  meanHandlingMinutes: Type.Integer(),
  legalBasis: Type.Array(Type.String()),
  offices: Type.Array(ServiceOfficeSchema),
});
export type ServiceGuide = Static<typeof ServiceGuideSchema>;

// ───────────────────────────── offices ─────────────────────────────

export const OfficeListQuerySchema = StrictObject(
  {
    lat: Type.Optional(Latitude),
    lng: Type.Optional(Longitude),
    serviceId: Type.Optional(UuidSchema),
    level: Type.Optional(OfficeLevelSchema),
  },
  latLngTogether,
);
export type OfficeListQuery = Static<typeof OfficeListQuerySchema>;

export const OpensNextSchema = Type.Object({ date: Type.String({ format: 'date' }), time: HHmm });

export const OfficeSummarySchema = Type.Object({
  id: UuidSchema,
  code: Type.String(),
  name: Type.String(),
  level: OfficeLevelSchema,
  levelLabel: Type.String({ examples: ['便民服务站'] }),
  regionCode: Type.String(),
  address: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  phone: Type.Union([Type.String(), Type.Null()]),
  distanceMeters: Type.Union([Type.Integer(), Type.Null()], { description: 'null without lat/lng' }),
  /** At the business clock's now, Asia/Shanghai: weekly hours + dated exceptions + holidays/调休. */
  openNow: Type.Boolean(),
  todayHours: DayHoursSchema,
  closesAt: Type.Union([HHmm, Type.Null()], { description: 'When open: end of the current interval' }),
  opensNext: Type.Union([OpensNextSchema, Type.Null()], { description: 'When closed: next opening within 14 days' }),
});
export type OfficeSummary = Static<typeof OfficeSummarySchema>;

/**
 * A hall in GET /api/offices. `bookable` is there only with `serviceId`: "takes bookings" means
 * nothing without saying for what, and false would wrongly tell a hall that books other services
 * "no booking here"; the unfiltered list (the hot 就近办 read) also stays free of the look-up.
 */
export const OfficeListItemSchema = Type.Object({
  ...OfficeSummarySchema.properties,
  hasOnlineBooking: Type.Optional(Type.Boolean({ description: 'Only with serviceId: whether this hall takes online bookings (预约) for that service' })),
});
export type OfficeListItem = Static<typeof OfficeListItemSchema>;
export const OfficeListSchema = ListOf(OfficeListItemSchema);
export type OfficeList = Static<typeof OfficeListSchema>;

export const OfficeExceptionSchema = Type.Object({
  date: Type.String({ format: 'date' }),
  closed: Type.Boolean(),
  /** Replacement hours; null = the day's regular hours (closed: false) or none (closed: true). */
  hours: Type.Union([DayHoursSchema, Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
});

export const CounterSchema = Type.Object({
  id: UuidSchema,
  number: Type.Integer(),
  name: Type.String(),
  categories: Type.Array(Type.String(), { description: 'Queue letters served' }),
  state: Type.Union([Type.Literal('OPEN'), Type.Literal('PAUSED'), Type.Literal('CLOSED')]),
});

export const OfficeDetailSchema = Type.Object({
  ...OfficeSummarySchema.properties,
  openOnHolidays: Type.Boolean(),
  weeklyHours: WeeklyHoursSchema,
  /** Dated changes from today through the next 30 days. */
  upcomingExceptions: Type.Array(OfficeExceptionSchema),
  counters: Type.Array(CounterSchema),
  services: Type.Array(
    Type.Object({
      id: UuidSchema,
      name: Type.String(),
      category: ServiceCategorySchema,
      categoryLabel: Type.String(),
      /** What people type for it (社保, 退休): the service chooser searches them as the catalogue does. */
      aliases: Type.Array(Type.String()),
      department: Type.String(),
      /** How often people use it (the catalogue's figure): the chooser's 常办 list. */
      popularity: Type.Integer(),
      hasOnlineBooking: Type.Boolean({ description: 'Whether this hall takes online bookings (预约) for the service' }),
    }),
  ),
  /** Live figures; tickets arrive with the queue, so only what exists today is reported. */
  queue: Type.Object({ openCounters: Type.Integer({ minimum: 0 }) }),
});
export type OfficeDetail = Static<typeof OfficeDetailSchema>;
