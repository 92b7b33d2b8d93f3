/** The two-sided explanation of a match: why them for you, why you for them, and the evidence behind it. */
import type { MatchExplanation, Reason } from '../api/types';
import { useI18n } from '../i18n/context';
import { NeedOfferChips, TopicChips } from './chips';
import { NetworkPicture } from './network-picture';

type Of<K extends Reason['kind']> = Extract<Reason, { kind: K }>;
const reasonsOf = <K extends Reason['kind']>(e: MatchExplanation, kind: K): Of<K>[] => e.reasons.filter((r): r is Of<K> => r.kind === kind);

export function Explanation(props: { explanation: MatchExplanation; you: string; them: string }) {
  const { lang, t } = useI18n();
  const e = props.explanation;
  const theyOffer = reasonsOf(e, 'need_offer').filter((r) => r.direction === 'they_offer').flatMap((r) => r.pairs);
  const youOffer = reasonsOf(e, 'need_offer').filter((r) => r.direction === 'you_offer').flatMap((r) => r.pairs);
  const topics = reasonsOf(e, 'shared_topics').flatMap((r) => r.terms);
  const paths = reasonsOf(e, 'network').flatMap((r) => r.paths);
  return (
    <div class="explanation">
      <div class="two-sides">
        <section data-testid="why-them">
          <h4>{t('whyThem')}</h4>
          <p>{e.whyThem[lang]}</p>
          {theyOffer.length > 0 && (
            <>
              <h5>{t('needOfferTheirs')}</h5>
              <NeedOfferChips pairs={theyOffer} />
            </>
          )}
        </section>
        <section data-testid="why-you">
          <h4>{t('whyYou')}</h4>
          <p>{e.whyYou[lang]}</p>
          {youOffer.length > 0 && (
            <>
              <h5>{t('needOfferYours')}</h5>
              <NeedOfferChips pairs={youOffer} />
            </>
          )}
        </section>
      </div>
      {topics.length > 0 && (
        <>
          <h5>{t('sharedTopics')}</h5>
          <TopicChips terms={topics} />
        </>
      )}
      <NetworkPicture you={props.you} them={props.them} paths={paths} />
    </div>
  );
}
