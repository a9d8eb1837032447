// 大厅设置 (issue 17 item 2): a hall's weekly hours (checked as typed: HH:mm, closes after opens, in
// order) and its dated closures / special hours — the list from today on, adding one after a
// confirmation that says what it will do (that day's bookings cancelled and each person told), and
// deleting one. Admins any hall (?id=), a hall manager their own; the BFF's refusals are shown in
// its words. On a desktop the hours and the closures sit side by side.
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { Me } from '@palm/shared/server';
import { addOfficeException, getAdminOffice, patchAdminOffice, removeOfficeException, type AdminException, type AdminOffice } from '../../../api/admin';
import { useApi } from '../../../api/use-api';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { Cell } from '../../../components/cell';
import { ChoiceList } from '../../../components/choice-list';
import { ErrorState } from '../../../components/error-state';
import { PageShell } from '../../../components/page-shell';
import { StatusTag } from '../../../components/status-tag';
import { TextField } from '../../../components/text-field';
import { ADMIN_PAGES, openPage } from '../../../lib/routes';
import { serverToday } from '../../../lib/server-clock';
import { previewOfficeException } from '../../../api/admin-hall';
import { exceptionBody, exceptionConsequence, exceptionProblems, hoursText, isAdmin, parseDayHours, WEEKDAY_WORDS, WEEKDAYS, type DayHours, type ExceptionDraft, type Weekday } from '../model';
import { AdminGate, Confirm, Done, Problem, useAction } from '../shared';
import '../shared.scss';

export default function AdminOfficePage() {
  const params = useRouter().params;
  return (
    <PageShell title='大厅设置'>
      <AdminGate>{(me) => <OfficeConsole id={params.id || me.officeId || ''} me={me} />}</AdminGate>
    </PageShell>
  );
}

function OfficeConsole({ id, me }: { id: string; me: Me }) {
  const office = useApi(id ? () => getAdminOffice(id, { isQuiet: true }) : null, [id]);
  // Saved changes answer with the hall as it is now: shown in place of the first read.
  const [saved, setSaved] = useState<AdminOffice | null>(null);
  const shown = saved ?? office.data;
  if (!id) return <ErrorState id='admin-office-none' message='没有指定大厅，请从管理后台选择。' />;
  if (office.error) return <ErrorState id='admin-office-error' message={office.error.message} onRetry={office.reload} />;
  if (!shown) return <Text className='palm-secondary'>正在加载…</Text>;
  return (
    <View>
      <Text id='admin-office-name' className='palm-section-title'>
        {shown.name}
      </Text>
      <Card>
        <Cell id='admin-office-windows' title='窗口管理' description='新增、改名、停用窗口，办理的业务类别，负责的工作人员' isLink onClick={() => openPage(ADMIN_PAGES.adminWindows, { id: shown.id })} />
        {isAdmin(me) ? <Cell id='admin-office-profile' title='大厅信息' description='名称、地址、咨询电话和办理事项' isLink onClick={() => openPage(ADMIN_PAGES.adminProfile, { id: shown.id })} /> : null}
        <Cell id='admin-office-queue' title='排队设置' description='叫号提醒、优先号规则、每天远程取号量' isLink onClick={() => openPage(ADMIN_PAGES.adminQueue, { id: shown.id })} />
        <Cell id='admin-office-slots' title='预约号源' description='每周预约时间、午休、每个号源人数、放号时间' isLink onClick={() => openPage(ADMIN_PAGES.adminSlots, { id: shown.id })} />
      </Card>
      <View className='admin-wide'>
        <WeeklyHoursCard office={shown} onSaved={setSaved} />
        <View>
          <ExceptionList office={shown} onChanged={() => getAdminOffice(id, { isQuiet: true }).then(setSaved, () => office.reload())} />
          <AddException officeId={id} onAdded={() => getAdminOffice(id, { isQuiet: true }).then(setSaved, () => office.reload())} />
        </View>
      </View>
    </View>
  );
}

