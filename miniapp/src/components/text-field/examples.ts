import type { TextFieldProps } from './index';

export const textFieldExamples: Array<{ name: string; props: TextFieldProps; labels: string[] }> = [
  { name: 'phone', props: { id: 'example-phone', label: '手机号', value: '', type: 'number', maxLength: 11, placeholder: '请输入手机号', onInput: () => undefined }, labels: ['手机号'] },
  { name: 'ID number, filled', props: { id: 'example-id', label: '身份证号', value: '11010519491231002X', type: 'idcard', onInput: () => undefined }, labels: ['身份证号'] },
];
