// An error shown in the page, not as a pop-up: 长辈版 allows no pop-ups (DESIGN.md §4), and an
// inline message stays until it is dealt with. A retryable error (no network, busy server) offers 重试.
import { Text, View } from '@tarojs/components';
import { idProps } from '../class-names';
import { Button } from '../button';
import './index.scss';

export interface ErrorStateProps {
  message: string;
  onRetry?: () => void;
  id?: string;
}

export function ErrorState({ message, onRetry, id }: ErrorStateProps) {
  return (
    <View {...idProps(id)} className='palm-error-state' role='alert'>
      <View className='palm-error-state__body'>
        <Text className='palm-error-state__icon' aria-hidden='true'>
          !
        </Text>
        <Text className='palm-error-state__message'>{message}</Text>
      </View>
      {onRetry ? (
        <Button variant='secondary' className='palm-error-state__retry' onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}
