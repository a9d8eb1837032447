// 反映案件 (issue 16 item 4): one 办不成事 case for staff — what it is about, the running deadline
// (逾期 / 即将到期 in words and colour), the reporter's photos, the timeline, and only the next steps this person may take
// in this state (pages/staff/model.ts): 分类 with the class, 转办 to a hall, 办结 with the
// resolution, 回访确认 with the callback note, 结案. 转办 picks the hall (only those the caller may
// assign to: GET /api/staff/assignees's offices), then optionally a named clerk of it (its items).
// Each opens an in-page confirmation with its note field; a refusal (409: someone acted first) is
// said in words and the case read again.
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { REPORT_CLASS_LABELS, REPORT_CLASSES, type ReportClassKey } from '@palm/shared';
import type { Me } from '@palm/shared/server';
import { actOnCase, getCase, listAssignees, type CaseAction, type CaseActionBody, type Report, type StaffAssignee } from '../../../api/desk';
import { ApiError, messageOf } from '../../../api/errors';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ChoiceList, type Choice } from '../../../components/choice-list';
import { ErrorState } from '../../../components/error-state';
import { PageShell } from '../../../components/page-shell';
import { ReportPhotos } from '../../../features/reports/photos';
import { TextField } from '../../../components/text-field';
import { CASE_ACTION_WORDS, CONTACT_WORDS, legalActions, shanghaiMinute } from '../model';
import { DueTag, StaffGate } from '../shared';
import '../shared.scss';
import './index.scss';

/** 转办's second choice: any clerk of the hall, or one by name. */
const ANY_CLERK = 'any';
export function assigneeChoices(clerks: readonly StaffAssignee[]): Choice[] {
  return [{ id: ANY_CLERK, title: '不指定', detail: '该大厅的工作人员均可办理' }, ...clerks.map((c) => ({ id: c.id, title: c.name }))];
}

const CONFIRM_WORDS: Record<CaseAction, string> = {
  triage: '分类后按分类计算办结期限，并告知反映人。',
  assign: '转办后由该大厅的工作人员办理，并告知反映人。',
  resolve: '办结后反映人会收到办理结果，并被邀请评价。',
  confirm: '请先电话或当面回访反映人，把回访情况写在下面。',
  close: '结案后不能再办理；反映人15天内仍可重新打开一次。',
};

export interface CaseDraft {
  action: CaseAction;
  class: ReportClassKey | '';
  officeId: string;
  /** A named clerk of that hall; '' = any clerk of it. */
  staffId: string;
  resolution: string;
  note: string;
}

/** The first problem with a step's form, in words; null when it may be sent. */
export function caseDraftProblem(d: CaseDraft): string | null {
  if (d.action === 'triage' && !d.class) return '请选择分类';
  if (d.action === 'assign' && !d.officeId) return '请选择转办的大厅';
  if (d.action === 'resolve' && !d.resolution.trim()) return '请填写办理结果';
  if (d.action === 'confirm' && !d.note.trim()) return '请填写回访情况';
  return null;
}

export function caseBodyOf(d: CaseDraft): CaseActionBody {
  const note = d.note.trim();
  return {
    ...(d.action === 'triage' && d.class ? { class: d.class } : {}),
    ...(d.action === 'assign' ? { officeId: d.officeId, ...(d.staffId ? { staffId: d.staffId } : {}) } : {}),
    ...(d.action === 'resolve' ? { resolution: d.resolution.trim() } : {}),
    ...(note ? { note } : {}),
  };
}

export default function CasePage() {
  const id = useRouter().params.id ?? '';
  return (
    <PageShell title='反映案件' className='desk'>
      <StaffGate>{(me) => <CaseView id={id} me={me} />}</StaffGate>
    </PageShell>
  );
}

