import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
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
  const steps = useMemo(() => firstShowSteps(input), [input]);
  const done = steps.filter((step) => step.done).length;
  return (
    <section className="first-show" aria-labelledby="first-show-heading">
      <h3 id="first-show-heading">Your first show</h3>
      <p className="first-show-progress">
        {done} of {steps.length} done
      </p>
      <ol aria-label="Before your first show">
        {steps.map((step) => (
          <li key={step.id} className={step.done ? 'step-done' : 'step-todo'}>
            <span className="step-mark" aria-hidden="true">
              {step.done ? '✓' : '○'}
            </span>
            <span className="step-text">
              <strong>
                {step.title}
                <span className="visually-hidden">{step.done ? ' (done)' : ' (to do)'}</span>
              </strong>
              <span className="step-hint">{step.hint}</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