function WeeklyHoursCard({ office, onSaved }: { office: AdminOffice; onSaved: (office: AdminOffice) => void }) {
  const [texts, setTexts] = useState<Record<Weekday, string>>(() => Object.fromEntries(WEEKDAYS.map((d) => [d, hoursText(office.weeklyHours[d])])) as Record<Weekday, string>);
  const action = useAction();
  const parsed = Object.fromEntries(WEEKDAYS.map((d) => [d, parseDayHours(texts[d])])) as Record<Weekday, { hours: DayHours; problem: string | null }>;
  const hasProblem = WEEKDAYS.some((d) => parsed[d].problem);
  const isChanged = WEEKDAYS.some((d) => JSON.stringify(parsed[d].hours) !== JSON.stringify(office.weeklyHours[d]));

  const save = () => {
    const weeklyHours = Object.fromEntries(WEEKDAYS.map((d) => [d, parsed[d].hours])) as AdminOffice['weeklyHours'];
    action.run(
      () => patchAdminOffice(office.id, { weeklyHours }, { isQuiet: true }),
      (next) => {
        onSaved(next);
        return '每周办公时间已保存；不再开放的时段已停止预约，已有预约保留。';
      },
    );
  };

  return (
    <Card id='admin-hours' title='每周办公时间'>
      <Text className='palm-secondary'>每天写一段或几段，例如 09:00-12:00，13:30-17:30；空着表示这天不办公。</Text>
      <View className='palm-spacer' />
      {WEEKDAYS.map((day) => (
        <View key={day}>
          <TextField id={`admin-hours-${day}`} label={`${WEEKDAY_WORDS[day]}${parsed[day].hours.length === 0 && !parsed[day].problem ? '（不办公）' : ''}`} value={texts[day]} onInput={(value) => {
              action.clear();
              setTexts((had) => ({ ...had, [day]: value }));
            }} />
          <Problem id={`admin-hours-${day}-problem`} text={parsed[day].problem} />
        </View>
      ))}
      {action.error ? <ErrorState id='admin-hours-error' message={action.error} /> : null}
      <Button id='admin-hours-save' isBlock isDisabled={hasProblem || !isChanged} isLoading={action.isBusy} onClick={save}>
        {hasProblem ? '请先改正上面标出的时间' : '保存每周办公时间'}
      </Button>
      <Done id='admin-hours-done' text={action.done} />
    </Card>
  );
}


