// 办不成事 (?ticketId|appointmentId|officeId|serviceId|ratingId + the words for them): what the
// report is about, shown in words as the page that opened it knew it (nobody retypes a hall or a
// number), what went wrong in the person's words with a running count, how to be told, and the
// kind of problem if they want to say, up to three photos (uploaded as chosen); 提交 opens the report with its deadline. Errors in the page.
import { Text, Textarea, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useMemo, useRef, useState } from 'react';
import { REPORT_CLASS_LABELS, REPORT_CLASSES, type ContactPreferenceKey, type ReportClassKey } from '@palm/shared';
import { useActing } from '../../../api/acting-store';
import { messageOf } from '../../../api/errors';
import { listOffices } from '../../../api/offices';
import { createReport } from '../../../api/reports';
import { useSession } from '../../../api/session';
import { newIdempotencyKey } from '../../../api/tickets';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { ChoiceList, officeChoices, type Choice } from '../../../components/choice-list';
import { ErrorState } from '../../../components/error-state';
import { PageShell } from '../../../components/page-shell';
import { SignInNeeded } from '../../../components/sign-in-needed';
import { PhotoPicker, usePhotoUploads } from '../../../features/reports/photos';
import { aboutOf, contextFacts, contextFromQuery } from '../../../features/reports/words';
import { getPosition } from '../../../lib/location';
import { PAGES, replacePage } from '../../../lib/routes';
import { useElderMode } from '../../../theme/elder-store';
import '../../../features/reports/styles.scss';

export const TEXT_MIN = 2;
export const TEXT_MAX = 1000;

const CONTACTS: { id: ContactPreferenceKey; title: string }[] = [
  { id: 'IN_APP', title: '在“掌上办”消息里告诉我' },
  { id: 'PHONE', title: '打电话告诉我' },
  { id: 'NONE', title: '不用联系我' },
];

const UNSURE = 'UNSURE';

