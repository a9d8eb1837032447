// 反映工作台 (issue 16 item 4), opened from 窗口工作台 or 我的: the 办不成事 cases in the staff
// member's scope sorted by deadline (逾期 / 即将到期 in words and colour) with filters by state,
// class and due; the 整改 cases with their callback form; the figures per office; and for a clerk
// the ratings about their window (never who rated). Clerks see their hall, supervisors their
// region: the BFF decides, the page shows what it gets. H5-first: a window PC (1280 px) and a phone.
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { REPORT_CLASS_LABELS, REPORT_CLASSES, REPORT_STATUS_LABELS, REPORT_STATUSES, type ReportClassKey, type ReportStatusKey } from '@palm/shared';
import type { Me } from '@palm/shared/server';
import { listCases, type CaseFilter, type Report } from '../../../api/desk';
import { messageOf } from '../../../api/errors';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ErrorState } from '../../../components/error-state';
import { PageShell } from '../../../components/page-shell';
import { pressable } from '../../../components/pressable';
import { openPage, STAFF_PAGES } from '../../../lib/routes';
import { Chips } from '../../../components/chips';
import { Figures } from '../figures';
import { isClerk } from '../model';
import { RatingsAboutMe } from '../ratings';
import { Rectifications } from '../rectifications';
import { DueTag, StaffGate } from '../shared';
import '../shared.scss';
import './index.scss';

export type DeskSection = 'cases' | 'rectifications' | 'figures' | 'ratings';
const SECTIONS: ReadonlyArray<{ key: DeskSection; text: string }> = [
  { key: 'cases', text: '反映案件' },
  { key: 'rectifications', text: '整改回访' },
  { key: 'figures', text: '统计' },
  { key: 'ratings', text: '我的窗口评价' },
];

export default function DeskPage() {
  const params = useRouter().params;
  return (
    <PageShell title='反映工作台' className='desk'>
      <StaffGate>{(me) => <Desk me={me} initial={(params.tab as DeskSection | undefined) ?? 'cases'} />}</StaffGate>
    </PageShell>
  );
}

function Desk({ me, initial }: { me: Me; initial: DeskSection }) {
  const sections = SECTIONS.filter((s) => s.key !== 'ratings' || isClerk(me));
  const [section, setSection] = useState<DeskSection>(sections.some((s) => s.key === initial) ? initial : 'cases');
  return (
    <View className='desk-wide'>
      <Chips idPrefix='desk-tab' label='查看' chips={sections} chosen={section} onChoose={setSection} />
      {section === 'cases' ? <CaseList /> : null}
      {section === 'rectifications' ? <Rectifications me={me} /> : null}
      {section === 'figures' ? <Figures /> : null}
      {section === 'ratings' ? <RatingsAboutMe /> : null}
    </View>
  );
}

type All = 'all';
const STATE_CHIPS = [{ key: 'all' as const, text: '全部' }, ...REPORT_STATUSES.map((s) => ({ key: s, text: REPORT_STATUS_LABELS[s] }))];
const CLASS_CHIPS = [{ key: 'all' as const, text: '全部' }, ...REPORT_CLASSES.map((c) => ({ key: c, text: REPORT_CLASS_LABELS[c] }))];
const DUE_CHIPS = [
  { key: 'all' as const, text: '全部' },
  { key: 'overdue' as const, text: '逾期' },
  { key: 'near' as const, text: '即将到期' },
];

export function CaseList() {
  const [state, setState] = useState<ReportStatusKey | All>('all');
  const [cls, setCls] = useState<ReportClassKey | All>('all');
  const [due, setDue] = useState<'overdue' | 'near' | All>('all');
  const [items, setItems] = useState<Report[] | null>(null);
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);

  const filter: CaseFilter = { ...(state !== 'all' ? { state } : {}), ...(cls !== 'all' ? { class: cls } : {}), ...(due !== 'all' ? { due } : {}) };
  const key = JSON.stringify(filter);
  const load = useCallback(
    (from?: string) => {
      // State is set in the answer's callbacks only: an effect runs this (react-hooks/set-state-in-effect).
      listCases({ ...(JSON.parse(key) as CaseFilter), ...(from ? { cursor: from } : {}) }, { isQuiet: true })
        .then((list) => {
          setError(null);
          setItems((had) => (from && had ? [...had, ...list.items] : list.items));
          setCursor(list.nextCursor);
        })
        .catch((failure: unknown) => setError(messageOf(failure)))
        .finally(() => setIsLoading(false));
    },
    [key],
  );
  useEffect(() => load(), [load]);

  return (
    <View id='desk-cases' className='desk-cases'>
      <Card title='筛选'>
        <Chips idPrefix='desk-state' label='状态' chips={STATE_CHIPS} chosen={state} onChoose={setState} />
        <Chips idPrefix='desk-class' label='分类' chips={CLASS_CHIPS} chosen={cls} onChoose={setCls} />
        <Chips idPrefix='desk-due' label='期限' chips={DUE_CHIPS} chosen={due} onChoose={setDue} />
      </Card>
      <Card title={items ? `反映案件（按期限排序，共${items.length}${cursor ? '+' : ''}件）` : '反映案件'}>
        {error ? <ErrorState id='desk-cases-error' message={error} onRetry={() => load()} /> : null}
        {!items && !error ? <Text className='palm-secondary'>正在加载…</Text> : null}
        {items && items.length === 0 ? <Text id='desk-cases-empty'>没有符合条件的案件。</Text> : null}
        {items?.map((report, index) => (
          <View key={report.id} id={`desk-case-${index}`} data-report-id={report.id} className='desk-row' {...pressable(() => openPage(STAFF_PAGES.deskCase, { id: report.id }), 'link')}>
            <View className='desk-row__head'>
              <Text className='desk-row__title'>{report.statusWords}</Text>
              {report.classWords ? <Text>{report.classWords}</Text> : null}
              <Text className='palm-secondary'>{report.assignedOffice?.name ?? report.about.office.name}</Text>
              {report.escalationLevel > 0 ? <Text className='palm-secondary'>已督办升级{report.escalationLevel}级</Text> : null}
            </View>
            <Text className='desk-case__text'>{report.text}</Text>
            <DueTag deadline={report.deadline} id={`desk-case-${index}-due`} />
          </View>
        ))}
        {cursor ? (
          <Button id='desk-cases-more' variant='secondary' isBlock isLoading={isLoading} onClick={() => {
              setIsLoading(true);
              load(cursor);
            }}>
            加载更多
          </Button>
        ) : null}
      </Card>
    </View>
  );
}
