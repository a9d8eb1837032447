// One hall in a list: name, open or closed in words, distance, today's hours.
import { Text, View } from '@tarojs/components';
import { idProps } from '../class-names';
import type { OfficeSummary } from '@palm/shared/server';
import { StatusTag } from '../status-tag';
import { Hours } from '../hours';
import { formatDistance, officeStatus } from '../../lib/format';
import { openPage, PAGES } from '../../lib/routes';
import './index.scss';
import { pressable } from '../pressable';

export interface OfficeCellProps {
  office: OfficeSummary;
  id?: string;
}

export function OfficeCell({ office, id }: OfficeCellProps) {
  const status = officeStatus(office);
  const distance = formatDistance(office.distanceMeters);
  return (
    <View {...idProps(id)} className='palm-office-cell' {...pressable(() => openPage(PAGES.office, { id: office.id }))}>
      <View className='palm-office-cell__header'>
        <Text className='palm-office-cell__name'>{office.name}</Text>
        {distance ? <Text className='palm-office-cell__distance'>{distance}</Text> : null}
      </View>
      <StatusTag tone={status.tone} text={status.text} detail={status.detail} />
      <Text className='palm-office-cell__line'>
        今日：
        <Hours hours={office.todayHours} />
      </Text>
      <Text className='palm-office-cell__line'>{office.address}</Text>
    </View>
  );
}
