// Who may use each route, as data (DESIGN.md §6; OWASP API1 and API5). One row per route the app
// registers — "METHOD /url" exactly as Fastify has it — naming what the route's id (or office, or
// counter) points at and the outcome every kind of caller must get. The BOLA matrix test
// (bff/test/policy/access-matrix.test.ts) reads the app's own route table: a route without a row
// fails it, and so does a row whose route is gone; then it runs every actor against every row,
// and every refusal of a real object against the same request for a random id.
//
// A new route is one line here, for instance
//   'POST /api/admin/users/:id/block': { target: 'user', expect: ADMINS(200) },
//   'GET /api/offices/:id/check-in-poster': { target: 'office', expect: WATCHERS(200) },
// plus, only if the route needs a body or a query to get past validation, its recipe in the test.
// (This file exports no plugin, so the routes' autoload skips it.)
import type { ErrorCode } from '@palm/shared';

/**
 * The callers the matrix tries on every route, for the object of the row (made fresh for each
 * route by the test; the "office" is 青石县政务服务中心):
 * - owner: the person the object is for, who also took or booked it;
 * - grantee / granteeOutOfScope / granteeOtherService / granteeRevoked / granteeExpired: act for the
 *   owner (X-On-Behalf-Of) with an ACTIVE APPOINTMENT + QUEUE grant / an ACTIVE grant of other
 *   scopes (LICENCE_PRESENT) / an ACTIVE APPOINTMENT + QUEUE grant limited to a service none of the
 *   matrix's objects is for / a REVOKED grant / a grant still ACTIVE but past its end (the expiry
 *   job has not run: the very next request must refuse it);
 * - stranger: another citizen, for themself;
 * - makerActive / makerRevoked / makerExpired: whoever took, booked or joined the owner's ticket,
 *   appointment or waitlist entry for the owner (the object's actor) under a grant now ACTIVE /
 *   REVOKED / past its end, calling WITHOUT X-On-Behalf-Of: what they made for her is hers, so
 *   without the header they are a stranger to it (acting for her, they are the grantees above);
 * - gridWorker: the grid worker acting for the resident who did grant them (not the owner);
 * - gridWorkerOfTheGrid / gridWorkerOtherGrid: the same grid worker for themself, in their own grid
 *   (for a grid route the owner is made a resident of it) / a grid worker of another village;
 * - clerk / clerkOtherOffice: a clerk posted to the office / to another hall;
 * - supervisor / supervisorOtherRegion: a supervisor of the county the office is in / of another county;
 * - manager / managerOtherOffice: the hall manager (MANAGER) of the office / of another hall;
 * - admin; anonymous: no token.
 */
export const MATRIX_ACTORS = [
  'owner',
  'grantee',
  'granteeOutOfScope',
  'granteeOtherService',
  'granteeRevoked',
  'granteeExpired',
  'stranger',
  'makerActive',
  'makerRevoked',
  'makerExpired',
  'gridWorker',
  'gridWorkerOfTheGrid',
  'gridWorkerOtherGrid',
  'clerk',
  'clerkOtherOffice',
  'supervisor',
  'supervisorOtherRegion',
  'manager',
  'managerOtherOffice',
  'admin',
  'anonymous',
] as const;
export type MatrixActor = (typeof MATRIX_ACTORS)[number];

/** Allowed: the success status (101: the WebSocket opens). Refused: "status CODE". */
export type Outcome = 101 | 200 | 201 | `${400 | 401 | 403 | 404 | 409 | 422} ${ErrorCode}`;
export type Outcomes = Readonly<Record<MatrixActor, Outcome>>;

/**
 * What the route's id (path `:id`, or the office / counter / ticket it names in its query or body)
 * points at. A refused call gets a shared one, an allowed call that changes something a fresh one.
 */
