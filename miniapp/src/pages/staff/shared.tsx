// Pieces both desk pages use: the sign-in / role gate and a deadline's tag in words and colour.
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { Me } from '@palm/shared/server';
import { cx } from '../../components/class-names';
import { RoleGate } from '../../components/role-gate';
import type { Report } from '../../api/desk';
import { dueOf, isStaff } from './model';

/** Staff only: a citizen is told in words and nothing is loaded. */
export function StaffGate({ children }: { children: (me: Me) => ReactNode }) {
  return (
    <RoleGate idPrefix='desk' signInWords='反映工作台供大厅工作人员和主管使用' noAccessWords='反映工作台由大厅工作人员和主管使用。您的反映请在“我的”中查看。' allows={isStaff}>
      {children}
    </RoleGate>
  );
}

/** 逾期 / 即将到期 in words and colour, then the deadline itself. */
export function DueTag({ deadline, id }: { deadline: Report['deadline']; id?: string }) {
  const due = dueOf(deadline);
  if (due.tone === 'none') return null;
  return (
    <View id={id} className={cx('desk-due', `desk-due--${due.tone}`)}>
      {due.label ? <Text className='desk-due__label'>{due.tone === 'overdue' ? '⚠ ' : ''}{due.label}</Text> : null}
      <Text className='desk-due__words'>{due.words}</Text>
    </View>
  );
}
