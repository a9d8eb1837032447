// 附近大厅: every hall nearest first, with distance, 营业中 / 休息中 in words and today's hours.
// Opened from a guide with ?serviceId= it lists only the halls offering that service (可办理的大厅).
import { Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { listOffices } from '../../api/offices';
import { useApi } from '../../api/use-api';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { OfficeCell } from '../../components/office-cell';
import { PageShell } from '../../components/page-shell';
import { getPosition } from '../../lib/location';

async function load(serviceId: string | undefined) {
  const position = await getPosition();
  const list = await listOffices({ position, serviceId }, { isQuiet: true });
  return { isFallback: position.isFallback, items: list.items };
}

export default function OfficesPage() {
  const serviceId = useRouter().params.serviceId || undefined;
  const offices = useApi(() => load(serviceId), [serviceId]);
  const data = offices.data;
  return (
    <PageShell title={serviceId ? '可办理的大厅' : '附近大厅'}>
      {offices.error ? <ErrorState message={offices.error.message} onRetry={offices.error.isRetryable ? offices.reload : undefined} /> : null}
      {offices.isLoading ? <Text className='palm-secondary'>正在查找附近的大厅…</Text> : null}
      {data?.isFallback ? <Text className='palm-secondary'>未获得您的位置，先列出离青石县政务服务中心近的大厅（不显示距离）。</Text> : null}
      {data ? (
        <Card title={`共 ${data.items.length} 个大厅`} id='office-list'>
          {data.items.map((office, index) => (
            <OfficeCell key={office.id} id={`office-${index}`} office={office} />
          ))}
        </Card>
      ) : null}
    </PageShell>
  );
}
