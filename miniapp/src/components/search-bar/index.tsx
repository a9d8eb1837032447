// A labelled search field with a visible 搜索 button (the keyboard's search key is easy to miss)
// and 清除 once there is text.
import { Input, View } from '@tarojs/components';
import { useElderMode } from '../../theme/elder-store';
import { Button } from '../button';
import './index.scss';

export interface SearchBarProps {
  value: string;
  onInput: (value: string) => void;
  onSearch: (value: string) => void;
  placeholder?: string;
  /** The field's name for screen readers (the placeholder is only a hint). */
  label?: string;
  /** id of the text field; the 搜索 button gets `<inputId>-submit`. */
  inputId?: string;
  isFocused?: boolean;
}

export function SearchBar({ value, onInput, onSearch, placeholder, label = '搜索办事服务', inputId = 'search-input', isFocused }: SearchBarProps) {
  const isElder = useElderMode();
  // 长辈版 text is larger, so the hint is shorter to stay whole on one line.
  const hint = placeholder ?? (isElder ? '输入要办的事' : '搜索办事服务，如：社保卡');
  return (
    <View className='palm-search-bar' role='search'>
      <Input
        id={inputId}
        className='palm-search-bar__input'
        type='text'
        confirmType='search'
        value={value}
        focus={isFocused}
        placeholder={hint}
        placeholderClass='palm-search-bar__placeholder'
        aria-label={label}
        // On H5 the field is an <input> inside Taro's <taro-input-core>: the name must be on it.
        nativeProps={process.env.TARO_ENV === 'h5' ? { 'aria-label': label } : undefined}
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