export type Target =
  | 'none'
  | 'office'
  | 'service'
  | 'counter'
  | 'ticket'
  | 'ticket.called'
  | 'ticket.serving'
  | 'ticket.skipped'
  | 'appointment'
  /** Starting in 10 minutes: inside the check-in window. */
  | 'appointment.due'
  | 'waitlist'
  | 'message'
  | 'suspension'
  | 'suspension.appealed'
  | 'user'
  /** An ACTIVE grant the owner gave a helper of their own. */
  | 'grant'
  /** A PENDING request a helper made to the owner (the owner answers it). */
  | 'grant.asked'
  /** An act a helper with the owner's grant did for the owner: an entry of the owner's activity log. */
  | 'activity'
  /** An ACTIVE grant the owner gave a helper before a clerk at a window (WITNESSED). */
  | 'grant.witnessed'
  /** The owner as a resident of the demo grid worker's grid (with a phone, no grant to the worker). */
  | 'resident'
  /** The same, with an ACTIVE grant to the grid worker. */
  | 'resident.consented'
  /** The grid worker's PLANNED door-to-door task for the owner as a resident of the grid. */
  | 'gridTask'
  /** The same, after a visit (VISITED). */
  | 'gridTask.visited'
  /** A VALID e-licence (居民身份证) of the owner. */
  | 'licence'
  // 办不成事 / 好差评 (issue 16)
  /** The owner's ticket at the hall, finished (DONE) by its clerk: rateable, reportable. */
  | 'ticket.done'
  /** The owner's 办不成事 report about the hall, RECEIVED (a class suggested); then as it moves along. */
  | 'report'
  | 'report.triaged'
  /** Assigned to the hall (its clerks resolve it). */
  | 'report.assigned'
  | 'report.resolved'
  | 'report.confirmed'
  /** The owner's RECEIVED report with one photo attached (the route names the photo too). */
  | 'report.photo'
  /** A photo the owner uploaded for themself, not yet attached to a report. */
  | 'photo'
  /** An OPEN rectification case of the hall, from a level 2 rating; then with its callback recorded. */
  | 'rectification'
  | 'rectification.called'
  // The admin console (issue 17)
  /** A dated closure of the office (the route's :exceptionId; its :id is the office). */
  | 'officeException'
  /** A clerk of the office (a member of staff to revoke). */
  | 'staffMember'
  /** The office's slot rule for one service. */
  | 'slotRule';

export type AccessRow =
  | { target: Target; expect: Outcomes }
  /** Not in the matrix: no id, office or counter, and no X-On-Behalf-Of — the reason, in words. */
  | { outside: string };

const SIGN_IN: Outcome = '401 UNAUTHENTICATED';
const NOT_THERE: Outcome = '404 NOT_FOUND';
const NOT_ALLOWED: Outcome = '403 FORBIDDEN';
const NO_GRANT: Outcome = '403 ON_BEHALF_NOT_ALLOWED';

const every = (outcome: Outcome, but: Partial<Record<MatrixActor, Outcome>>): Outcomes =>
  Object.fromEntries(MATRIX_ACTORS.map((actor) => [actor, but[actor] ?? outcome])) as Record<MatrixActor, Outcome>;

/** The catalogue: anyone, signed in or not. */
export const ANYONE = (ok: Outcome): Outcomes => every(ok, {});
/** Acting for the owner without a grant in force that covers the scope. */
const NO_GRANT_IN_FORCE = { granteeOutOfScope: NO_GRANT, granteeRevoked: NO_GRANT, granteeExpired: NO_GRANT } as const;
/** Every actor who acts for someone (X-On-Behalf-Of) where nothing is ever done for another. */
const EVERY_PROXY = { grantee: NO_GRANT, granteeOtherService: NO_GRANT, gridWorker: NO_GRANT, ...NO_GRANT_IN_FORCE } as const;

