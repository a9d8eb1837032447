// The appointment domain (预约办事): slots (slots.ts, slot-day.ts, the daily slot job's timer
// slot-timer.ts), booking (booking/), 候补 (waitlist/), check-in with the hall's code of the day
// (check-in.ts, hall-code.ts), no-shows, suspensions and appeals, and the minute job (jobs.ts, its
// timer job-timer.ts). Its services are decorators (`app.booking`, `app.waitlist`, `app.checkIn`,
// `app.hallCodes`, `app.appeals`, `app.slots`); its policy actions: policy.ts; its notification
// kinds: notifications.ts; its job steps: jobs.ts.
import fp from 'fastify-plugin';
import { AppealService } from './appeals';
import { BookingService } from './booking';
import { CheckInService } from './check-in';
import { HallCodes } from './hall-code';
import jobTimer from './job-timer';
import { SlotService } from './slot-day';
import slotTimer from './slot-timer';
import { WaitlistService } from './waitlist';

// The services this domain adds to the app (typed here, where they are decorated).
declare module 'fastify' {
  interface FastifyInstance {
    booking: BookingService;
    waitlist: WaitlistService;
    checkIn: CheckInService;
    hallCodes: HallCodes;
    appeals: AppealService;
    slots: SlotService;
  }
}

export default fp(
  async (app) => {
    app.decorate('booking', new BookingService(app));
    app.decorate('waitlist', new WaitlistService(app));
    app.decorate('hallCodes', new HallCodes(app));
    app.decorate('checkIn', new CheckInService(app));
    app.decorate('appeals', new AppealService(app));
    app.decorate('slots', new SlotService(app));
    await app.register(slotTimer);
    await app.register(jobTimer);
  },
  // A check-in takes its number from the queue; 候补成功 and the other notices go through notify;
  // wrong hall codes are counted by the rate limiter.
  { name: 'appointments', dependencies: ['queue', 'notify', 'rate-limit'] },
);
