// The appointment domain's actions (policy/kit.ts): booking, 候补 and booking suspensions. A hall's
// side (check-in at a window, the day's list, deciding appeals) is the staff's (policy/staff.ts).
import { definePolicy, ownersOnly, SELF } from '../policy/kit';

const peopleOfTheAppointment = ownersOnly('neither the person nor the booker of this appointment');
const peopleOfTheEntry = ownersOnly('neither the person nor the one who joined for them');
const personSuspended = ownersOnly('not the person suspended');

export const APPOINTMENT_POLICY = definePolicy({
  objects: {
    appointment: '没有找到该预约',
    waitlist: '没有找到该候补',
    suspension: '没有找到该预约暂停记录',
  },
  actions: {
    /** Book an appointment for oneself or (with an APPOINTMENT grant) for someone else. */
    'appointment.book': { onBehalf: 'APPOINTMENT', allow: SELF },
    /** Read, cancel or reschedule an appointment: the person it is for or whoever booked it. */
    'appointment.read': { onBehalf: 'APPOINTMENT', allow: peopleOfTheAppointment },
    'appointment.cancel': { onBehalf: 'APPOINTMENT', allow: peopleOfTheAppointment },
    'appointment.reschedule': { onBehalf: 'APPOINTMENT', allow: peopleOfTheAppointment },
    /** 签到 on site (the hall's QR): the person it is for or whoever booked it. */
    'appointment.checkIn': { onBehalf: 'APPOINTMENT', allow: peopleOfTheAppointment },
    /**
     * One's booking suspensions (no-shows) and the one appeal against each. Whoever may book for
     * someone may see why their booking is suspended, and appeal for them.
     */
    'suspension.read': { onBehalf: 'APPOINTMENT', allow: personSuspended },
    'suspension.appeal': { onBehalf: 'APPOINTMENT', allow: personSuspended },
    /** 候补: join a full slot's waitlist for oneself or (with an APPOINTMENT grant) for someone else. */
    'waitlist.join': { onBehalf: 'APPOINTMENT', allow: SELF },
    /** Read or cancel a waitlist entry: the person it is for or whoever joined for them. */
    'waitlist.read': { onBehalf: 'APPOINTMENT', allow: peopleOfTheEntry },
    'waitlist.cancel': { onBehalf: 'APPOINTMENT', allow: peopleOfTheEntry },
  },
});
