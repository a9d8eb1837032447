// A labelled single-line field: the label is visible text *and* the input's accessible name (a
// placeholder alone disappears while typing and is too faint for low vision). The label sits above
// the box, so the input keeps the full width even at 长辈版 sizes; optional trailing content (e.g.
// 获取验证码) shares the box and moves under the input when both do not fit.
import { Input, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useRenderedInputValue } from '../rendered-input';
import './index.scss';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  placeholder?: string;
  /**
   * 'number' brings up the digit keyboard on phones; 'idcard' the ID keyboard (digits and X); 'tel' a
   * phone number: the digit keyboard in the mini-programs, an `<input type=tel>` on H5 (a number input
   * there would add spinner arrows and treat the phone as a quantity).
   */
  type?: 'text' | 'number' | 'idcard' | 'tel';
  maxLength?: number;
  trailing?: ReactNode;
}

/** Taro's Input passes an unknown type straight to the H5 `<input>`; the mini-programs have no 'tel'. */
function inputType(type: NonNullable<TextFieldProps['type']>): 'text' | 'number' | 'idcard' {
  if (type !== 'tel') return type;
  return process.env.TARO_ENV === 'h5' ? ('tel' as 'text') : 'number';
}

export function TextField({ id, label, value, onInput, placeholder, type = 'text', maxLength, trailing }: TextFieldProps) {
  const [shownValue, inputRef] = useRenderedInputValue(value);
  return (
    <View className='palm-text-field'>
      <Text className='palm-text-field__label' aria-hidden='true'>
        {label}
      </Text>
      <View className='palm-text-field__box'>
        <Input
          ref={inputRef}
          id={id}
          className='palm-text-field__input'
          type={inputType(type)}
          maxlength={maxLength}
          value={shownValue}
          placeholder={placeholder}
          placeholderClass='palm-text-field__placeholder'
          aria-label={label}
          // On H5 the field is an <input> inside Taro's <taro-input-core>: the name must be on it too.
          nativeProps={process.env.TARO_ENV === 'h5' ? { 'aria-label': label } : undefined}
          onInput={(event) => onInput(event.detail.value)}
        />
        {trailing}
      </View>
    </View>
  );
}
