// 就近办: the nearest hall that is open now (or the nearest at all), from the person's position or,
// without one, from the county centre, which the card then says.
import { Text } from '@tarojs/components';
import { listOffices } from '../../api/offices';
import { useApi } from '../../api/use-api';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ErrorState } from '../../components/error-state';
import { OfficeCell } from '../../components/office-cell';
import { askForPosition, getPosition } from '../../lib/location';
import { openPage, PAGES } from '../../lib/routes';

async function loadNearest() {
  const position = await getPosition();
  const { items } = await listOffices({ position }, { isQuiet: true });
  return { isFallback: position.isFallback, office: items.find((office) => office.openNow) ?? items[0] ?? null };
}

export function NearestOffice({ isElder }: { isElder: boolean }) {
  const { data, error, isLoading, reload } = useApi(loadNearest, []);
  const useMyPosition = () => {
    void askForPosition().then(reload);
  };
  return (
    <Card title='离您最近的大厅' extra={isElder ? null : <Button variant='text' id='home-all-offices' onClick={() => openPage(PAGES.offices)}>全部大厅</Button>}>
      {error ? <ErrorState message={error.message} onRetry={error.isRetryable ? reload : undefined} /> : null}
      {isLoading ? <Text className='palm-secondary'>正在查找附近的大厅…</Text> : null}
      {data?.office ? <OfficeCell id='home-nearest-office' office={data.office} /> : null}
      {data?.office ? (
        <Button id='home-take-ticket' isBlock onClick={() => openPage(PAGES.takeTicket, { officeId: data.office?.id })}>
          在这个大厅取号
        </Button>
      ) : null}
      {data && !data.office ? <Text>暂时没有可显示的大厅</Text> : null}
      {data?.isFallback ? (
        <>
          <Text className='home__note'>未获得您的位置，先显示离青石县政务服务中心近的大厅。</Text>
          <Button variant='secondary' isBlock id='home-use-my-position' onClick={useMyPosition}>
            使用我的位置
          </Button>
        </>
      ) : null}
      {isElder ? (
        <Button variant='secondary' isBlock id='home-all-offices' onClick={() => openPage(PAGES.offices)}>
          查看全部大厅
        </Button>
      ) : null}
    </Card>
  );
}
