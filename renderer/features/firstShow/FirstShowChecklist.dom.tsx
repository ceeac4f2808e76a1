import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio } from '../../app/studioContext.dom';
import { destinationsOn } from '../../store/destinationsSlice.std';
import { firstShowSteps } from './firstShowSteps.std';
import './firstShow.css';

/**
 * In place of an empty comments list before the first show: what to do before going live, ticked
 * as it gets done. Gone once a show is in the library.
 */
export function FirstShowChecklist() {
  const input = useStudio(
    useShallow((state) => ({
      scenes: state.sceneCollection,
      sourceStatuses: state.sourceStatuses,
      productCount: state.catalogue.products.length,
      destinationsOn: destinationsOn(state),
      showCount: state.shows.length,
    })),
  );
  const translator = useT();
  const { t } = translator;
  const steps = useMemo(() => firstShowSteps(input, translator), [input, translator]);
  const done = steps.filter((step) => step.done).length;
  return (
    <section className="first-show" aria-labelledby="first-show-heading">
      <h3 id="first-show-heading">{t('firstShow.heading')}</h3>
      <p className="first-show-progress">
        {t('firstShow.progress', { done, total: steps.length })}
      </p>
      <ol aria-label={t('firstShow.list')}>
        {steps.map((step) => (
          <li key={step.id} className={step.done ? 'step-done' : 'step-todo'}>
            <span className="step-mark" aria-hidden="true">
              {step.done ? '✓' : '○'}
            </span>
            <span className="step-text">
              <strong>
                {step.title}
                <span className="visually-hidden">{step.done ? t('firstShow.done') : t('firstShow.todo')}</span>
              </strong>
              <span className="step-hint">{step.hint}</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
