// The guide ends in one bar that stays at the bottom of the screen while the guide scrolls: its
// buttons are the service's real channels (describeHandling), the main one filled, the others
// outlined. 在线办 opens the online channel's explanation above the buttons, in the page — Palm
// takes no online application, so it says where that is done rather than pretending.
// Sticky, not fixed: the bar keeps its own place at the end of the page, so nothing is ever left
// hidden beneath it, and it works the same in WeChat, Alipay and H5 (index.scss).
import { Text, View } from '@tarojs/components';
import { HANDLING_ACTION_LABELS, type Handling, type HandlingAction } from '@palm/shared';
import type { ServiceGuide } from '@palm/shared/server';
import { useState } from 'react';
import { Button } from '../../components/button';
import { cx } from '../../components/class-names';
import { openAction } from './actions';

export function ActionBar({ guide, handling }: { guide: Pick<ServiceGuide, 'id' | 'offices'>; handling: Handling }) {
  const [isOnlineShown, setIsOnlineShown] = useState(false);
  if (handling.actions.length === 0) return null;
  const tap = (action: HandlingAction) => (action === 'ONLINE' ? setIsOnlineShown((shown) => !shown) : openAction(action, guide));
  return (
    <View id='service-actions' className='guide-bar' role='group' aria-label='办理入口'>
      {isOnlineShown && handling.online ? (
        <View id='service-online' className='guide-bar__online' role='region' aria-label='网上办理'>
          <Text className='guide-bar__online-title'>网上办理</Text>
          {handling.online.map((line) => (
            <Text key={line} className='guide-bar__online-line'>
              {line}
            </Text>
          ))}
          <Button id='service-online-close' variant='text' onClick={() => setIsOnlineShown(false)}>
            收起
          </Button>
        </View>
      ) : null}
      <View className='guide-bar__buttons'>
        {handling.actions.map((action) => (
          <Button
            key={action}
            id={`service-action-${action.toLowerCase()}`}
            variant={action === handling.primary ? 'primary' : 'secondary'}
            className={cx('guide-bar__button', action === handling.primary && 'guide-bar__button--primary')}
            isExpanded={action === 'ONLINE' ? isOnlineShown : undefined}
            onClick={() => tap(action)}
          >
            {HANDLING_ACTION_LABELS[action]}
          </Button>
        ))}
      </View>
    </View>
  );
}
