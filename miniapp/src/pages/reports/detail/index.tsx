// 一件反映 (?id=): its state in words, what it is about, the deadline from the server (overdue in
// words), its photos, and the timeline — each step with who (您 / 代办人 / 工作人员 / 系统), when and the note.
// The reporter may 满意，结案 once it is resolved, 重新打开 once within 15 days of the resolution
// (confirmed in the page), and rate the resolution — or, for a report made from a rating, rate the
// handling again. Errors in the page, never a pop-up.
import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { messageOf } from '../../../api/errors';
import { closeReport, getReport, listPendingRatings, reopenReport, type RatingPending, type Report } from '../../../api/reports';
import { useSession } from '../../../api/session';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ErrorState } from '../../../components/error-state';
import { PageShell } from '../../../components/page-shell';
import { SignInNeeded } from '../../../components/sign-in-needed';
import { StatusTag } from '../../../components/status-tag';
import { cx } from '../../../components/class-names';
import { openRatingSheet } from '../../../features/reports/open';
import { ReportPhotos } from '../../../features/reports/photos';
import { deadlineWords, statusTone, TARGET_WORDS, whenWords } from '../../../features/reports/words';
import { openPage, PAGES } from '../../../lib/routes';
import '../../../features/reports/styles.scss';

/**
 * The ratings waiting that belong to this report: its own, or — for a report made from a rating —
 * the rated handling again after the fix, which the BFF offers as ended when this report was resolved.
 */
export function ratingsFor(report: Report, pending: RatingPending[]): RatingPending[] {
  const resolvedAt = report.steps.filter((step) => step.to === 'RESOLVED').map((step) => Date.parse(step.at));
  return pending.filter(
    (p) =>
      (p.targetType === 'REPORT' && p.targetId === report.id) ||
      (p.round > 1 &&
        ((p.targetType === 'TICKET' && p.targetId === report.about.ticketId) ||
          (p.targetType === 'APPOINTMENT' && p.targetId === report.about.appointmentId) ||
          (report.about.ratingId !== null && p.targetType !== 'REPORT' && resolvedAt.includes(Date.parse(p.finishedAt))))),
  );
}

type Busy = 'close' | 'reopen' | null;