function ExceptionList({ office, onChanged }: { office: AdminOffice; onChanged: () => void }) {
  const [deleting, setDeleting] = useState<AdminException | null>(null);
  const action = useAction();
  const remove = (exception: AdminException) =>
    action.run(
      () => removeOfficeException(office.id, exception.id, { isQuiet: true }),
      () => {
        setDeleting(null);
        onChanged();
        return `已删除 ${exception.date} 的特别安排，这一天恢复平常的办公时间。`;
      },
    );
  return (
    <Card id='admin-exceptions' title='闭厅日和特别办公时间'>
      {office.exceptions.length === 0 ? <Text id='admin-exceptions-empty'>今天以后没有特别安排。</Text> : null}
      {office.exceptions.map((exception, index) => (
        <View key={exception.id} id={`admin-exception-${index}`} data-exception-date={exception.date} className='admin-row'>
          <View className='admin-row__main'>
            <Text className='admin-row__title'>{exception.date}</Text>
            <StatusTag tone={exception.closed ? 'closed' : 'notice'} text={exception.closed ? '全天闭厅' : '特别办公时间'} detail={exception.closed ? undefined : hoursText(exception.hours ?? []) || '按平常时间'} />
            {exception.reason ? <Text className='palm-secondary'>{`原因：${exception.reason}`}</Text> : null}
          </View>
          <Button id={`admin-exception-${index}-delete`} variant='secondary' isDisabled={action.isBusy} onClick={() => setDeleting(exception)}>
            删除
          </Button>
        </View>
      ))}
      {deleting ? (
        <Confirm
          idPrefix='admin-exception-delete'
          title={`删除 ${deleting.date} 的特别安排？`}
          words={`删除后，${deleting.date} 恢复平常的办公时间，市民可以重新预约和取号。已取消的预约不会恢复。`}
          confirmText='确认删除'
          isDanger
          isBusy={action.isBusy}
          onConfirm={() => remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
      {action.error ? <ErrorState id='admin-exceptions-error' message={action.error} /> : null}
      <Done id='admin-exceptions-done' text={action.done} />
    </Card>
  );
}

const MODES = [
  { id: 'closed', title: '全天闭厅', detail: '这一天不办公' },
  { id: 'hours', title: '特别办公时间', detail: '这一天只在下面的时间办公' },
];
const EMPTY: ExceptionDraft = { date: '', mode: 'closed', opens: '', closes: '', reason: '' };

function AddException({ officeId, onAdded }: { officeId: string; onAdded: () => void }) {
  const [draft, setDraft] = useState<ExceptionDraft>(EMPTY);
  const [touched, setTouched] = useState<Partial<Record<keyof ExceptionDraft, boolean>>>({});
  // The bookings the change would cancel (the BFF's preview); the confirmation shows once it is known.
  const [affected, setAffected] = useState<number | null>(null);
  const action = useAction();
  const previewing = useAction();
  const problems = exceptionProblems(draft, serverToday());
  const isValid = Object.keys(problems).length === 0;
  const edit = (patch: Partial<ExceptionDraft>) => {
    setDraft((had) => ({ ...had, ...patch }));
    setTouched((had) => ({ ...had, ...Object.fromEntries(Object.keys(patch).map((k) => [k, true])) }));
    setAffected(null);
    action.clear();
    previewing.clear();
  };
  // A problem shows once its field was typed in, or after 检查 was pressed on the whole form.
  const shows = (field: keyof ExceptionDraft) => touched[field] ?? false;

  const save = () => {
    action.run(
      () => addOfficeException(officeId, exceptionBody(draft), { isQuiet: true }),
      (result) => {
        setDraft(EMPTY);
        setTouched({});
        setAffected(null);
        onAdded();
        const cancelled = result.appointmentsCancelled > 0 ? `取消了该日 ${result.appointmentsCancelled} 个预约，并已通知预约人。` : '该日没有需要取消的预约。';
        return `已保存 ${draft.date} 的${draft.mode === 'closed' ? '闭厅' : '特别办公时间'}。${cancelled}`;
      },
      () => setAffected(null),
    );
  };

  return (
    <Card id='admin-add-exception' title='添加闭厅日或特别办公时间'>
      <TextField id='admin-exception-date' label='日期（年-月-日）' value={draft.date} placeholder='例如 2026-12-25' maxLength={10} onInput={(date) => edit({ date: date.trim() })} />
      <Problem id='admin-exception-date-problem' text={shows('date') ? problems.date : null} />
      <ChoiceList idPrefix='admin-exception-mode' label='这一天' choices={MODES} chosenId={draft.mode} onChoose={(mode) => edit({ mode: mode as ExceptionDraft['mode'] })} />
      <View className='palm-spacer' />
      {draft.mode === 'hours' ? (
        <>
          <TextField id='admin-exception-opens' label='开始时间（例如 09:00）' value={draft.opens} placeholder='09:00' maxLength={5} onInput={(opens) => edit({ opens: opens.trim() })} />
          <TextField id='admin-exception-closes' label='结束时间（例如 12:00）' value={draft.closes} placeholder='12:00' maxLength={5} onInput={(closes) => edit({ closes: closes.trim() })} />
          <Problem id='admin-exception-hours-problem' text={shows('opens') && shows('closes') ? problems.hours : null} />
        </>
      ) : null}
      <TextField id='admin-exception-reason' label='原因（市民会看到）' value={draft.reason} placeholder='例如 停电检修' maxLength={100} onInput={(reason) => edit({ reason })} />
      <Problem id='admin-exception-reason-problem' text={shows('reason') ? problems.reason : null} />
      {action.error ? <ErrorState id='admin-exception-error' message={action.error} /> : null}
      {previewing.error ? <ErrorState id='admin-exception-preview-error' message={previewing.error} /> : null}
      {affected !== null && isValid ? (
        <Confirm
          idPrefix='admin-exception'
          title='保存前请确认'
          words={exceptionConsequence(draft, affected)}
          confirmText='确认保存'
          isDanger={draft.mode === 'closed'}
          isBusy={action.isBusy}
          onConfirm={save}
          onCancel={() => setAffected(null)}
        />
      ) : (
        <Button id='admin-exception-check' isBlock isLoading={previewing.isBusy} onClick={() => {
            setTouched({ date: true, opens: true, closes: true, reason: true });
            if (!isValid) return;
            previewing.run(
              () => previewOfficeException(officeId, exceptionBody(draft), { isQuiet: true }),
              (preview) => {
                setAffected(preview.appointmentsAffected);
                return '';
              },
            );
          }}>
          检查并保存
        </Button>
      )}
      <Done id='admin-exception-done' text={action.done} />
    </Card>
  );
}
