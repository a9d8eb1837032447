// 大厅详情: address, status, hours, a phone number to tap, where it is, what it offers.
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { getOffice } from '../../api/offices';
import { useApi } from '../../api/use-api';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { Cell } from '../../components/cell';
import { ErrorState } from '../../components/error-state';
import { Hours } from '../../components/hours';
import { PageShell } from '../../components/page-shell';
import { ServiceList } from '../../components/service-list';
import { StatusTag } from '../../components/status-tag';
import { formatDistance, officeStatus } from '../../lib/format';
import { getPosition } from '../../lib/location';
import { openPage, PAGES } from '../../lib/routes';
import { useElderMode } from '../../theme/elder-store';
import { ReportEntry } from '../../features/reports/report-entry';
import { BookEntry } from './book-entry';
import { OfficeLocation } from './office-location';
import { WeeklyHours } from './weekly-hours';
import './index.scss';

export default function OfficePage() {
  const id = useRouter().params.id ?? '';
  const isElder = useElderMode();
  const office = useApi(async () => getOffice(id, await getPosition(), { isQuiet: true }), [id]);
  const data = office.data;
  const status = data ? officeStatus(data) : null;

  return (
    <PageShell>
      {office.error ? <ErrorState message={office.error.message} onRetry={office.error.isRetryable ? office.reload : undefined} /> : null}
      {office.isLoading ? <Text className='palm-secondary'>正在加载…</Text> : null}
      {data && status ? (
        <>
          <Text id='office-name' className='office__name palm-font-title'>
            {data.name}
          </Text>
          <View className='office__status'>
            <StatusTag id='office-status' tone={status.tone} text={status.text} detail={status.detail} />
          </View>
          <View className='office__status'>
            <Button id='office-take-ticket' isBlock onClick={() => openPage(PAGES.takeTicket, { officeId: data.id })}>
              取号排队
            </Button>
          </View>
          <BookEntry officeId={data.id} services={data.services} />
          <Card>
            <Cell title='地址' description={data.address} />
            {data.distanceMeters !== null ? <Cell title='距离' value={formatDistance(data.distanceMeters)} /> : null}
            <Cell title='今日时间' value={<Hours hours={data.todayHours} />} />
            <Cell title='开放窗口' value={`${data.queue.openCounters} 个`} />
            {data.phone ? (
              <Cell
                id='office-phone'
                title='咨询电话'
                value={data.phone}
                description='点一下直接拨打'
                isLink
                onClick={() => void Taro.makePhoneCall({ phoneNumber: data.phone ?? '' })}
              />
            ) : null}
          </Card>
          <Card>
            <Cell id='office-board' title='大厅叫号屏' description='各窗口正在叫的号、各类业务等候人数' isLink onClick={() => openPage(PAGES.board, { officeId: data.id })} />
          </Card>
          <Card title='位置'>
            <OfficeLocation office={data} />
          </Card>
          <Card title='办公时间'>
            <WeeklyHours office={data} />
          </Card>
          <Card title={`可办理的事项（${data.services.length}）`}>
            <ServiceList items={data.services} idPrefix='office-service' isBrief />
          </Card>
          <ReportEntry id='office-report' context={{ officeId: data.id, officeName: data.name }} hint='在这个大厅遇到办不成、办不好的事，可以直接告诉我们。' />
          {isElder ? null : <Text className='palm-secondary'>{data.levelLabel} · 节假日{data.openOnHolidays ? '照常' : '休息'}</Text>}
        </>
      ) : null}
    </PageShell>
  );
}
