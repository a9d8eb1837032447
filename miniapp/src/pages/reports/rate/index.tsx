// 评价 (好差评, ?targetType=&targetId=&what=&officeName=&serviceName=): five large choices, each in
// words (非常满意 … 非常不满意) beside its stars; for 不满意 and 非常不满意 at least one reason
// (GET /api/ratings/reasons) before 提交; an optional comment. Once sent, a 1–2 rating offers 转为办不成事
// in one tap, with the rating as the report's context. "Already rated" and every other refusal are
// said in the page.
import { Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { isBadRating, RATING_LEVEL_LABELS, type RatingLevel } from '@palm/shared';
import { messageOf } from '../../../api/errors';
import { listRatingReasons, rate, type Rating } from '../../../api/reports';
import { useSession } from '../../../api/session';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { cx } from '../../../components/class-names';
import { ErrorState } from '../../../components/error-state';
import { PageShell } from '../../../components/page-shell';
import { pressable } from '../../../components/pressable';
import { SignInNeeded } from '../../../components/sign-in-needed';
import { openReportForm } from '../../../features/reports/open';
import { contextFromQuery, LEVELS, TARGET_WORDS } from '../../../features/reports/words';
import '../../../features/reports/styles.scss';

type Target = 'TICKET' | 'APPOINTMENT' | 'REPORT';
const TARGETS: readonly string[] = ['TICKET', 'APPOINTMENT', 'REPORT'];
export const COMMENT_MAX = 500;

const stars = (level: number): string => '★'.repeat(level) + '☆'.repeat(5 - level);

export default function RatePage() {
  const params = useRouter().params;
  const targetType = (TARGETS.includes(params.targetType ?? '') ? params.targetType : 'TICKET') as Target;
  const targetId = params.targetId ?? '';
  const context = contextFromQuery(params);
  const what = context.what ?? TARGET_WORDS[targetType];
  const { isSignedIn } = useSession();
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [reasons, setReasons] = useState<{ code: string; label: string }[] | null>(null);
  const [reasonsError, setReasonsError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);
  const [sent, setSent] = useState<Rating | null>(null);

  const loadReasons = () => {
    setReasonsError(null);
    listRatingReasons({ isQuiet: true }).then(
      (list) => setReasons(list.items),
      (failure: unknown) => setReasonsError(messageOf(failure)),
    );
  };

  const choose = (next: RatingLevel) => {
    setLevel(next);
    setError(null);
    if (isBadRating(next) && reasons === null) loadReasons();
  };

  const toggle = (code: string) => {
    setError(null);
    setChosen((now) => (now.includes(code) ? now.filter((c) => c !== code) : [...now, code]));
  };

  const submit = async () => {
    setError(null);
    if (level === null) {
      setError('请先选择您的评价。');
      return;
    }
    if (isBadRating(level) && chosen.length === 0) {
      setError('选择“不满意”或“非常不满意”时，请至少选择一个原因。');
      return;
    }
    setIsSending(true);
    try {
      const trimmed = comment.trim();
      setSent(
        await rate(
          { targetType, targetId, level, ...(isBadRating(level) ? { reasons: chosen } : {}), ...(trimmed ? { comment: trimmed } : {}) },
          { isQuiet: true },
        ),
      );
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setIsSending(false);
    }
  };

  if (!isSignedIn) {
    return (
      <PageShell title='评价'>
        <SignInNeeded id='rate-sign-in' title='登录后可以评价' />
      </PageShell>
    );
  }

  if (sent) {
    const isBad = isBadRating(sent.level);
    return (
      <PageShell title='评价'>
        <Card id='rate-sent' title='感谢您的评价'>
          <View className='palm-stack'>
            <Text id='rate-sent-level' className='report__line'>{`您的评价：${sent.levelWords}`}</Text>
            {isBad ? <Text className='report__line'>我们已安排整改，工作人员会回访您。如果问题还没解决，可以直接转为“办不成事”反映，不用重新填写是哪次办理。</Text> : null}
            {isBad ? (
              <Button
                id='rate-to-report'
                isBlock
                onClick={() =>
                  openReportForm({ ratingId: sent.id, what: `您对${what}的评价“${sent.levelWords}”`, officeName: context.officeName, serviceName: context.serviceName })
                }
              >
                转为办不成事
              </Button>
            ) : null}
          </View>
        </Card>
      </PageShell>
    );
  }

  return (
    <PageShell title='评价'>
      <Card id='rate-about' title={what}>
        {[context.serviceName, context.officeName].filter(Boolean).length > 0 ? <Text className='report__line palm-secondary'>{[context.serviceName, context.officeName].filter(Boolean).join('，')}</Text> : null}
      </Card>
      <Card title='您对这次办理满意吗？'>
        <View className='rate__levels' role='radiogroup' aria-label='您对这次办理满意吗？'>
          {LEVELS.map((choice) => {
            const isChosen = level === choice.level;
            return (
              <View
                key={choice.level}
                id={`rate-level-${choice.level}`}
                className={cx('rate__level', isChosen && 'rate__level--chosen')}
                {...pressable(() => choose(choice.level), 'radio')}
                aria-checked={isChosen ? 'true' : 'false'}
                aria-label={choice.words}
              >
                <View className='rate__words'>
                  <Text className='rate__word'>{choice.words}</Text>
                  <Text className='rate__stars' aria-hidden='true'>
                    {stars(choice.level)}
                  </Text>
                </View>
                {isChosen ? <Text className='rate__mark'>✓ 已选</Text> : null}
              </View>
            );
          })}
        </View>
      </Card>
      {level !== null && isBadRating(level) ? (
        <Card id='rate-reasons' title='哪里不满意（至少选一项）'>
          {reasonsError ? <ErrorState id='rate-reasons-error' message={reasonsError} onRetry={loadReasons} /> : null}
          {reasons === null && !reasonsError ? <Text className='palm-secondary'>正在加载…</Text> : null}
          {reasons ? (
            <View className='rate__reasons' role='group' aria-label='哪里不满意'>
              {reasons.map((reason, index) => {
                const isOn = chosen.includes(reason.code);
                return (
                  <View key={reason.code} id={`rate-reason-${index}`} className={cx('rate__reason', isOn && 'rate__reason--chosen')} {...pressable(() => toggle(reason.code), 'checkbox')} aria-checked={isOn ? 'true' : 'false'}>
                    <Text className='rate__box' aria-hidden='true'>
                      {isOn ? '☑' : '☐'}
                    </Text>
                    <Text>{reason.label}</Text>
                  </View>
                );
              })}
            </View>
          ) : null}
        </Card>
      ) : null}
      {level !== null ? (
        <Card title='还想说点什么（可不填）'>
          <Textarea
            id='rate-comment'
            className='palm-textarea'
            value={comment}
            maxlength={COMMENT_MAX}
            aria-label='还想说点什么'
            nativeProps={process.env.TARO_ENV === 'h5' ? { 'aria-label': '还想说点什么' } : undefined}
            onInput={(event) => setComment(event.detail.value)}
          />
          <Text className='report__counter palm-secondary'>{`已写${[...comment.trim()].length}字，最多${COMMENT_MAX}字`}</Text>
        </Card>
      ) : null}
      {error ? <ErrorState id='rate-error' message={error} /> : null}
      <Button id='rate-submit' isBlock isLoading={isSending} onClick={() => void submit()}>
        {level === null ? '提交评价' : `提交评价：${RATING_LEVEL_LABELS[level]}`}
      </Button>
    </PageShell>
  );
}
