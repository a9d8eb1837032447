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
    'appointment.book': { onBehalf: 'APPOINTMENT', allow: SELF, words: '预约', tellsGrantor: true },
    /** Read, cancel or reschedule an appointment: the person it is for (a booker for someone else acts for them). */
    'appointment.read': { onBehalf: 'APPOINTMENT', allow: peopleOfTheAppointment, words: '查看预约' },
    'appointment.cancel': { onBehalf: 'APPOINTMENT', allow: peopleOfTheAppointment, words: '取消预约', tellsGrantor: true },
    'appointment.reschedule': { onBehalf: 'APPOINTMENT', allow: peopleOfTheAppointment, words: '改约', tellsGrantor: true },
    /** 签到 on site (the hall's QR): the person it is for (a booker for someone else acts for them). */
    'appointment.checkIn': { onBehalf: 'APPOINTMENT', allow: peopleOfTheAppointment, words: '预约签到', tellsGrantor: true },
    /**
     * One's booking suspensions (no-shows) and the one appeal against each. Whoever may book for
     * someone may see why their booking is suspended, and appeal for them.
     */
    'suspension.read': { onBehalf: 'APPOINTMENT', allow: personSuspended, words: '查看预约暂停' },
    'suspension.appeal': { onBehalf: 'APPOINTMENT', allow: personSuspended, words: '申诉预约暂停', tellsGrantor: true },
    /** 候补: join a full slot's waitlist for oneself or (with an APPOINTMENT grant) for someone else. */
    'waitlist.join': { onBehalf: 'APPOINTMENT', allow: SELF, words: '加入候补', tellsGrantor: true },
    /** Read or cancel a waitlist entry: the person it is for (whoever joined for them acts for them). */
    'waitlist.read': { onBehalf: 'APPOINTMENT', allow: peopleOfTheEntry, words: '查看候补' },
    'waitlist.cancel': { onBehalf: 'APPOINTMENT', allow: peopleOfTheEntry, words: '取消候补', tellsGrantor: true },
  },
});
