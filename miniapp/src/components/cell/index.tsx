// One row of a list: title, optional description and value, and a › when it opens something.
// The whole row is the touch target (≥ --palm-target tall).
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { cx, idProps } from '../class-names';
import './index.scss';
import { pressable } from '../pressable';

export interface CellProps {
  title: ReactNode;
  description?: ReactNode;
  value?: ReactNode;
  id?: string;
  /** Shows › : the row opens another page. */
  isLink?: boolean;
  onClick?: () => void;
}

export function Cell({ title, description, value, id, isLink, onClick }: CellProps) {
  return (
    <View {...idProps(id)} className={cx('palm-cell', onClick && 'palm-cell--clickable')} {...(onClick ? pressable(onClick) : {})}>
      <View className='palm-cell__main'>
        <Text className='palm-cell__title'>{title}</Text>
        {description ? <Text className='palm-cell__description'>{description}</Text> : null}
      </View>
      {value ? <View className='palm-cell__value'>{value}</View> : null}
      {isLink ? (
        <Text className='palm-cell__arrow' aria-hidden='true'>
          ›
        </Text>
      ) : null}
    </View>
  );
}
