// The admin and hall-manager console's domain (issue 17; DESIGN.md §1 "hall manager", "admin"):
// a hall's hours, closures, contact and services (offices.ts), its windows and queue settings
// (counters.ts), its slot rules and their preview (slot-rules.ts), staff (staff.ts), the working-day calendar (calendar.ts), the services'
// guides and their versions (services.ts) and the audit view of
// every change (audit-view.ts). Who may do what: policy.ts; every change is an audit entry with
// before/after (changes.ts). README.md lists every action with its route and refusals.
import fp from 'fastify-plugin';
import { AuditView } from './audit-view';
import { CalendarAdmin } from './calendar';
import { CounterAdmin } from './counters';
import { OfficeAdmin } from './offices';
import { ServiceAdmin } from './services';
import { SlotRuleAdmin } from './slot-rules';
import { StaffAdmin } from './staff';

// The services this domain adds to the app (typed here, where they are decorated).
declare module 'fastify' {
  interface FastifyInstance {
    adminOffices: OfficeAdmin;
    adminCounters: CounterAdmin;
    adminSlotRules: SlotRuleAdmin;
    adminStaff: StaffAdmin;
    adminCalendar: CalendarAdmin;
    adminServices: ServiceAdmin;
    adminAudit: AuditView;
  }
}

export default fp(
  async (app) => {
    app.decorate('adminOffices', new OfficeAdmin(app));
    app.decorate('adminCounters', new CounterAdmin(app));
    app.decorate('adminSlotRules', new SlotRuleAdmin(app));
    app.decorate('adminStaff', new StaffAdmin(app));
    app.decorate('adminCalendar', new CalendarAdmin(app));
    app.decorate('adminServices', new ServiceAdmin(app));
    app.decorate('adminAudit', new AuditView(app));
  },
  { name: 'admin', dependencies: ['catalogue', 'identity', 'queue', 'policy', 'audit'] },
);
