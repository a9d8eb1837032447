// 取号 (?officeId=&serviceId=, both optional): choose the hall (nearest first) and the service it
// offers (search, 常办, categories: features/service-chooser), see 前面还有 N 人 and 预计等候
// before confirming — or in words why no number can be taken now — then 确认取号 opens the new
// ticket. Looking is open to all; taking needs sign-in.
import { Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { coversService, useActing } from '../../api/acting-store';
import { getOffice, listOffices } from '../../api/offices';
import { getQueuePreview } from '../../api/queue';
import { useSession } from '../../api/session';
import { useApi } from '../../api/use-api';
import { ActingGate } from '../../components/acting-gate';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ChoiceList, officeChoices } from '../../components/choice-list';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { SignInNeeded } from '../../components/sign-in-needed';
import { useRecentServiceIds } from '../../features/service-chooser/recent';
import { ServiceChooser } from '../../features/service-chooser/service-chooser';
import { officeStatus } from '../../lib/format';
import { getPosition } from '../../lib/location';
import { loadSubscribeTemplates, subscribePlatform } from '../../lib/subscribe';
import { useElderMode } from '../../theme/elder-store';
import { PreviewPanel } from './preview-panel';
import { useTake } from './use-take';
import './index.scss';

async function nearbyOffices(serviceId: string | undefined) {
  return (await listOffices({ position: await getPosition(), serviceId }, { isQuiet: true })).items;
}

export default function TakeTicketPage() {
  const params = useRouter().params;
  const isElder = useElderMode();
  const { isSignedIn } = useSession();
  const { actingFor } = useActing();
  const [officeId, setOfficeId] = useState(params.officeId || undefined);
  const [serviceId, setServiceId] = useState(params.serviceId || undefined);
  const [isPickingOffice, setIsPickingOffice] = useState(!params.officeId);
  const [isPickingService, setIsPickingService] = useState(!params.serviceId);

  const office = useApi(officeId ? () => getOffice(officeId, null, { isQuiet: true }) : null, [officeId]);
  const offices = useApi(isPickingOffice ? () => nearbyOffices(serviceId) : null, [isPickingOffice, serviceId]);
  // Acting for someone, the preview is theirs (their lane, their number: X-On-Behalf-Of); it is
  // asked again when the app switches person or returns to oneself.
  const preview = useApi(officeId && serviceId ? () => getQueuePreview(officeId, serviceId, { isQuiet: true }) : null, [officeId, serviceId, isSignedIn, actingFor?.userId]);
  // Fetched ahead so the tap can show the platform's prompt at once (WeChat requires the tap). In
  // 长辈版 the tap takes the number and nothing more: no system pop-up comes with it (DESIGN.md §4);
  // the ticket page offers 开启到号提醒 instead.
  const templates = useApi(isSignedIn && subscribePlatform() ? loadSubscribeTemplates : null, [isSignedIn]);
  const { isTaking, error, take } = useTake(preview.reload);
  const recentIds = useRecentServiceIds(officeId);

  // While acting under a grant that names services, only those (the BFF would refuse the rest).
  const services = (office.data?.services ?? []).filter((s) => coversService(actingFor, s.id));
  const service = services.find((s) => s.id === serviceId);
  const status = office.data ? officeStatus(office.data) : null;
  const chooseOffice = (id: string) => {
    setOfficeId(id);
    setIsPickingOffice(false);
  };
  const chooseService = (id: string) => {
    setServiceId(id);
    setIsPickingService(false);
  };

  if (actingFor && !actingFor.scopes.includes('QUEUE')) {
    return (
      <PageShell title='取号'>
        <ActingGate scope='QUEUE' what='取号' />
      </PageShell>
    );
  }
  return (
    <PageShell title='取号'>
      <Card id='take-office' title='1. 选择大厅' extra={officeId && !isPickingOffice ? <Button id='take-change-office' variant='text' onClick={() => setIsPickingOffice(true)}>换一个</Button> : null}>
        {office.error && !isPickingOffice ? <ErrorState message={office.error.message} onRetry={office.error.isRetryable ? office.reload : undefined} /> : null}
        {office.data && !isPickingOffice ? (
          <Text id='take-office-name' className='take__line palm-font-large'>
            {office.data.name}
            {status ? <Text className='take__status palm-whole'>{`（${status.text}）`}</Text> : null}
          </Text>
        ) : null}
        {isPickingOffice ? (
          <>
            {offices.error ? <ErrorState message={offices.error.message} onRetry={offices.reload} /> : null}
            {offices.isLoading ? <Text className='palm-secondary'>正在查找附近的大厅…</Text> : null}
            <ChoiceList
              idPrefix='take-office-option'
              label='选择大厅'
              chosenId={officeId}
              onChoose={chooseOffice}
              choices={officeChoices(offices.data ?? [], isElder)}
            />
          </>
        ) : null}
      </Card>
      {officeId && !isPickingOffice ? (
        <Card id='take-service' title='2. 选择办理事项' extra={service && !isPickingService ? <Button id='take-change-service' variant='text' onClick={() => setIsPickingService(true)}>换一个</Button> : null}>
          {office.isLoading ? <Text className='palm-secondary'>正在加载…</Text> : null}
          {service && !isPickingService ? (
            <Text id='take-service-name' className='take__line palm-font-large'>
              {service.name}
            </Text>
          ) : null}
          {isPickingService || (office.data && !service) ? (
            <ServiceChooser idPrefix='take-service' services={services} chosenId={serviceId} recentIds={recentIds} onChoose={chooseService} />
          ) : null}
        </Card>
      ) : null}
      {officeId && serviceId && !isPickingOffice && !isPickingService ? (
        <Card title='3. 排队情况'>
          {preview.error ? <ErrorState message={preview.error.message} onRetry={preview.reload} /> : null}
          {preview.isLoading ? <Text className='palm-secondary'>正在查询排队情况…</Text> : null}
          {preview.data ? <PreviewPanel preview={preview.data} actingForName={actingFor?.name} /> : null}
        </Card>
      ) : null}
      {error ? <ErrorState id='take-error' message={error.message} /> : null}
      {officeId && serviceId && !isSignedIn ? <SignInNeeded id='take-sign-in' title='取号前请先登录' /> : null}
      {officeId && serviceId && isSignedIn && preview.data?.open ? (
        <Button id='take-confirm' isBlock isLoading={isTaking} onClick={() => take({ officeId, serviceId }, isElder ? [] : (templates.data ?? []))}>
          {actingFor ? `确认代 ${actingFor.name} 取号` : '确认取号'}
        </Button>
      ) : null}
      {isElder ? null : <Text className='palm-secondary'>取号后请留意叫号；过号可以重新排队一次。没有手机也可以到大厅窗口取号。</Text>}
    </PageShell>
  );
}
