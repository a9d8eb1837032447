import type { CellProps } from './index';

export const cellExamples: Array<{ name: string; props: CellProps; labels: string[] }> = [
  { name: 'title only', props: { title: '设置' }, labels: ['设置'] },
  {
    name: 'service row',
    props: { title: '社会保障卡申领', description: '青石县人力资源和社会保障局', isLink: true, onClick: () => undefined },
    labels: ['社会保障卡申领', '青石县人力资源和社会保障局', '›'],
  },
  { name: 'with value', props: { title: '手机号', value: '138****0001' }, labels: ['手机号', '138****0001'] },
];