/** Public, but acting for someone only with a grant of the scope in force that reaches the service (the queue preview). */
export const ANYONE_OR_GRANTEE_OF_THE_SERVICE = (ok: Outcome): Outcomes => every(ok, { ...NO_GRANT_IN_FORCE, granteeOtherService: NO_GRANT });
/**
 * No object, one's own lists: every signed-in caller for themself; for someone else only with a
 * grant of the scope in force — the grid worker for their resident. A grant limited to some
 * services lists only theirs.
 */
export const SELF_OR_GRANTEE = (ok: Outcome): Outcomes => every(ok, { ...NO_GRANT_IN_FORCE, anonymous: SIGN_IN });
/** Taking a number, booking, joining a waitlist for a service: as above, and a grant for other services does not reach it. */
export const SELF_OR_GRANTEE_OF_THE_SERVICE = (ok: Outcome): Outcomes => every(ok, { ...NO_GRANT_IN_FORCE, granteeOtherService: NO_GRANT, anonymous: SIGN_IN });
/** No object, and nobody acts for another here (profile, messages, subscriptions, grants). */
export const SELF = (ok: Outcome): Outcomes => every(ok, { ...EVERY_PROXY, anonymous: SIGN_IN });
/** A personal object: its person and whoever acts for them in scope; to everyone else it does not exist. */
export const OWNERS = (ok: Outcome): Outcomes => every(NOT_THERE, { owner: ok, grantee: ok, anonymous: SIGN_IN });
/** A personal object nobody acts for another on (a message). */
export const OWNER = (ok: Outcome): Outcomes => every(NOT_THERE, { owner: ok, anonymous: SIGN_IN });
/** Working a window of the office (README "Who may do what at a window"): its clerks only. */
export const CLERKS = (ok: Outcome): Outcomes => every(NOT_THERE, { clerk: ok, anonymous: SIGN_IN });
/** Watching the office's windows, read only: its clerks, supervisors of its region, admins. */
export const WATCHERS = (ok: Outcome): Outcomes => every(NOT_THERE, { clerk: ok, supervisor: ok, admin: ok, anonymous: SIGN_IN });
/** Supervising the office: supervisors of its region, admins. */
export const SUPERVISORS = (ok: Outcome): Outcomes => every(NOT_THERE, { supervisor: ok, admin: ok, anonymous: SIGN_IN });
/** A supervisor's own list (no object): every supervisor, for their region, and admins. */
export const ANY_SUPERVISOR = (ok: Outcome): Outcomes => every(NOT_ALLOWED, { supervisor: ok, supervisorOtherRegion: ok, admin: ok, ...EVERY_PROXY, anonymous: SIGN_IN });
/**
 * A window's work for a resident who comes to any window (见证授权): every clerk posted to a hall,
 * for no one else; nobody else, and never on someone's behalf. No object: the refusal says why.
 */
export const ANY_CLERK = (ok: Outcome): Outcomes => every(NOT_ALLOWED, { clerk: ok, clerkOtherOffice: ok, ...EVERY_PROXY, anonymous: SIGN_IN });
/** A witnessed grant, by id: any clerk at any window ends it; to everyone else (its people too, here) it does not exist. */
export const ANY_CLERK_BY_ID = (ok: Outcome): Outcomes => every(NOT_THERE, { clerk: ok, clerkOtherOffice: ok, anonymous: SIGN_IN });
/** Running the office (admin console): its hall manager and admins; to everyone else it does not exist. */
export const HALL_MANAGERS = (ok: Outcome): Outcomes => every(NOT_THERE, { manager: ok, admin: ok, anonymous: SIGN_IN });
/** A console list with no object (staff, audit): every hall manager (their own hall's rows) and admins. */
export const ANY_MANAGER = (ok: Outcome): Outcomes => every(NOT_ALLOWED, { manager: ok, managerOtherOffice: ok, admin: ok, ...EVERY_PROXY, anonymous: SIGN_IN });
/** Administration of people: admins only; not done for anyone (an account is not a personal object one could probe). */
export const ADMINS = (ok: Outcome): Outcomes => every(NOT_ALLOWED, { admin: ok, ...EVERY_PROXY, anonymous: SIGN_IN });

