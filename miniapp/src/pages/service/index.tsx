// 办事指南: conditions, materials (with e-licence substitutes), time limits, fee, how it is done and
// the nearest halls offering it, ending in one bar of the actions its channels allow (取号 / 预约 /
// 在线办 / 去哪办). 办理方式 and the bar are one answer (describeHandling), so they never disagree.
// Every hall is a way to get it done: nothing online is a precondition (DESIGN.md §1).
import { Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { describeHandling, handlingFactsOf } from '@palm/shared';
import { useEffect, useMemo } from 'react';
import { getService } from '../../api/services';
import { useApi } from '../../api/use-api';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { PageShell } from '../../components/page-shell';
import { getPosition } from '../../lib/location';
import { useElderMode } from '../../theme/elder-store';
import { ReportEntry } from '../../features/reports/report-entry';
import { ActionBar } from './action-bar';
import { Materials } from '../../features/service-guide/materials';
import { GuideFacts } from './guide-facts';
import { GuideOffices } from './guide-offices';
import { NumberedList } from './numbered-list';
import './index.scss';

async function loadGuide(id: string) {
  const position = await getPosition();
  return { guide: await getService(id, position, { isQuiet: true }), isFallback: position.isFallback };
}

export default function ServicePage() {
  const id = useRouter().params.id ?? '';
  const isElder = useElderMode();
  const loaded = useApi(() => loadGuide(id), [id]);
  const data = loaded.data?.guide;
  const handling = useMemo(() => (data ? describeHandling(handlingFactsOf(data)) : null), [data]);

  useEffect(() => {
    if (data) void Taro.setNavigationBarTitle({ title: data.name });
  }, [data]);

  return (
    <PageShell>
      {loaded.error ? <ErrorState message={loaded.error.message} onRetry={loaded.error.isRetryable ? loaded.reload : undefined} /> : null}
      {loaded.isLoading ? <Text className='palm-secondary'>正在加载办事指南…</Text> : null}
      {data && handling ? (
        <>
          <Text id='service-name' className='guide__name palm-font-title'>
            {data.name}
          </Text>
          <Text className='guide__summary palm-secondary'>{data.summary}</Text>
          <Card title='基本信息'>
            <GuideFacts guide={data} handling={handling} />
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
            <GuideOffices serviceId={data.id} offices={data.offices} isBrief={isElder} isFallback={loaded.data?.isFallback ?? true} />
          </Card>
          <ActionBar guide={data} handling={handling} />
          <ReportEntry id='service-report' context={{ serviceId: data.id, serviceName: data.name }} hint='按指南办不成、或在大厅遇到问题，可以直接告诉我们。' />
        </>
      ) : null}
    </PageShell>
  );
}
