// Where to go: the three halls offering the service nearest the person (or, without their
// position, the county centre's order), open or closed in words, each one tap from its page; then
// one link to all of them on the halls list, filtered by the service. The list itself lives there.
import { Text } from '@tarojs/components';
import type { ServiceGuide } from '@palm/shared/server';
import { Cell } from '../../components/cell';
import { StatusTag } from '../../components/status-tag';
import { formatDistance, joinFacts } from '../../lib/format';
import { openPage, PAGES } from '../../lib/routes';

/** How many halls the guide itself shows. */
export const NEAREST_SHOWN = 3;

export interface GuideOfficesProps {
  serviceId: string;
  offices: ServiceGuide['offices'];
  isBrief: boolean;
  /** The position is the county centre standing in for an unknown one. */
  isFallback: boolean;
}

export function GuideOffices({ serviceId, offices, isBrief, isFallback }: GuideOfficesProps) {
  if (offices.length === 0) return <Text>请咨询县政务服务中心</Text>;
  const nearest = offices.slice(0, NEAREST_SHOWN);
  return (
    <>
      {offices.length > NEAREST_SHOWN ? (
        <Text id='service-offices-order' className='guide__small'>
          {isFallback ? `未获得您的位置，先列出离县政务服务中心近的 ${NEAREST_SHOWN} 个` : `离您最近的 ${NEAREST_SHOWN} 个`}
        </Text>
      ) : null}
      {nearest.map((office, index) => (
        <Cell
          key={office.id}
          id={`guide-office-${index}`}
          title={office.name}
          description={isBrief ? formatDistance(office.distanceMeters) || undefined : joinFacts(formatDistance(office.distanceMeters), office.address)}
          value={<StatusTag tone={office.isOpen ? 'open' : 'closed'} text={office.isOpen ? '营业中' : '休息中'} />}
          isLink
          onClick={() => openPage(PAGES.office, { id: office.id })}
        />
      ))}
      {offices.length > NEAREST_SHOWN ? (
        <Cell id='service-all-offices' title={`查看全部 ${offices.length} 个大厅`} isLink onClick={() => openPage(PAGES.offices, { serviceId })} />
      ) : null}
    </>
  );
}
