import type { SearchBarProps } from './index';

const noop = () => undefined;

export const searchBarExamples: Array<{ name: string; props: SearchBarProps; labels: string[] }> = [
  { name: 'empty', props: { value: '', onInput: noop, onSearch: noop }, labels: ['搜索'] },
  { name: 'with text', props: { value: '社保', onInput: noop, onSearch: noop, inputId: 'service-search' }, labels: ['搜索', '清除'] },
];
