import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio } from '../../app/studioContext.dom';

// A notice is the core's own sentence: the contract gives it no code to translate it by.
export function NoticeList() {
  const { t } = useT();
  const notices = useStudio((state) => state.notices);
  const dismiss = useStudio((state) => state.noticeDismissed);
  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-label={t('notices.region')}>
      {notices.map((notice) => (
        <div key={notice.at} role={notice.level === 'info' ? 'status' : 'alert'} className={`notice notice-${notice.level}`}>
          <span>{notice.message}</span>
          <button type="button" aria-label={t('notices.dismiss')} onClick={() => dismiss(notice.at)}>
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