/**
 * One's e-licences (no object): every signed-in caller for themself; for a holder only under a
 * LICENCE_PRESENT grant in force — of the matrix's grantees, granteeOutOfScope holds exactly that
 * scope (and not APPOINTMENT or QUEUE); every other grantee's grant lacks it.
 */
export const SELF_OR_LICENCE_PRESENTER = (ok: Outcome): Outcomes =>
  every(ok, { grantee: NO_GRANT, granteeOtherService: NO_GRANT, gridWorker: NO_GRANT, granteeRevoked: NO_GRANT, granteeExpired: NO_GRANT, anonymous: SIGN_IN });
/** A licence by id: its holder and a LICENCE_PRESENT grantee; to everyone else it does not exist. */
export const LICENCE_HOLDERS = (ok: Outcome): Outcomes => every(NOT_THERE, { owner: ok, granteeOutOfScope: ok, anonymous: SIGN_IN });

/** A grid worker's own lists (roster, tasks): every grid worker, each of their own grid; nobody for someone else. */
export const ANY_GRID_WORKER = (ok: Outcome): Outcomes =>
  every(NOT_ALLOWED, { gridWorkerOfTheGrid: ok, gridWorkerOtherGrid: ok, ...EVERY_PROXY, anonymous: SIGN_IN });
/** A resident of a grid, or a grid worker's task for one: that grid's worker; to everyone else it does not exist. */
export const GRID_WORKER_OF_THE_GRID = (ok: Outcome): Outcomes => every(NOT_THERE, { gridWorkerOfTheGrid: ok, anonymous: SIGN_IN });

/** 办不成事 / 好差评: one's own lists, and for someone else only under a REPORT grant (only `grantee` holds one). */
export const SELF_OR_REPORT_GRANTEE = (ok: Outcome): Outcomes => every(ok, { ...NO_GRANT_IN_FORCE, granteeOtherService: NO_GRANT, gridWorker: NO_GRANT, anonymous: SIGN_IN });
/** A report by id: its reporter (or their REPORT grantee), the hall's clerks, the region's supervisors, admins. */
export const REPORTER_OR_HALL = (ok: Outcome): Outcomes => every(NOT_THERE, { owner: ok, grantee: ok, clerk: ok, supervisor: ok, admin: ok, anonymous: SIGN_IN });
/** Closing a report: its reporter (or their grantee), or a supervisor of the region after the callback. */
export const REPORTER_OR_SUPERVISOR = (ok: Outcome): Outcomes => every(NOT_THERE, { owner: ok, grantee: ok, supervisor: ok, admin: ok, anonymous: SIGN_IN });
/** The staff desk's lists (no object): every clerk of a hall, every supervisor of a region, admins — each in their own scope. */
export const ANY_STAFF = (ok: Outcome): Outcomes => every(NOT_ALLOWED, { clerk: ok, clerkOtherOffice: ok, supervisor: ok, supervisorOtherRegion: ok, admin: ok, ...EVERY_PROXY, anonymous: SIGN_IN });

const SIGNS_IN = 'signs in or out, or refreshes a session: no object, no one acted for';

