import { useRef, useState, type KeyboardEvent } from 'react';
import { mayCall } from '../../../contract/roles.std';
import { panelTabs, type PanelTab } from '../../../contract/schemas/settings.std';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio, useStudioApi } from '../../app/studioContext.dom';
import { LiveStatus } from '../golive/LiveStatus.dom';
import { ProductsTab } from '../products/ProductsTab.dom';
import { LiveRoomCard } from '../room/LiveRoomCard.dom';
import { StaffTab } from '../staff/StaffTab.dom';
import { ActivityLog } from './ActivityLog.dom';
import { CommentsTab } from './CommentsTab.dom';
import { orderBadge } from './orderFilters.std';
import { OrdersTab } from './OrdersTab.dom';
import { PanelSettingsDialog } from './PanelSettingsDialog.dom';
import { useOrderSound } from './useOrderSound.dom';
import './panel.css';


function TabContent({ tab }: { tab: PanelTab }) {
  switch (tab) {
    case 'comments':
      return <CommentsTab />;
    case 'orders':
      return <OrdersTab />;
    case 'products':
      return <ProductsTab />;
    case 'staff':
      return <StaffTab />;
  }
}

function ConnectionLine() {
  const connection = useStudio((state) => state.panel.connection);
  const viewerCount = useStudio((state) => state.panel.viewerCount);
  const likes = useStudio((state) => state.panel.likes);
  const { t } = useT();
  if (connection.state !== 'open') {
    return (
      <p className="panel-connection" role="status">
        {connection.message ?? (connection.state === 'connecting' ? t('panel.connecting') : t('panel.notConnected'))}
      </p>
    );
  }
  return (
    <p className="panel-connection" role="status" aria-label={t('panel.audience')}>
      {t('panel.audienceLine', { viewers: viewerCount, likes })}
    </p>
  );
}

/**
 * The live panel: WAI-ARIA tabs for comments, orders, products and (host only) staff, with the
 * activity log under them. The host's chosen tab is a setting, so it survives a restart; a
 * moderator, who may not change settings, keeps theirs in the window.
 */
export function LivePanel({ console: isConsole = false }: { console?: boolean }) {
  const api = useStudioApi();
  const { t } = useT();
  const role = useStudio((state) => state.whoAmI.role);
  const savedTab = useStudio((state) => state.settings.panelTab);
  const newOrders = useStudio((state) => state.panel.totals.newOrders);
  const [localTab, setLocalTab] = useState<PanelTab | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const tabRefs = useRef(new Map<PanelTab, HTMLButtonElement>());
  useOrderSound();

  const isHost = role === 'host';
  const tabs = panelTabs.filter((tab) => tab !== 'staff' || mayCall(role, 'getStaff'));
  const wanted = localTab ?? savedTab;
  const selected = tabs.includes(wanted) ? wanted : 'comments';
  const badge = orderBadge(newOrders);

  const select = (tab: PanelTab) => {
    setLocalTab(tab);
    if (mayCall(role, 'updateSettings')) void api.updateSettings({ panelTab: tab }).catch(() => {});
    tabRefs.current.get(tab)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.indexOf(selected);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    select(tabs[(index + step + tabs.length) % tabs.length] ?? selected);
  };

  return (
    <aside className={isConsole ? 'live-panel console-panel' : 'live-panel'} aria-label={t('panel.region')}>
      {!isConsole && <LiveRoomCard />}
      {!isConsole && <LiveStatus />}
      <div className="panel-bar">
        <ConnectionLine />
        {isHost && (
          <button type="button" className="small-button" onClick={() => setSettingsOpen(true)}>
            {t('panel.settings')}
          </button>
        )}
      </div>
      <div role="tablist" aria-label={t('panel.region')} className="tabs" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
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
            {t(`panel.tab.${tab}`)}
            {tab === 'orders' && badge && (
              <span className="badge">
                {' '}
                {badge}
                <span className="visually-hidden">{t('panel.newBadge')}</span>
              </span>
            )}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${selected}`} aria-labelledby={`tab-${selected}`} className="tab-panel">
        <TabContent tab={selected} />
      </div>
      <ActivityLog open={isConsole} />
      {settingsOpen && <PanelSettingsDialog onClose={() => setSettingsOpen(false)} />}
    </aside>
  );
}
