// 办事指南: conditions, materials (with e-licence substitutes), time limits, fee and the halls
// that offer it. Every hall is a way to get it done: nothing online is a precondition (DESIGN.md §1).
import { Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { getService } from '../../api/services';
import { useApi } from '../../api/use-api';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { Button } from '../../components/button';
import { getPosition } from '../../lib/location';
import { openPage, PAGES } from '../../lib/routes';
import { useElderMode } from '../../theme/elder-store';
import { BookEntry } from './book-entry';
import { GuideFacts } from './guide-facts';
import { GuideOffices } from './guide-offices';
import { Materials } from './materials';
import { NumberedList } from './numbered-list';
import './index.scss';

export default function ServicePage() {
  const id = useRouter().params.id ?? '';
  const isElder = useElderMode();
  const guide = useApi(async () => getService(id, await getPosition(), { isQuiet: true }), [id]);
  const data = guide.data;

  useEffect(() => {
    if (data) void Taro.setNavigationBarTitle({ title: data.name });
  }, [data]);

  return (
    <PageShell>
      {guide.error ? <ErrorState message={guide.error.message} onRetry={guide.error.isRetryable ? guide.reload : undefined} /> : null}
      {guide.isLoading ? <Text className='palm-secondary'>正在加载办事指南…</Text> : null}
      {data ? (
        <>
          <Text id='service-name' className='guide__name palm-font-title'>
            {data.name}
          </Text>
          <Text className='guide__summary palm-secondary'>{data.summary}</Text>
          <BookEntry serviceId={data.id} offices={data.offices} />
          <Card title='基本信息'>
            <GuideFacts guide={data} />
          </Card>
          <Card title='申请条件'>
            <NumberedList items={data.conditions} />
          </Card>
          <Card title='所需材料' id='service-materials'>
            <Materials materials={data.materials} />
          </Card>
          <Card title='办理流程'>
            <NumberedList items={data.process} />
          </Card>
          <Card title='可以去这些大厅办' id='service-offices'>
            <GuideOffices offices={data.offices} isBrief={isElder} />
            {data.offices.length > 1 ? (
              <Button id='service-all-offices' variant='secondary' isBlock onClick={() => openPage(PAGES.offices, { serviceId: data.id })}>
                按距离查看全部 {data.offices.length} 个大厅
              </Button>
            ) : null}
          </Card>
        </>
      ) : null}
    </PageShell>
  );
}
