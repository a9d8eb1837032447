// A labelled search field with a visible 搜索 button (the keyboard's search key is easy to miss)
// and 清除 once there is text.
import { Input, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { useElderMode } from '../../theme/elder-store';
import { Button } from '../button';
import './index.scss';

export interface SearchBarProps {
  value: string;
  onInput: (value: string) => void;
  onSearch: (value: string) => void;
  placeholder?: string;
  /** id of the text field; the 搜索 button gets `<inputId>-submit`. */
  inputId?: string;
  isFocused?: boolean;
}

export function SearchBar({ value, onInput, onSearch, placeholder, inputId = 'search-input', isFocused }: SearchBarProps) {
  const isElder = useElderMode();
  const isReady = useInputReady(inputId);
  // 长辈版 text is larger, so the hint is shorter to stay whole on one line.
  const hint = placeholder ?? (isElder ? '输入要办的事' : '搜索办事服务，如：社保卡');
  return (
    <View className='palm-search-bar' role='search'>
      <Input
        id={inputId}
        className='palm-search-bar__input'
        type='text'
        confirmType='search'
        value={isReady ? value : undefined}
        focus={isFocused}
        placeholder={hint}
        placeholderClass='palm-search-bar__placeholder'
        aria-label='搜索办事服务'
        onInput={(event) => onInput(event.detail.value)}
        onConfirm={(event) => onSearch(event.detail.value)}
      />
      {value ? (
        <Button variant='text' className='palm-search-bar__clear' onClick={() => onInput('')}>
          清除
        </Button>
      ) : null}
      <Button id={`${inputId}-submit`} className='palm-search-bar__submit' onClick={() => onSearch(value)}>
        搜索
      </Button>
    </View>
  );
}

/**
 * Taro's H5 input is a web component that loads after React mounts it; a `value` set before it has
 * loaded makes its watcher read an input that does not exist yet (a TypeError in the console, seen
 * when a search is carried over to the 办事 page). On H5 the value is given once it has loaded; the
 * mini-programs' native input has no such gap.
 */
function useInputReady(inputId: string): boolean {
  // Only Taro's H5 web component has the gap (component stand-ins in unit tests do not).
  const [isReady, setReady] = useState(
    () => process.env.TARO_ENV !== 'h5' || typeof customElements === 'undefined' || !customElements.get('taro-input-core'),
  );
  useEffect(() => {
    if (isReady) return;
    let isCurrent = true;
    const element = document.getElementById(inputId) as (HTMLElement & { componentOnReady?: () => Promise<unknown> }) | null;
    const loaded = element?.componentOnReady ? element.componentOnReady() : Promise.resolve();
    void loaded.then(() => {
      if (isCurrent) setReady(true);
    });
    return () => {
      isCurrent = false;
    };
  }, [inputId, isReady]);
  return isReady;
}
