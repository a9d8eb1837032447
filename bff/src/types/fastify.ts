// Decorators every plugin and route may rely on. Declared once here so the types cannot drift.
import type { Config } from '../config';
import type { AppResources } from '../resources';
import type { Policy } from '../policy';
import type { Audit } from '../plugins/app/audit';
import type { AuthContext } from '../plugins/app/auth';
import type { PrismaClient } from '@palm/db/client';
import type { Sessions } from '../identity/sessions';
import type { OtpService } from '../identity/otp';
import type { RealNameService } from '../identity/real-name';
import type { TokenService } from '../identity/tokens';
import type { UserService } from '../identity/users';
import type { Catalogue } from '../catalogue/service';
import type { CallingService } from '../queue/calling';
import type { CounterPanel } from '../queue/counter-panel';
import type { HallQueue } from '../queue/hall-queue';
import type { LiveHub } from '../queue/live';
import type { AddressSockets } from '../queue/live-sockets';
import type { TicketService } from '../queue/tickets';
import type { AppealService } from '../appointments/appeals';
import type { BookingService } from '../appointments/booking';
import type { CheckInService } from '../appointments/check-in';
import type { HallCodes } from '../appointments/hall-code';
import type { SlotService } from '../appointments/slot-day';
import type { WaitlistService } from '../appointments/waitlist';
import type { Notify } from '../notify';

declare module 'fastify' {
  interface FastifyInstance {
    // app.ts and plugins/app (cross-cutting).
    config: Config;
    resources: AppResources;
    /** For the domains' services: routes never query the database themselves. */
    prisma: PrismaClient;
    policy: Policy;
    audit: Audit;
    sessions: Sessions;
    authenticate: (request: FastifyRequest) => Promise<void>;
    // identity/
    users: UserService;
    tokens: TokenService;
    otp: OtpService;
    realName: RealNameService;
    // catalogue/
    catalogue: Catalogue;
    // queue/
    tickets: TicketService;
    calling: CallingService;
    counterPanel: CounterPanel;
    queue: HallQueue;
    live: LiveHub;
    liveSockets: AddressSockets;
    // appointments/
    booking: BookingService;
    waitlist: WaitlistService;
    checkIn: CheckInService;
    hallCodes: HallCodes;
    appeals: AppealService;
    slots: SlotService;
    // notify/
    notify: Notify;
  }
  interface FastifyRequest {
    /** Set by `authenticate` (or left null on public routes). */
    auth: AuthContext | null;
  }
}

export {};
