// A labelled single-line field: the label is visible text *and* the input's accessible name (a
// placeholder alone disappears while typing and is too faint for low vision). Optional trailing
// content sits inside the same box (e.g. 获取验证码). The box is one touch target tall.
import { Input, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  placeholder?: string;
  /** 'number' brings up the digit keyboard on phones; 'idcard' the ID keyboard (digits and X). */
  type?: 'text' | 'number' | 'idcard';
  maxLength?: number;
  trailing?: ReactNode;
}

export function TextField({ id, label, value, onInput, placeholder, type = 'text', maxLength, trailing }: TextFieldProps) {
  return (
    <View className='palm-text-field'>
      <Text className='palm-text-field__label' aria-hidden='true'>
        {label}
      </Text>
      <Input
        id={id}
        className='palm-text-field__input'
        type={type}
        maxlength={maxLength}
        value={value}
        placeholder={placeholder}
        placeholderClass='palm-text-field__placeholder'
        aria-label={label}
        onInput={(event) => onInput(event.detail.value)}
      />
      {trailing}
    </View>
  );
}