function CaseView({ id, me }: { id: string; me: Me }) {
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<CaseDraft | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [offices, setOffices] = useState<Array<{ id: string; name: string }> | null>(null);
  const [clerks, setClerks] = useState<Record<string, StaffAssignee[]>>({});

  const loadClerks = (officeId: string) => {
    if (clerks[officeId]) return;
    listAssignees(officeId, { isQuiet: true })
      .then((list) => setClerks((known) => ({ ...known, [officeId]: list.items })))
      .catch((failure: unknown) => setFormError(messageOf(failure)));
  };

  const load = useCallback(() => {
    // Only in the answer's callbacks: an effect runs it (react-hooks/set-state-in-effect).
    getCase(id, { isQuiet: true })
      .then((next) => {
        setReport(next);
        setError(null);
      })
      .catch((failure: unknown) => setError(messageOf(failure)));
  }, [id]);
  useEffect(load, [load]);

  const start = (action: CaseAction) => {
    if (!report) return;
    const officeId = report.assignedOffice?.id ?? report.about.office.id;
    setDraft({ action, class: report.class ?? '', officeId, staffId: '', resolution: '', note: '' });
    setFormError(null);
    setRefusal(null);
    setDone(null);
    if (action === 'assign' && !offices) {
      // The halls in the caller's scope (supervisor: their region; admin: all): none refused on sending.
      listAssignees(undefined, { isQuiet: true })
        .then((list) => setOffices(list.offices))
        .catch((failure: unknown) => setFormError(messageOf(failure)));
    }
    if (action === 'assign') loadClerks(officeId);
  };

  const chooseOffice = (officeId: string) => {
    if (!draft) return;
    setDraft({ ...draft, officeId, staffId: '' });
    loadClerks(officeId);
  };

  const submit = () => {
    if (!draft) return;
    const problem = caseDraftProblem(draft);
    if (problem) return setFormError(problem);
    setIsBusy(true);
    setFormError(null);
    actOnCase(id, draft.action, caseBodyOf(draft), { isQuiet: true })
      .then((next) => {
        setReport(next);
        setDone(`已${CASE_ACTION_WORDS[draft.action]}。`);
        setDraft(null);
      })
      .catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.status === 409) {
          // Someone acted first, or the state moved on: say so and show the case as it is now.
          setRefusal(`${failure.message}。已为您刷新案件。`.replace('。。', '。'));
          setDraft(null);
          load();
        } else setFormError(messageOf(failure));
      })
      .finally(() => setIsBusy(false));
  };

  if (error) return <ErrorState id='case-error' message={error} onRetry={load} />;
  if (!report) return <Text className='palm-secondary'>正在加载…</Text>;
  const actions = legalActions(report, me);
  const officeList = offices ? [...offices].sort((a, b) => Number(b.id === report.about.office.id) - Number(a.id === report.about.office.id)) : null;

  return (
    <View className='desk-wide desk-case'>
      {refusal ? <ErrorState id='case-refusal' message={refusal} /> : null}
      {done ? (
        <Card id='case-done' isNotice>
          <Text>{done}</Text>
        </Card>
      ) : null}
      <View className='desk-case__columns'>
        <View className='desk-case__main'>
          <Card id='case-facts' title={`${report.statusWords}${report.classWords ? `：${report.classWords}` : ''}`}>
            <View className='desk-lines'>
              <DueTag deadline={report.deadline} id='case-due' />
              <Text className='desk-case__text'>{report.text}</Text>
              <Text>大厅：{report.about.office.name}</Text>
              {report.about.service ? <Text>事项：{report.about.service.name}</Text> : null}
              {report.assignedOffice ? (
                <Text id='case-assigned'>
                  转办至：{report.assignedOffice.name}
                  {report.assignedStaff ? `（承办人：${report.assignedStaff.name}）` : ''}
                </Text>
              ) : null}
              {report.reporter ? <Text>反映人：{report.reporter}{report.walkIn ? '（窗口代录）' : ''}</Text> : null}
              <Text id='case-contact'>告知方式：{CONTACT_WORDS[report.contactPreference]}</Text>
              {report.resolution ? <Text>办理结果：{report.resolution}</Text> : null}
              {report.escalationLevel > 0 ? <Text>已逾期督办，升级{report.escalationLevel}级</Text> : null}
              {report.reopened ? <Text>反映人已重新打开过一次</Text> : null}
              <Text className='palm-secondary'>提交于 {shanghaiMinute(report.createdAt)}</Text>
            </View>
          </Card>
          <ReportPhotos photos={report.photos} asStaff />
          <Card id='case-actions' title='下一步'>
            {actions.length === 0 ? (
              <Text id='case-no-actions'>{report.status === 'CLOSED' ? '该反映已结案。' : '当前状态下您没有可办理的步骤。'}</Text>
            ) : null}
            {!draft ? (
              <View className='palm-stack'>
                {actions.map((action) => (
                  <Button key={action} id={`case-action-${action}`} onClick={() => start(action)}>
                    {CASE_ACTION_WORDS[action]}
                  </Button>
                ))}
              </View>
            ) : (
              <View id='case-confirm' className='desk-lines'>
                <Text className='desk-row__title'>确认{CASE_ACTION_WORDS[draft.action]}</Text>
                <Text>{CONFIRM_WORDS[draft.action]}</Text>
                {draft.action === 'triage' ? (
                  <ChoiceList idPrefix='case-class' label='分类' choices={REPORT_CLASSES.map((c) => ({ id: c, title: REPORT_CLASS_LABELS[c] }))} chosenId={draft.class || undefined} onChoose={(c) => setDraft({ ...draft, class: c as ReportClassKey })} />
                ) : null}
                {draft.action === 'assign' ? (
                  officeList ? (
                    <ChoiceList idPrefix='case-office' label='转办到' choices={officeList.map((o) => ({ id: o.id, title: o.name }))} chosenId={draft.officeId} onChoose={chooseOffice} />
                  ) : (
                    <Text className='palm-secondary'>正在加载大厅…</Text>
                  )
                ) : null}
                {draft.action === 'assign' ? (
                  clerks[draft.officeId] ? (
                    <View id='case-staff'>
                      <Text className='desk-row__title'>承办人（可不指定）</Text>
                      <ChoiceList
                        idPrefix='case-staff'
                        label='承办人'
                        choices={assigneeChoices(clerks[draft.officeId]!)}
                        chosenId={draft.staffId || ANY_CLERK}
                        onChoose={(staffId) => setDraft({ ...draft, staffId: staffId === ANY_CLERK ? '' : staffId })}
                      />
                    </View>
                  ) : (
                    <Text className='palm-secondary'>正在加载工作人员…</Text>
                  )
                ) : null}
                {draft.action === 'resolve' ? <TextField id='case-resolution' label='办理结果（告知反映人）' value={draft.resolution} maxLength={500} onInput={(resolution) => setDraft({ ...draft, resolution })} /> : null}
                <TextField id='case-note' label={draft.action === 'confirm' ? '回访情况' : '备注（可不填）'} value={draft.note} maxLength={500} onInput={(note) => setDraft({ ...draft, note })} />
                {formError ? <ErrorState id='case-form-error' message={formError} /> : null}
                <Button id='case-submit' isLoading={isBusy} onClick={submit}>
                  确认{CASE_ACTION_WORDS[draft.action]}
                </Button>
                <Button id='case-cancel' variant='secondary' onClick={() => setDraft(null)}>
                  取消
                </Button>
              </View>
            )}
          </Card>
        </View>
        <View className='desk-case__side'>
          <Card id='case-timeline' title='办理经过'>
            <View role='list'>
              {report.steps.map((step, index) => (
                <View key={index} role='listitem' className='desk-step' id={`case-step-${index}`}>
                  <Text className='desk-row__title'>{step.words}</Text>
                  <Text className='palm-secondary'>
                    {shanghaiMinute(step.at)}，{step.by}
                  </Text>
                  {step.note ? <Text>{step.note}</Text> : null}
                </View>
              ))}
            </View>
          </Card>
        </View>
      </View>
    </View>
  );
}