export default function ReportNewPage() {
  const params = useRouter().params;
  const context = useMemo(() => contextFromQuery(params), [params]);
  const facts = contextFacts(context);
  const { isSignedIn } = useSession();
  const { actingFor } = useActing();
  const [text, setText] = useState('');
  const [contact, setContact] = useState<ContactPreferenceKey>('IN_APP');
  const [kind, setKind] = useState<string>(UNSURE);
  const [error, setError] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);
  // One key per filled-in form: a retried 提交 files one report.
  const key = useRef(newIdempotencyKey());
  const isElder = useElderMode();
  const photos = usePhotoUploads();
  // From a service guide only the service is known: the hall is chosen among those offering it.
  const needsOffice = !(context.ratingId || context.ticketId || context.appointmentId || context.officeId);
  const [halls, setHalls] = useState<Choice[] | null>(null);
  const [hallsError, setHallsError] = useState<string | null>(null);
  const [officeId, setOfficeId] = useState<string | undefined>();
  const loadHalls = () => {
    setHallsError(null);
    getPosition()
      .then((position) => listOffices({ position, serviceId: context.serviceId }, { isQuiet: true }))
      .then(
        (list) => setHalls(officeChoices(list.items, isElder)),
        (failure: unknown) => setHallsError(messageOf(failure)),
      );
  };
  useDidShow(() => {
    if (needsOffice && context.serviceId && isSignedIn && halls === null) loadHalls();
  });
  const hasAbout = !needsOffice || Boolean(context.serviceId);
  const length = [...text.trim()].length;

  const submit = async () => {
    setError(null);
    if (needsOffice && !officeId) {
      setError('请选择是在哪个大厅遇到的问题。');
      return;
    }
    if (length < TEXT_MIN) {
      setError(`请写下遇到了什么问题（至少${TEXT_MIN}个字）。`);
      return;
    }
    if (photos.isUploading) {
      setError('照片还在上传，请稍等一下再提交。');
      return;
    }
    setIsSending(true);
    try {
      const report = await createReport(
        {
          about: aboutOf(needsOffice ? { ...context, officeId } : context),
          text: text.trim(),
          contactPreference: contact,
          ...(kind === UNSURE ? {} : { class: kind as ReportClassKey }),
          ...(photos.ids.length > 0 ? { photoIds: photos.ids } : {}),
        },
        key.current,
        { isQuiet: true },
      );
      replacePage(PAGES.report, { id: report.id, created: '1' });
    } catch (failure) {
      setError(messageOf(failure));
      setIsSending(false);
    }
  };

  if (!isSignedIn) {
    return (
      <PageShell title='办不成事'>
        <SignInNeeded id='report-new-sign-in' title='登录后可以反映办不成的事' />
      </PageShell>
    );
  }

  return (
    <PageShell title='办不成事'>
      <Card id='report-new-about' title={actingFor ? `代 ${actingFor.name} 反映` : '反映的是'}>
        {facts.length > 0 ? (
          <View className='report__facts'>
            {facts.map(([label, words], index) => (
              <View key={label} id={`report-new-about-${index}`}>
                <Text className='report__fact-label'>{`${label}：`}</Text>
                <Text>{words}</Text>
              </View>
            ))}
          </View>
        ) : (
          <Text className='palm-secondary'>请从排队号、预约、办事指南或大厅页面点“办不成事？”，这样不用再填是哪个大厅、哪件事。</Text>
        )}
      </Card>
      {hasAbout ? (
        <>
          {needsOffice ? (
            <Card id='report-new-office' title='在哪个大厅遇到的问题'>
              {hallsError ? <ErrorState id='report-new-office-error' message={hallsError} onRetry={loadHalls} /> : null}
              {halls === null && !hallsError ? <Text className='palm-secondary'>正在加载…</Text> : null}
              {halls ? <ChoiceList idPrefix='report-new-office' label='在哪个大厅遇到的问题' chosenId={officeId} onChoose={setOfficeId} choices={halls} /> : null}
            </Card>
          ) : null}
          <Card title='遇到了什么问题'>
            <Text id='report-new-text-label' className='report__label' aria-hidden='true'>
              请写下经过和您希望怎么解决
            </Text>
            <Textarea
              id='report-new-text'
              className='palm-textarea'
              value={text}
              maxlength={TEXT_MAX}
              placeholder='例如：材料都带齐了，窗口说系统不能办，让我下次再来。'
              placeholderClass='palm-secondary'
              aria-label='遇到了什么问题'
              nativeProps={process.env.TARO_ENV === 'h5' ? { 'aria-label': '遇到了什么问题' } : undefined}
              onInput={(event) => setText(event.detail.value)}
            />
            <Text id='report-new-counter' className='report__counter palm-secondary'>{`已写${length}字，最多${TEXT_MAX}字`}</Text>
          </Card>
          <PhotoPicker uploads={photos} />
          <Card title='处理结果怎么告诉您'>
            <ChoiceList idPrefix='report-new-contact' label='处理结果怎么告诉您' chosenId={contact} onChoose={(id) => setContact(id as ContactPreferenceKey)} choices={CONTACTS} />
          </Card>
          <Card title='问题属于哪一类（可不选）'>
            <ChoiceList
              idPrefix='report-new-class'
              label='问题属于哪一类（可不选）'
              chosenId={kind}
              onChoose={setKind}
              choices={[{ id: UNSURE, title: '不确定，由工作人员判断' }, ...REPORT_CLASSES.map((c) => ({ id: c, title: REPORT_CLASS_LABELS[c] }))]}
            />
          </Card>
          {error ? <ErrorState id='report-new-error' message={error} /> : null}
          <Button id='report-new-submit' isBlock isLoading={isSending} onClick={() => void submit()}>
            提交反映
          </Button>
          <Text className='report__line palm-secondary'>提交后，工作人员会在1个工作日内确认受理，您可以在“我的 → 我的反映”里看到每一步和办理期限。</Text>
        </>
      ) : null}
    </PageShell>
  );
}
