import { useRef, type KeyboardEvent } from 'react';
import { panelTabs, type PanelTab } from '../../../contract/schemas/settings.std';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';
import { LiveRoomCard } from '../room/LiveRoomCard.dom';
import { LiveStatus } from '../golive/LiveStatus.dom';

const tabLabels: Record<PanelTab, string> = { comments: 'Comments', orders: 'Orders', products: 'Products' };
const emptyStates: Record<PanelTab, string> = {
  comments: "No comments yet. Viewers' comments appear here as soon as you are live.",
  orders: 'No orders yet. Orders appear here the moment a viewer buys.',
  products: 'No products yet. Your catalogue and the run-sheet for this show go here.',
};

/** The live panel: a WAI-ARIA tab list; the chosen tab is a setting, so it survives a restart. */
export function LivePanel() {
  const api = useStudioApi();
  const selected = useStudio((state) => state.settings.panelTab);
  const tabRefs = useRef(new Map<PanelTab, HTMLButtonElement>());

  const select = (tab: PanelTab) => {
    void api.updateSettings({ panelTab: tab });
    tabRefs.current.get(tab)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const index = panelTabs.indexOf(selected);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    select(panelTabs[(index + step + panelTabs.length) % panelTabs.length] ?? selected);
  };

  return (
    <aside className="live-panel" aria-label="Live panel">
      <LiveRoomCard />
      <LiveStatus />
      <div role="tablist" aria-label="Live panel" className="tabs" onKeyDown={onKeyDown}>
        {panelTabs.map((tab) => (
          <button
            key={tab}
            ref={(element) => {
              if (element) tabRefs.current.set(tab, element);
            }}
            role="tab"
            id={`tab-${tab}`}
            aria-selected={tab === selected}
            aria-controls={`panel-${tab}`}
            tabIndex={tab === selected ? 0 : -1}
            onClick={() => select(tab)}
          >
            {tabLabels[tab]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${selected}`} aria-labelledby={`tab-${selected}`} className="tab-panel" tabIndex={0}>
        <p className="empty">{emptyStates[selected]}</p>
      </div>
    </aside>
  );
}
