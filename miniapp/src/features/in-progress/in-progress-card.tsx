// 办理中: what the signed-in person has going on now — today's active queue numbers with where they
// stand and the coming bookings with time and hall — first on 首页 and at the top of 我的, each row
// one tap from its page. While acting for someone, that person's (X-On-Behalf-Of), within what the
// grant covers, under their name. Nothing in progress (or signed out): no card at all, never an empty box.
import { Text, View } from '@tarojs/components';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { Ticket } from '@palm/shared/server';
import { useActing, type ActingFor } from '../../api/acting-store';
import { listAppointments, type AppointmentView } from '../../api/appointments';
import { useSession } from '../../api/session';
import { listTickets } from '../../api/tickets';
import { Card } from '../../components/card';
import { Cell } from '../../components/cell';
import { Facts } from '../../components/facts';
import { StatusTag } from '../../components/status-tag';
import { openPage, PAGES } from '../../lib/routes';
import { useElderMode } from '../../theme/elder-store';
import { When } from '../appointments/when';
import { isActiveAppointment, statusOf } from '../appointments/words';
import { isActiveTicket, TICKET_STATUS, windowLine } from '../queue/ticket-status';
import './styles.scss';

/** Positions move while a page is open: read them again this often while it is shown. */
export const IN_PROGRESS_REFRESH_MS = 15_000;
/** 长辈版 shows fewer rows (DESIGN.md §4); the full lists are one tap away. */
const MAX_ROWS = { normal: 3, elder: 2 };

/** Where an active ticket stands, in words: the people ahead, or the window to go to. */
export function ticketStanding(ticket: Ticket): string {
  if (ticket.status === 'WAITING') return ticket.peopleAhead === null ? '排队中' : `前面还有 ${ticket.peopleAhead} 人`;
  if (ticket.status === 'CALLED') return windowLine(ticket.counter);
  return '正在窗口办理';
}

/** Active tickets (any day the BFF still lists as active) and coming bookings, soonest first. */
export function inProgressOf(tickets: Ticket[], appointments: AppointmentView[]): { tickets: Ticket[]; appointments: AppointmentView[] } {
  return {
    tickets: tickets.filter((t) => isActiveTicket(t.status)),
    // A checked-in booking lives on as its ticket; show it only while it has none.
    appointments: appointments.filter((a) => isActiveAppointment(a) && !a.ticket).sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
  };
}

/** Read again on coming back to the page (a number taken, a booking cancelled) and while it is shown. */
interface InProgress {
  tickets: Ticket[];
  appointments: AppointmentView[];
}

/**
 * Both lists, read again on coming back to the page (a number taken, a booking cancelled) and every
 * IN_PROGRESS_REFRESH_MS while it is shown. The last answer stays on screen while the next one
 * loads, and a failed read keeps it: the card is a summary, the full pages show their own errors.
 */
function useInProgress(isSignedIn: boolean, actingFor: ActingFor | null): InProgress | null {
  const [data, setData] = useState<InProgress | null>(null);
  const [isShown, setIsShown] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const isFirstShow = useRef(true);
  useDidShow(() => {
    setIsShown(true);
    if (isFirstShow.current) isFirstShow.current = false;
    else setAttempt((n) => n + 1);
  });
  useDidHide(() => setIsShown(false));
  useEffect(() => {
    if (!isSignedIn) return undefined;
    let isCurrent = true;
    // Acting for someone: only what the grant covers is asked for (the rest would be refused).
    const none = Promise.resolve({ items: [] });
    const hasQueue = !actingFor || actingFor.scopes.includes('QUEUE');
    const hasAppointments = !actingFor || actingFor.scopes.includes('APPOINTMENT');
    Promise.all([hasQueue ? listTickets({ isQuiet: true }) : none, hasAppointments ? listAppointments({ isQuiet: true }) : none]).then(
      // A summary never takes its page down: an answer without a list counts as an empty one.
      ([tickets, appointments]) => isCurrent && setData({ tickets: tickets.items ?? [], appointments: appointments.items ?? [] }),
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the person and their grant's scopes decide, not the object
  }, [isSignedIn, attempt, actingFor?.userId, actingFor?.scopes.join()]);
  // On sign-out or a change of person, forget the last person's list: it is never shown as another's.
  useEffect(() => () => setData(null), [isSignedIn, actingFor?.userId]);
  useEffect(() => {
    if (!isSignedIn || !isShown) return undefined;
    const timer = setInterval(() => setAttempt((n) => n + 1), IN_PROGRESS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [isSignedIn, isShown]);
  return isSignedIn ? data : null;
}

/** idPrefix keeps ids unique: H5 keeps earlier pages in the document. */
export function InProgressCard({ idPrefix }: { idPrefix: string }) {
  const { isSignedIn } = useSession();
  const isElder = useElderMode();
  const { actingFor } = useActing();
  const data = useInProgress(isSignedIn, actingFor);
  if (!data) return null;
  const current = inProgressOf(data.tickets, data.appointments);
  const max = isElder ? MAX_ROWS.elder : MAX_ROWS.normal;
  const shownTickets = current.tickets.slice(0, max);
  const shownAppointments = current.appointments.slice(0, max);
  if (shownTickets.length === 0 && shownAppointments.length === 0) return null;
  const more = current.tickets.length - shownTickets.length + current.appointments.length - shownAppointments.length;

  return (
    <Card id={`${idPrefix}-in-progress`} title={actingFor ? `${actingFor.name} 的办理中` : '办理中'}>
      {shownTickets.map((ticket, index) => (
        <Cell
          key={ticket.id}
          id={`${idPrefix}-in-progress-ticket-${index}`}
          title={
            <View className='palm-in-progress__title'>
              <Text className='palm-in-progress__kind'>排队号</Text>
              <Text className='palm-in-progress__number'>{ticket.displayNumber}</Text>
              <StatusTag tone={TICKET_STATUS[ticket.status].tone} text={TICKET_STATUS[ticket.status].text} />
            </View>
          }
          description={<Facts parts={[ticketStanding(ticket), ticket.office.name, ticket.service.name]} />}
          isLink
          onClick={() => openPage(PAGES.ticket, { id: ticket.id })}
        />
      ))}
      {shownAppointments.map((appointment, index) => (
        <Cell
          key={appointment.id}
          id={`${idPrefix}-in-progress-appointment-${index}`}
          title={
            <View className='palm-in-progress__title'>
              <Text className='palm-in-progress__kind'>预约</Text>
              <Text className='palm-in-progress__when'>
                <When slot={appointment} />
              </Text>
              <StatusTag tone={statusOf(appointment).tone} text={statusOf(appointment).text} />
            </View>
          }
          description={<Facts parts={[appointment.office.name, appointment.service.name]} />}
          isLink
          onClick={() => openPage(PAGES.appointments, { id: appointment.id })}
        />
      ))}
      {more > 0 ? (
        <Text id={`${idPrefix}-in-progress-more`} className='palm-secondary'>
          另有 {more} 项，在“我的排队”“我的预约”里查看。
        </Text>
      ) : null}
    </Card>
  );
}
