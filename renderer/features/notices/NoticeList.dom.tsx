import { useStudio } from '../../app/studioContext.dom';

export function NoticeList() {
  const notices = useStudio((state) => state.notices);
  const dismiss = useStudio((state) => state.noticeDismissed);
  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-label="Notices">
      {notices.map((notice) => (
        <div key={notice.at} role={notice.level === 'info' ? 'status' : 'alert'} className={`notice notice-${notice.level}`}>
          <span>{notice.message}</span>
          <button type="button" aria-label="Dismiss notice" onClick={() => dismiss(notice.at)}>
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
