// A white panel grouping one topic: optional heading and an action on its right.
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { cx, idProps } from '../class-names';
import './index.scss';

export interface CardProps {
  title?: ReactNode;
  extra?: ReactNode;
  children?: ReactNode;
  id?: string;
  /** A notice (the 长辈版 offer): tinted background, and the heading says what it is. */
  isNotice?: boolean;
  onClick?: () => void;
}

export function Card({ title, extra, children, id, isNotice, onClick }: CardProps) {
  return (
    <View {...idProps(id)} className={cx('palm-card', isNotice && 'palm-card--notice')} onClick={onClick}>
      {title || extra ? (
        <View className='palm-card__header'>
          {title ? <Text className='palm-card__title'>{title}</Text> : null}
          {extra ? <View className='palm-card__extra'>{extra}</View> : null}
        </View>
      ) : null}
      {children}
    </View>
  );
}
