// 预约办理 (?officeId=&serviceId=, both optional): hall → service (those it takes bookings for) →
// a day of the coming week → a time with its places left in words → confirm with the rules → the
// code, large. A full time offers 候补; every refusal (full, limits, suspended) is said in the page.
// Looking is open to all; booking needs sign-in. No pop-up anywhere in 长辈版.
import { Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { coversService, useActing } from '../../api/acting-store';
import { listSuspensions, loadReminderTemplates, type BookingSuspension, type SlotDayView } from '../../api/appointments';
import type { ApiError } from '../../api/errors';
import { coverOptions, licencesForCover } from '../../api/licence-free';
import { getOffice } from '../../api/offices';
import { getService } from '../../api/services';
import { useSession } from '../../api/session';
import { useApi } from '../../api/use-api';
import { ActingGate } from '../../components/acting-gate';
import { Card } from '../../components/card';
import { PageShell } from '../../components/page-shell';
import { SignInNeeded } from '../../components/sign-in-needed';
import { Refusal } from '../../features/appointments/refusal';
import { scrollTo } from '../../features/appointments/scroll';
import { SlotPicker } from '../../features/appointments/slot-picker';
import { useSlotWeek } from '../../features/appointments/use-slot-week';
import { bookingRules } from '../../features/appointments/words';
import { useRecentServiceIds } from '../../features/service-chooser/recent';
import { subscribePlatform } from '../../lib/subscribe';
import { useElderMode } from '../../theme/elder-store';
import { BookedView, WaitlistedView } from './booked-view';
import { OfficeStep, ServiceStep } from './choose-steps';
import { ConfirmPanel } from './confirm-panel';
import { SuspensionNotice } from './suspension-notice';
import { useBook } from './use-book';
import '../../features/appointments/styles.scss';
import './index.scss';

/** Refusals after which the times shown are stale: they are asked again. */
const STALE_SLOT_CODES = ['SLOT_FULL', 'SLOT_WITHDRAWN', 'SLOT_PAST', 'SLOT_NOT_RELEASED', 'WAITLIST_SLOT_OPEN'];

/** The first day with a time left to book, else the first day. */
const firstOpenDay = (days: SlotDayView[] | undefined) => (days?.find((d) => d.items.some((s) => s.isBookable)) ?? days?.[0])?.date;

export default function BookPage() {
  const params = useRouter().params;
  const isElder = useElderMode();
  const { isSignedIn, me } = useSession();
  const { actingFor } = useActing();
  const [officeId, setOfficeId] = useState(params.officeId || undefined);
  const [serviceId, setServiceId] = useState(params.serviceId || undefined);
  const [isPickingOffice, setIsPickingOffice] = useState(!params.officeId);
  const [isPickingService, setIsPickingService] = useState(!params.serviceId);
  const [chosenDate, setChosenDate] = useState<string>();
  const [slotId, setSlotId] = useState<string>();
  const [appealed, setAppealed] = useState<BookingSuspension | null>(null);
  /** 免证办: materials the person chose to bring on paper after all (every covered one is ticked at first). */
  const [unticked, setUnticked] = useState<ReadonlySet<number>>(new Set());

  const office = useApi(officeId ? () => getOffice(officeId, null, { isQuiet: true }) : null, [officeId]);
  // The hall's services that take bookings, as the hall's own page says (`bookable`).
  // While acting under a grant that names services, only those (the BFF would refuse the rest).
  const services = office.data?.services.filter((s) => s.hasOnlineBooking && coversService(actingFor, s.id));
  const service = services?.find((s) => s.id === serviceId);
  const isSlotStep = Boolean(officeId && service && !isPickingOffice && !isPickingService);
  const week = useSlotWeek(isSlotStep ? officeId : undefined, isSlotStep ? serviceId : undefined);
  const recentIds = useRecentServiceIds(officeId);
  // 免证办: the guide's materials and the licences of the person booked for (quiet: without them, paper as before).
  const guide = useApi(isSlotStep && isSignedIn && serviceId ? () => getService(serviceId, null, { isQuiet: true }) : null, [isSlotStep, isSignedIn, serviceId]);
  const licences = useApi(isSlotStep && isSignedIn ? licencesForCover : null, [isSlotStep, isSignedIn, actingFor?.userId]);
  const covers = guide.data && licences.data ? coverOptions(guide.data.materials, licences.data) : [];
  const ticked = new Set(covers.filter((c) => !unticked.has(c.position)).map((c) => c.position));
  const toggleCover = (position: number) => {
    const next = new Set(unticked);
    if (next.has(position)) next.delete(position);
    else next.add(position);
    setUnticked(next);
    booking.clearError();
  };
  const isCovered = !actingFor || actingFor.scopes.includes('APPOINTMENT');
  const suspensions = useApi(isSignedIn && isCovered ? () => listSuspensions({ isQuiet: true }) : null, [isSignedIn, actingFor?.userId, isCovered]);
  // Fetched ahead so 确认预约 can show the platform's prompt at once; in 长辈版 the tap books and
  // nothing more, and the success view offers 开启预约提醒 instead.
  const templates = useApi(isSignedIn && !isElder && subscribePlatform() ? loadReminderTemplates : null, [isSignedIn, isElder]);
  const booking = useBook((refusal: ApiError) => {
    if (STALE_SLOT_CODES.includes(refusal.code)) week.reload();
    if (refusal.code === 'APPOINTMENT_SUSPENDED') suspensions.reload();
  });

  // The next step is below a long list of times: bring it into view once a time is chosen.
  useEffect(() => {
    if (slotId) scrollTo(isSignedIn ? '#book-confirm-panel' : '#book-sign-in');
  }, [slotId, isSignedIn]);

  const date = chosenDate && week.days?.some((d) => d.date === chosenDate) ? chosenDate : firstOpenDay(week.days);
  const slot = week.days?.find((d) => d.date === date)?.items.find((s) => s.id === slotId && (s.isBookable || s.unavailableReason === 'FULL'));
  const suspension = appealed ?? suspensions.data?.items.find((s) => s.active) ?? null;
  const isSuspended = Boolean(suspension?.active) || booking.error?.code === 'APPOINTMENT_SUSPENDED';

  const restart = () => {
    setChosenDate(undefined);
    setSlotId(undefined);
    booking.clearError();
  };
  const chooseOffice = (id: string) => {
    setOfficeId(id);
    setIsPickingOffice(false);
    restart();
  };
  const chooseService = (id: string) => {
    setServiceId(id);
    setIsPickingService(false);
    setUnticked(new Set());
    restart();
  };

  if (booking.booked) {
    return (
      <PageShell title='预约办理'>
        <BookedView appointment={booking.booked} hasAsked={booking.hasAsked} />
      </PageShell>
    );
  }
  if (booking.waitlisted) {
    return (
      <PageShell title='预约办理'>
        <WaitlistedView entry={booking.waitlisted} />
      </PageShell>
    );
  }

  const licenceMaterials = covers.filter((c) => ticked.has(c.position)).map((c) => ({ position: c.position, licenceId: c.licenceId }));
  const choice = slot && serviceId ? { slotId: slot.id, serviceId, ...(licenceMaterials.length > 0 ? { licenceMaterials } : {}) } : null;
  if (!isCovered) {
    return (
      <PageShell title='预约办理'>
        <ActingGate scope='APPOINTMENT' what='预约' />
      </PageShell>
    );
  }
  return (
    <PageShell title='预约办理'>
      {isSuspended ? <SuspensionNotice suspension={suspension} message={booking.error?.message} onChange={setAppealed} /> : null}
      <OfficeStep office={office} officeId={officeId} serviceId={serviceId} isPicking={isPickingOffice} isElder={isElder} onPick={() => setIsPickingOffice(true)} onChoose={chooseOffice} />
      {officeId && !isPickingOffice ? (
        <ServiceStep office={office.data} services={services} serviceId={serviceId} recentIds={recentIds} isPicking={isPickingService} onPick={() => setIsPickingService(true)} onChoose={chooseService} />
      ) : null}
      {isSlotStep ? (
        <Card id='book-slots' title='3. 选择日期和时间'>
          <SlotPicker
            idPrefix='book'
            week={week}
            date={date}
            onChooseDate={(d) => {
              setChosenDate(d);
              setSlotId(undefined);
              booking.clearError();
            }}
            slotId={slotId}
            onChooseSlot={(s) => {
              setSlotId(s.id);
              booking.clearError();
            }}
            canChooseFull
          />
        </Card>
      ) : null}
      {booking.error && !isSuspended ? <Refusal error={booking.error} /> : null}
      {choice && slot && date && office.data && service && !isSignedIn ? <SignInNeeded id='book-sign-in' title='预约前请先登录' /> : null}
      {choice && slot && date && office.data && service && isSignedIn && !isSuspended ? (
        <ConfirmPanel
          office={office.data}
          serviceName={service.name}
          date={date}
          slot={slot}
          who={actingFor ? `${actingFor.name}（由您代办，您是其${actingFor.relation}）` : me?.name ? `本人（${me.name}）` : '本人'}
          rules={bookingRules(isElder, actingFor ? null : me?.age)}
          busy={booking.busy}
          licences={{ options: covers, ticked, onToggle: toggleCover, isElder }}
          onBook={() => booking.book(choice, templates.data ?? [])}
          onWait={() => booking.wait({ slotId: choice.slotId, serviceId: choice.serviceId })}
        />
      ) : null}
      {/* The window never needs a booking (DESIGN.md §1): said in 长辈版 too, where it matters most. */}
      <Text id='book-walk-in' className='book__line palm-secondary'>
        {isElder ? '不预约也可以到大厅现场取号办理。' : '不预约也可以到大厅窗口取号办理；预约的人签到后优先叫号。'}
      </Text>
    </PageShell>
  );
}