export default function ReportDetailPage() {
  const { id = '', created } = useRouter().params;
  const { isSignedIn } = useSession();
  const [report, setReport] = useState<Report | null>(null);
  const [pending, setPending] = useState<RatingPending[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [isConfirmingReopen, setIsConfirmingReopen] = useState(false);
  const [done, setDone] = useState<string | null>(created ? '已提交，工作人员会尽快处理。' : null);

  const load = () => {
    setError(null);
    getReport(id, { isQuiet: true }).then(setReport, (failure: unknown) => setError(messageOf(failure)));
    listPendingRatings({ isQuiet: true }).then(
      (list) => setPending(list.items ?? []),
      () => setPending([]),
    );
  };
  useDidShow(() => {
    if (isSignedIn) load();
  });

  const run = async (what: Exclude<Busy, null>) => {
    setActionError(null);
    setDone(null);
    setBusy(what);
    try {
      const after = await (what === 'close' ? closeReport(id, { isQuiet: true }) : reopenReport(id, undefined, { isQuiet: true }));
      setReport(after);
      setIsConfirmingReopen(false);
      setDone(what === 'close' ? '已结案，感谢您的反馈。' : '已重新打开，工作人员会再次处理。');
      load();
    } catch (failure) {
      setActionError(messageOf(failure));
    } finally {
      setBusy(null);
    }
  };

  if (!isSignedIn) {
    return (
      <PageShell title='反映详情'>
        <SignInNeeded id='report-sign-in' title='登录后可以查看反映' />
      </PageShell>
    );
  }

  const deadline = report ? deadlineWords(report.deadline) : null;
  const canClose = report ? report.status === 'RESOLVED' || report.status === 'CONFIRMED' : false;
  const toRate = report ? ratingsFor(report, pending) : [];
  const steps = report ? [...report.steps].sort((a, b) => a.at.localeCompare(b.at)) : [];

  return (
    <PageShell title='反映详情'>
      {error ? <ErrorState id='report-error' message={error} onRetry={load} /> : null}
      {!report && !error ? <Text className='palm-secondary'>正在加载…</Text> : null}
      {done ? (
        <View id='report-done' className='palm-stack' role='status'>
          <Text className='report__line'>{`✓ ${done}`}</Text>
        </View>
      ) : null}
      {report ? (
        <>
          <Card id='report-summary' title={[report.about.service?.name, report.about.office.name].filter(Boolean).join('，')}>
            <View className='palm-stack'>
              <View className='report__tag-row'>
                <StatusTag id='report-status' tone={statusTone(report)} text={report.statusWords} detail={report.classWords ?? undefined} />
              </View>
              {deadline ? (
                <Text id='report-deadline' className={cx('report__deadline', report.deadline.overdue && 'report__deadline--overdue')}>
                  {`${report.deadline.overdue ? '！' : ''}${deadline}`}
                </Text>
              ) : null}
              {report.escalationLevel > 0 ? <Text id='report-escalated' className='report__line'>已超期，已报上级督办。</Text> : null}
              <Text id='report-text' className='report__line'>{`您反映的问题：${report.text}`}</Text>
              {report.resolution ? <Text id='report-resolution' className='report__line'>{`处理结果：${report.resolution}`}</Text> : null}
              {report.assignedOffice ? <Text className='report__line palm-secondary'>{`承办：${report.assignedOffice.name}`}</Text> : null}
            </View>
          </Card>
          <ReportPhotos photos={report.photos} />
          <Card id='report-timeline' title='办理进展'>
            <View className='report__timeline' role='list' aria-label='办理进展'>
              {steps.map((step, index) => (
                <View key={`${step.at}-${index}`} id={`report-step-${index}`} role='listitem' className={cx('report__step', index === steps.length - 1 && 'report__step--latest')}>
                  <View className='report__step-dot' aria-hidden='true' />
                  <Text className='report__step-title'>{`${index === steps.length - 1 ? '最新：' : ''}${step.words}`}</Text>
                  <Text className='report__line palm-secondary'>
                    <Text className='palm-whole'>{`${whenWords(step.at)}，`}</Text>
                    <Text className='palm-whole'>{step.by}</Text>
                  </Text>
                  {step.note ? <Text className='report__line'>{`说明：${step.note}`}</Text> : null}
                </View>
              ))}
            </View>
          </Card>
          {actionError ? <ErrorState id='report-action-error' message={actionError} /> : null}
          {toRate.map((item, index) => (
            <Button
              key={`${item.targetType}-${item.round}`}
              id={`report-rate-${index}`}
              isBlock
              onClick={() => openRatingSheet({ targetType: item.targetType, targetId: item.targetId, what: item.targetType === 'REPORT' ? TARGET_WORDS.REPORT : `整改后再评价：${TARGET_WORDS[item.targetType]}`, officeName: item.officeName, serviceName: item.serviceName ?? undefined })}
            >
              {item.targetType === 'REPORT' ? '评价处理结果' : '整改后再评价一次'}
            </Button>
          ))}
          {canClose ? (
            <Button id='report-close' variant='secondary' isBlock isLoading={busy === 'close'} onClick={() => void run('close')}>
              问题已解决，结案
            </Button>
          ) : null}
          {report.canReopen && !isConfirmingReopen ? (
            <Button id='report-reopen' variant='secondary' isBlock onClick={() => setIsConfirmingReopen(true)}>
              问题没解决，重新打开
            </Button>
          ) : null}
          {report.canReopen && isConfirmingReopen ? (
            <Card id='report-reopen-confirm' title='确定重新打开吗？' isNotice>
              <View className='palm-stack'>
                <Text>每件反映只能重新打开一次，打开后会重新计算办理期限。</Text>
                <Button id='report-reopen-yes' isBlock isLoading={busy === 'reopen'} onClick={() => void run('reopen')}>
                  确定重新打开
                </Button>
                <Button id='report-reopen-no' variant='secondary' isBlock onClick={() => setIsConfirmingReopen(false)}>
                  不用了
                </Button>
              </View>
            </Card>
          ) : null}
          {report.reopened && !report.canReopen && (report.status === 'RESOLVED' || report.status === 'CONFIRMED') ? (
            <Text id='report-reopen-used' className='palm-secondary'>
              这件反映已重新打开过一次；如仍有问题，请新提交反映。
            </Text>
          ) : null}
          <Button id='report-all' variant='text' isBlock onClick={() => openPage(PAGES.reports)}>
            我的全部反映
          </Button>
        </>
      ) : null}
    </PageShell>
  );
}