export const ACCESS_MATRIX: Readonly<Record<string, AccessRow>> = {
  'GET /': { outside: 'the H5 app (or a note that it is not built): public, no data' },
  'GET /healthz': { outside: 'liveness probe: public, no data' },
  'GET /docs': { outside: 'the API documentation (OpenAPI): public, no data' },
  'GET /docs/json': { outside: 'the API documentation (OpenAPI): public, no data' },
  'GET /docs/yaml': { outside: 'the API documentation (OpenAPI): public, no data' },
  'GET /docs/static/index.html': { outside: 'the API documentation page: public, no data' },
  'GET /docs/static/swagger-initializer.js': { outside: 'the API documentation page: public, no data' },
  'GET /docs/static/*': { outside: 'the API documentation page: public, no data' },
  'GET /readyz': { outside: 'readiness probe: public, no data' },
  'GET /api/auth/methods': { outside: 'which sign-in methods exist: public, no data' },
  'POST /api/auth/dev-login': { outside: SIGNS_IN },
  'POST /api/auth/wechat': { outside: SIGNS_IN },
  'POST /api/auth/alipay': { outside: SIGNS_IN },
  'POST /api/auth/sms/send': { outside: SIGNS_IN },
  'POST /api/auth/sms/verify': { outside: SIGNS_IN },
  'POST /api/auth/refresh': { outside: SIGNS_IN },
  'POST /api/auth/logout': { outside: SIGNS_IN },

  // An admin ends every session of an account (and lets it sign in again): admins only.
  'POST /api/admin/users/:id/block': { target: 'user', expect: ADMINS(200) },
  'POST /api/admin/users/:id/unblock': { target: 'user', expect: ADMINS(200) },
  // The admin and hall-manager console (issue 17; admin/README.md): a hall's settings are its hall
  // manager's and admins'; its name, contact and services, other staff roles and the calendar admins' only.
  'GET /api/admin/offices/:id': { target: 'office', expect: HALL_MANAGERS(200) },
  'PATCH /api/admin/offices/:id': { target: 'office', expect: HALL_MANAGERS(200) },
  'POST /api/admin/offices/:id/exceptions': { target: 'office', expect: HALL_MANAGERS(201) },
  'DELETE /api/admin/offices/:id/exceptions/:exceptionId': { target: 'officeException', expect: HALL_MANAGERS(200) },
  'GET /api/admin/offices/:id/counters': { target: 'office', expect: HALL_MANAGERS(200) },
  'POST /api/admin/offices/:id/counters': { target: 'office', expect: HALL_MANAGERS(201) },
  'PATCH /api/admin/counters/:id': { target: 'counter', expect: HALL_MANAGERS(200) },
  'GET /api/admin/offices/:id/queue-settings': { target: 'office', expect: HALL_MANAGERS(200) },
  'PUT /api/admin/offices/:id/queue-settings': { target: 'office', expect: HALL_MANAGERS(200) },
  'GET /api/admin/slot-rules': { target: 'office', expect: HALL_MANAGERS(200) },
  'POST /api/admin/slot-rules': { target: 'office', expect: HALL_MANAGERS(201) },
  'PATCH /api/admin/slot-rules/:id': { target: 'slotRule', expect: HALL_MANAGERS(200) },
  'POST /api/admin/slot-rules/preview': { target: 'slotRule', expect: HALL_MANAGERS(200) },
  'GET /api/admin/staff': { target: 'none', expect: ANY_MANAGER(200) },
  // Inviting a clerk to the office named in the body.
  'POST /api/admin/staff': { target: 'office', expect: HALL_MANAGERS(201) },
  'POST /api/admin/staff/:id/revoke': { target: 'staffMember', expect: HALL_MANAGERS(200) },
  'GET /api/admin/calendar': { target: 'none', expect: ADMINS(200) },
  'POST /api/admin/calendar/import': { target: 'none', expect: ADMINS(200) },
  'GET /api/admin/audit': { target: 'none', expect: ANY_MANAGER(200) },
  // A service's guide and its versions: the catalogue is platform-wide, admins only (403 to everyone else, as the calendar).
  'GET /api/admin/services/:id': { target: 'service', expect: ADMINS(200) },
  'PATCH /api/admin/services/:id': { target: 'service', expect: ADMINS(200) },

  'GET /api/me': { target: 'none', expect: SELF(200) },
  'PATCH /api/me/preferences': { target: 'none', expect: SELF(200) },
  'POST /api/me/preferences': { target: 'none', expect: SELF(200) },
  // Reaching the ID-number rule (a checksum-invalid number is sent) is the proof of access.
  'POST /api/me/real-name': { target: 'none', expect: SELF('422 ID_NUMBER_INVALID') },

  'GET /api/services': { target: 'none', expect: ANYONE(200) },
  'GET /api/services/:id': { target: 'service', expect: ANYONE(200) },
  'GET /api/offices': { target: 'none', expect: ANYONE(200) },
  'GET /api/offices/:id': { target: 'office', expect: ANYONE(200) },
  'GET /api/offices/:id/slots': { target: 'office', expect: ANYONE(200) },
  'GET /api/offices/:id/queue': { target: 'office', expect: ANYONE(200) },
  // Public, but acting for someone it is their preview (their lane, their number): a QUEUE grant for the service.
  'GET /api/offices/:id/queue/preview': { target: 'office', expect: ANYONE_OR_GRANTEE_OF_THE_SERVICE(200) },
  'GET /api/offices/:id/queue/accuracy': { target: 'office', expect: SUPERVISORS(200) },
  'GET /api/offices/:id/check-in-code': { target: 'office', expect: WATCHERS(200) },
  'GET /api/offices/:id/appointments': { target: 'office', expect: WATCHERS(200) },
  'POST /api/offices/:id/appointments/check-in': { target: 'office', expect: CLERKS(200) },

  'POST /api/tickets': { target: 'none', expect: SELF_OR_GRANTEE_OF_THE_SERVICE(201) },
  'GET /api/tickets': { target: 'none', expect: SELF_OR_GRANTEE(200) },
  'GET /api/tickets/:id': { target: 'ticket', expect: OWNERS(200) },
  'POST /api/tickets/:id/cancel': { target: 'ticket', expect: OWNERS(200) },
  'POST /api/tickets/:id/rejoin': { target: 'ticket.skipped', expect: OWNERS(200) },
  'POST /api/tickets/:id/recall': { target: 'ticket.called', expect: CLERKS(200) },
  'POST /api/tickets/:id/skip': { target: 'ticket.called', expect: CLERKS(200) },
  'POST /api/tickets/:id/start': { target: 'ticket.called', expect: CLERKS(200) },
  'POST /api/tickets/:id/finish': { target: 'ticket.serving', expect: CLERKS(200) },
  'POST /api/tickets/:id/transfer': { target: 'ticket.called', expect: CLERKS(200) },
  // ?ticketId= (the holder's live view); the hall board (?officeId=) is public.
  'GET /api/live': { target: 'ticket', expect: OWNERS(101) },

  'GET /api/counters': { target: 'office', expect: WATCHERS(200) },
  'GET /api/counters/:id': { target: 'counter', expect: WATCHERS(200) },
  'POST /api/counters/:id/call-next': { target: 'counter', expect: CLERKS(200) },
  'POST /api/counters/:id/walk-in': { target: 'counter', expect: CLERKS(201) },
  'POST /api/counters/:id/open': { target: 'counter', expect: CLERKS(200) },
  'POST /api/counters/:id/pause': { target: 'counter', expect: CLERKS(200) },
  'POST /api/counters/:id/close': { target: 'counter', expect: CLERKS(200) },

  'POST /api/appointments': { target: 'none', expect: SELF_OR_GRANTEE_OF_THE_SERVICE(201) },
  'GET /api/appointments': { target: 'none', expect: SELF_OR_GRANTEE(200) },
  'GET /api/appointments/:id': { target: 'appointment', expect: OWNERS(200) },
  'POST /api/appointments/:id/cancel': { target: 'appointment', expect: OWNERS(200) },
  'POST /api/appointments/:id/reschedule': { target: 'appointment', expect: OWNERS(200) },
  'POST /api/appointments/:id/check-in': { target: 'appointment.due', expect: OWNERS(200) },
  'POST /api/appointments/waitlist': { target: 'none', expect: SELF_OR_GRANTEE_OF_THE_SERVICE(201) },
  'GET /api/appointments/waitlist': { target: 'none', expect: SELF_OR_GRANTEE(200) },
  'POST /api/appointments/waitlist/:id/cancel': { target: 'waitlist', expect: OWNERS(200) },

  'GET /api/booking-suspensions': { target: 'none', expect: SELF_OR_GRANTEE(200) },
  // A suspension is for no one service: a grant limited to some services still covers appealing it.
  'POST /api/booking-suspensions/:id/appeal': { target: 'suspension', expect: { ...OWNERS(200), granteeOtherService: 200 } },
  'GET /api/booking-suspensions/appeals': { target: 'none', expect: ANY_SUPERVISOR(200) },
  'POST /api/booking-suspensions/:id/decide': { target: 'suspension.appealed', expect: SUPERVISORS(200) },

  // Grants are only personal: nobody gives, answers or ends one for someone else (no re-delegation).
  'POST /api/grants': { target: 'none', expect: SELF(201) },
  'GET /api/grants': { target: 'none', expect: SELF(200) },
  'GET /api/grants/:id': { target: 'grant', expect: OWNER(200) },
  'POST /api/grants/:id/accept': { target: 'grant.asked', expect: OWNER(200) },
  'POST /api/grants/:id/reject': { target: 'grant.asked', expect: OWNER(200) },
  'POST /api/grants/:id/revoke': { target: 'grant', expect: OWNER(200) },
  // 见证授权: a clerk at any window records, reads (by ID number, in the body) and ends witnessed grants.
  'POST /api/grants/witnessed': { target: 'none', expect: ANY_CLERK(201) },
  'POST /api/grants/witnessed/lookup': { target: 'none', expect: ANY_CLERK(200) },
  'POST /api/grants/witnessed/:id/revoke': { target: 'grant.witnessed', expect: ANY_CLERK_BY_ID(200) },
  // The activity log is its own person's; only the person an act was done for disputes it.
  'GET /api/me/activity': { target: 'none', expect: SELF(200) },
  'POST /api/me/activity/:id/dispute': { target: 'activity', expect: OWNER(200) },
  // 我的网格: the roster and door-to-door tasks are the grid worker's own, for their own grid only.
  'GET /api/grid/residents': { target: 'none', expect: ANY_GRID_WORKER(200) },
  'POST /api/grid/residents/:id/consent-request': { target: 'resident', expect: GRID_WORKER_OF_THE_GRID(201) },
  'GET /api/grid/tasks': { target: 'none', expect: ANY_GRID_WORKER(200) },
  'GET /api/grid/tasks/services': { target: 'none', expect: ANY_GRID_WORKER(200) },
  'POST /api/grid/tasks': { target: 'resident.consented', expect: GRID_WORKER_OF_THE_GRID(201) },
  'POST /api/grid/tasks/:id/visit': { target: 'gridTask', expect: GRID_WORKER_OF_THE_GRID(200) },
  'POST /api/grid/tasks/:id/done': { target: 'gridTask.visited', expect: GRID_WORKER_OF_THE_GRID(200) },
  'POST /api/grid/tasks/:id/cancel': { target: 'gridTask', expect: GRID_WORKER_OF_THE_GRID(200) },
  // 电子证照: the holder's, reached for someone only under LICENCE_PRESENT; sync is one's own only.
  'GET /api/licences': { target: 'none', expect: SELF_OR_LICENCE_PRESENTER(200) },
  'POST /api/licences/sync': { target: 'none', expect: SELF(200) },
  'GET /api/licences/:id': { target: 'licence', expect: LICENCE_HOLDERS(200) },
  'POST /api/licences/:id/presentations': { target: 'licence', expect: LICENCE_HOLDERS(201) },
  'POST /api/licences/:id/captures': { target: 'licence', expect: LICENCE_HOLDERS(201) },
  'GET /api/licences/:id/uses': { target: 'licence', expect: LICENCE_HOLDERS(200) },
  'GET /api/licence-purposes': { target: 'none', expect: ANYONE(200) },
  // Reaching the token check (a token that is not one is sent) is the proof of access: every clerk
  // posted to a hall, nobody else, never for someone.
  'POST /api/licence-verifications': { target: 'none', expect: ANY_CLERK('422 LICENCE_TOKEN_INVALID') },
  'GET /.well-known/jwks.json': { outside: 'the public keys of 亮证 tokens (JWK Set): public, no data' },

  'GET /api/messages': { target: 'none', expect: SELF(200) },
  'POST /api/messages/:id/read': { target: 'message', expect: OWNER(200) },
  'GET /api/notifications/templates': { target: 'none', expect: SELF(200) },
  'POST /api/notifications/subscriptions': { target: 'none', expect: SELF(200) },

  // 办不成事 (issue 16): from one's own object (the ticket named in the body), the loop's steps by role.
  'POST /api/reports': { target: 'ticket.done', expect: OWNERS(201) },
  'GET /api/reports': { target: 'none', expect: SELF_OR_REPORT_GRANTEE(200) },
  'GET /api/reports/:id': { target: 'report', expect: REPORTER_OR_HALL(200) },
  'POST /api/reports/:id/triage': { target: 'report', expect: SUPERVISORS(200) },
  'POST /api/reports/:id/assign': { target: 'report.triaged', expect: SUPERVISORS(200) },
  'POST /api/reports/:id/resolve': { target: 'report.assigned', expect: CLERKS(200) },
  'POST /api/reports/:id/confirm': { target: 'report.resolved', expect: SUPERVISORS(200) },
  'POST /api/reports/:id/reopen': { target: 'report.resolved', expect: OWNERS(200) },
  'POST /api/reports/:id/close': { target: 'report.confirmed', expect: REPORTER_OR_SUPERVISOR(200) },
  'POST /api/reports/walk-in': { target: 'none', expect: ANY_CLERK(201) },
  // Photos: anyone signed in uploads for themself (a clerk for a walk-in), for someone only under a
  // REPORT grant; a waiting photo is its uploader's alone; an attached one is read like its report.
  'POST /api/reports/photos': { target: 'none', expect: SELF_OR_REPORT_GRANTEE(201) },
  'DELETE /api/reports/photos/:id': { target: 'photo', expect: OWNER(200) },
  'GET /api/reports/:id/photos/:photoId': { target: 'report.photo', expect: REPORTER_OR_HALL(200) },
  // 好差评: the handling named in the body is the rater's own (or their REPORT grantor's).
  'POST /api/ratings': { target: 'ticket.done', expect: OWNERS(201) },
  'GET /api/ratings/pending': { target: 'none', expect: SELF_OR_REPORT_GRANTEE(200) },
  'GET /api/ratings/reasons': { target: 'none', expect: ANYONE(200) },
  'GET /api/ratings/about-me': { target: 'none', expect: ANY_CLERK(200) },
  'GET /api/rectifications': { target: 'none', expect: ANY_STAFF(200) },
  'POST /api/rectifications/:id/callback': { target: 'rectification', expect: SUPERVISORS(200) },
  'POST /api/rectifications/:id/extend': { target: 'rectification', expect: SUPERVISORS(200) },
  'POST /api/rectifications/:id/close': { target: 'rectification.called', expect: SUPERVISORS(200) },
  'GET /api/staff/cases': { target: 'none', expect: ANY_STAFF(200) },
  'GET /api/staff/figures': { target: 'none', expect: ANY_STAFF(200) },
  /** 转办's named clerks of a hall: supervisors of its region, admins (clerks never assign). */
  'GET /api/staff/assignees': { target: 'office', expect: SUPERVISORS(200) },
};
