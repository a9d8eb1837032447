// 1. 选择大厅 and 2. 选择办理事项. Halls come nearest first; with a service chosen, only halls that
// take bookings for it. The services are those this hall takes bookings for, in the service
// chooser (search, 常办, categories) — a hall without any says so and points to the window, which
// always serves (DESIGN.md §1).
import { Text } from '@tarojs/components';
import type { OfficeDetail } from '@palm/shared/server';
import { listOffices } from '../../api/offices';
import { useApi } from '../../api/use-api';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ChoiceList, officeChoices } from '../../components/choice-list';
import { ErrorState } from '../../components/error-state';
import type { ChooserService } from '../../features/service-chooser/groups';
import { ServiceChooser } from '../../features/service-chooser/service-chooser';
import { getPosition } from '../../lib/location';
import { openPage, PAGES } from '../../lib/routes';

/** With a service, the BFF says of each hall whether it takes bookings for it (`bookable`). */
async function officesForBooking(serviceId: string | undefined) {
  const offices = (await listOffices({ position: await getPosition(), serviceId }, { isQuiet: true })).items;
  return serviceId ? offices.filter((o) => o.hasOnlineBooking) : offices;
}

export interface OfficeStepProps {
  office: { data?: OfficeDetail; error: { message: string; isRetryable: boolean } | null; reload: () => void };
  officeId: string | undefined;
  serviceId: string | undefined;
  isPicking: boolean;
  isElder: boolean;
  onPick: () => void;
  onChoose: (id: string) => void;
}

export function OfficeStep({ office, officeId, serviceId, isPicking, isElder, onPick, onChoose }: OfficeStepProps) {
  const offices = useApi(isPicking ? () => officesForBooking(serviceId) : null, [isPicking, serviceId]);
  const list = offices.data ?? [];
  return (
    <Card
      id='book-office'
      title='1. 选择大厅'
      extra={officeId && !isPicking ? <Button id='book-change-office' variant='text' onClick={onPick}>换一个</Button> : null}
    >
      {office.error && !isPicking ? <ErrorState message={office.error.message} onRetry={office.error.isRetryable ? office.reload : undefined} /> : null}
      {office.data && !isPicking ? (
        <Text id='book-office-name' className='book__line palm-font-large'>
          {office.data.name}
        </Text>
      ) : null}
      {isPicking ? (
        <>
          {offices.error ? <ErrorState message={offices.error.message} onRetry={offices.reload} /> : null}
          {offices.isLoading ? <Text className='palm-secondary'>正在查找可以预约的大厅…</Text> : null}
          {offices.data && list.length === 0 ? <Text id='book-no-office'>附近暂时没有可以网上预约这项业务的大厅，可以直接到大厅窗口办理。</Text> : null}
          <ChoiceList
            idPrefix='book-office-option'
            label='选择大厅'
            chosenId={officeId}
            onChoose={onChoose}
            choices={officeChoices(list, isElder)}
          />
        </>
      ) : null}
    </Card>
  );
}

export interface ServiceStepProps {
  office: OfficeDetail | undefined;
  /** The hall's services that take bookings (`bookable`); undefined while the hall loads. */
  services: readonly ChooserService[] | undefined;
  serviceId: string | undefined;
  /** The person's services at this hall, most recent first. */
  recentIds: readonly string[] | null;
  isPicking: boolean;
  onPick: () => void;
  onChoose: (id: string) => void;
}

export function ServiceStep({ office, services, serviceId, recentIds, isPicking, onPick, onChoose }: ServiceStepProps) {
  const list = services ?? [];
  const chosen = list.find((s) => s.id === serviceId);
  const isListShown = isPicking || (services !== undefined && !chosen);
  return (
    <Card
      id='book-service'
      title='2. 选择办理事项'
      extra={chosen && !isPicking ? <Button id='book-change-service' variant='text' onClick={onPick}>换一个</Button> : null}
    >
      {!office ? <Text className='palm-secondary'>正在查询可以预约的事项…</Text> : null}
      {chosen && !isListShown ? (
        <Text id='book-service-name' className='book__line palm-font-large'>
          {chosen.name}
        </Text>
      ) : null}
      {services && list.length === 0 ? (
        <>
          <Text id='book-no-service' className='book__line'>这个大厅暂不提供网上预约，不用预约也可以到窗口办理。</Text>
          <Button id='book-take-instead' variant='secondary' isBlock onClick={() => openPage(PAGES.takeTicket, { officeId: office?.id })}>
            直接取号排队
          </Button>
        </>
      ) : null}
      {services && list.length > 0 && serviceId && !chosen ? (
        <Text id='book-service-not-offered' className='book__line'>
          这个大厅暂不提供您选的事项的网上预约，请选择下面的事项，或换一个大厅。
        </Text>
      ) : null}
      {isListShown && list.length > 0 ? (
        <ServiceChooser idPrefix='book-service' services={list} chosenId={serviceId} recentIds={recentIds} onChoose={onChoose} />
      ) : null}
    </Card>
  );
}
