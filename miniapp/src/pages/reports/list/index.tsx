// 我的反映 (from 我的): each report with its state in words, what it is about and its deadline
// (overdue said in words, not only in colour), newest first, 20 at a time with 加载更多; a row opens
// the report's timeline. While acting for someone (a REPORT grant), that person's reports.
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { useActing } from '../../../api/acting-store';
import { messageOf } from '../../../api/errors';
import { listReports, type Report } from '../../../api/reports';
import { useSession } from '../../../api/session';
import { useLatestRequest } from '../../../api/latest-request';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ErrorState } from '../../../components/error-state';
import { PageShell } from '../../../components/page-shell';
import { SignInNeeded } from '../../../components/sign-in-needed';
import { StatusTag } from '../../../components/status-tag';
import { pressable } from '../../../components/pressable';
import { deadlineWords, statusTone, whenWords } from '../../../features/reports/words';
import { openPage, PAGES } from '../../../lib/routes';
import '../../../components/cell/index.scss';
import '../../../features/reports/styles.scss';

export const aboutLine = (report: Report): string => [report.about.service?.name, report.about.office.name].filter(Boolean).join('，');

export default function ReportListPage() {
  const { isSignedIn } = useSession();
  const { actingFor } = useActing();
  const [rows, setRows] = useState<Report[] | null>(null);
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const beginRequest = useLatestRequest();
  const title = actingFor ? `${actingFor.name} 的反映` : '我的反映';

  const load = async (after?: string) => {
    const isLatest = beginRequest();
    setError(null);
    setIsLoading(true);
    try {
      const page = await listReports(after, { isQuiet: true });
      if (!isLatest()) return;
      setRows((now) => [...(after ? (now ?? []) : []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (failure) {
      if (isLatest()) setError(messageOf(failure));
    } finally {
      if (isLatest()) setIsLoading(false);
    }
  };
  useDidShow(() => {
    if (isSignedIn) void load();
  });

  if (!isSignedIn) {
    return (
      <PageShell title='我的反映'>
        <SignInNeeded id='reports-sign-in' title='登录后可以查看您的反映' />
      </PageShell>
    );
  }

  return (
    <PageShell title={title}>
      {error ? <ErrorState id='reports-error' message={error} onRetry={() => void load(cursor)} /> : null}
      {rows === null && !error ? <Text className='palm-secondary'>正在加载…</Text> : null}
      {rows && rows.length === 0 ? (
        <Text id='reports-empty' className='palm-secondary'>
          还没有反映。在排队号、预约、办事指南或大厅页面点“办不成事？”就可以反映。
        </Text>
      ) : null}
      {rows && rows.length > 0 ? (
        <Card id='reports-list'>
          {rows.map((report, index) => {
            const deadline = deadlineWords(report.deadline);
            return (
              <View key={report.id} id={`reports-${index}`} className='palm-cell palm-cell--clickable' {...pressable(() => openPage(PAGES.report, { id: report.id }))}>
                <View className='palm-cell__main'>
                  <View className='report__tag-row'>
                    <StatusTag id={`reports-${index}-status`} tone={statusTone(report)} text={report.statusWords} detail={report.deadline.overdue ? '已超期' : undefined} />
                  </View>
                  <Text className='palm-cell__title'>{aboutLine(report)}</Text>
                  <Text className='palm-cell__description'>{`${whenWords(report.createdAt)}提交：${report.text.length > 30 ? `${report.text.slice(0, 30)}…` : report.text}`}</Text>
                  {deadline ? (
                    <Text id={`reports-${index}-deadline`} className={report.deadline.overdue ? 'report__deadline report__deadline--overdue' : 'report__deadline'}>
                      {deadline}
                    </Text>
                  ) : null}
                </View>
                <Text className='palm-cell__arrow' aria-hidden='true'>
                  ›
                </Text>
              </View>
            );
          })}
        </Card>
      ) : null}
      {cursor ? (
        <Button id='reports-more' variant='secondary' isBlock isLoading={isLoading} onClick={() => void load(cursor)}>
          加载更多
        </Button>
      ) : null}
    </PageShell>
  );
}
