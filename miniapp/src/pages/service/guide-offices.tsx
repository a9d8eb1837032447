// Halls that offer the service, nearest first, open or closed in words.
import { Text } from '@tarojs/components';
import type { ServiceGuide } from '@palm/shared/server';
import { Cell } from '../../components/cell';
import { StatusTag } from '../../components/status-tag';
import { formatDistance, joinFacts } from '../../lib/format';
import { openPage, PAGES } from '../../lib/routes';

export function GuideOffices({ offices, isBrief }: { offices: ServiceGuide['offices']; isBrief: boolean }) {
  if (offices.length === 0) return <Text>请咨询县政务服务中心</Text>;
  return (
    <>
      {offices.map((office, index) => (
        <Cell
          key={office.id}
          id={`guide-office-${index}`}
          title={office.name}
          description={isBrief ? formatDistance(office.distanceMeters) : joinFacts(formatDistance(office.distanceMeters), office.address)}
          value={<StatusTag tone={office.isOpen ? 'open' : 'closed'} text={office.isOpen ? '营业中' : '休息中'} />}
          isLink
          onClick={() => openPage(PAGES.office, { id: office.id })}
        />
      ))}
    </>
  );
}
