import { useEffect, useRef, useState } from 'react';
import type { CameraSource } from '../../../contract/schemas/scene.std';
import { captureKey } from '../compositor/captureKeys.std';
import { useCaptureStream } from '../compositor/compositorContext.dom';
import { CheckboxField, fitOptions, SelectField, type Option } from './fields.dom';
import { useSourceUpdate } from './useScenes.dom';
import { useT } from '../../app/i18n/studioI18n.dom';

const resolutions = [
  { width: 640, height: 360 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];
const frameRates = [15, 30, 60];
const SYSTEM_DEFAULT = '';

/** The cameras the browser will name: ids (and labels) appear once camera access is granted. */
function useVideoInputs(refreshOn: unknown): MediaDeviceInfo[] {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    const mediaDevices = navigator.mediaDevices as MediaDevices | undefined;
    if (!mediaDevices) return;
    let live = true;
    const load = () =>
      void mediaDevices
        .enumerateDevices()
        .then((all) => {
          if (live) setDevices(all.filter((device) => device.kind === 'videoinput' && device.deviceId !== ''));
        })
        .catch(() => undefined);
    load();
    mediaDevices.addEventListener('devicechange', load);
    return () => {
      live = false;
      mediaDevices.removeEventListener('devicechange', load);
    };
  }, [refreshOn]);
  return devices;
}

export function CameraProperties({ sceneId, source }: { sceneId: string; source: CameraSource }) {
  const update = useSourceUpdate(sceneId, source.id, 'camera');
  const stream = useCaptureStream(captureKey(source));
  // Re-listed when the capture starts: that is when the browser grants names and ids.
  const devices = useVideoInputs(stream);
  const translator = useT();
  const { t } = translator;

  const deviceOptions: Option[] = [
    { value: SYSTEM_DEFAULT, label: t('props.camera.default') },
    ...devices.map((device, index) => ({ value: device.deviceId, label: device.label || t('props.camera.numbered', { n: index + 1 }) })),
  ];
  if (source.deviceId !== null && !devices.some((device) => device.deviceId === source.deviceId)) {
    deviceOptions.push({ value: source.deviceId, label: t('props.camera.gone') });
  }

  const resolutionOptions: Option[] = resolutions.map(({ width, height }) => ({ value: `${width}x${height}`, label: `${width}×${height}` }));
  const resolution = `${source.captureWidth}x${source.captureHeight}`;
  if (!resolutionOptions.some((option) => option.value === resolution)) {
    resolutionOptions.push({ value: resolution, label: `${source.captureWidth}×${source.captureHeight}` });
  }
  const fpsOptions: Option[] = frameRates.map((fps) => ({ value: String(fps), label: t('props.camera.fpsOption', { fps }) }));
  if (!frameRates.includes(source.captureFps)) fpsOptions.push({ value: String(source.captureFps), label: t('props.camera.fpsOption', { fps: source.captureFps }) });

  return (
    <>
      <SelfView stream={stream} mirrored={source.mirrorPreview} name={source.name} />
      <SelectField
        label={t('props.camera.device')}
        value={source.deviceId ?? SYSTEM_DEFAULT}
        options={deviceOptions}
        onChange={(value) => update((current) => ({ ...current, deviceId: value === SYSTEM_DEFAULT ? null : value }))}
      />
      <SelectField
        label={t('props.camera.resolution')}
        value={resolution}
        options={resolutionOptions}
        onChange={(value) => {
          const [width, height] = value.split('x').map(Number);
          return update((current) => ({ ...current, captureWidth: width ?? current.captureWidth, captureHeight: height ?? current.captureHeight }));
        }}
      />
      <SelectField label={t('props.camera.fps')} value={String(source.captureFps)} options={fpsOptions} onChange={(value) => update((current) => ({ ...current, captureFps: Number(value) }))} />
      <CheckboxField
        label={t('props.camera.mirror')}
        checked={source.mirrorPreview}
        hint={t('props.camera.mirrorHint')}
        onChange={(mirrorPreview) => update((current) => ({ ...current, mirrorPreview }))}
      />
      <SelectField label={t('props.fit')} value={source.fit} options={fitOptions(translator)} onChange={(fit) => update((current) => ({ ...current, fit: fit === 'contain' ? 'contain' : 'cover' }))} />
    </>
  );
}

function SelfView({ stream, mirrored, name }: { stream: MediaStream | null; mirrored: boolean; name: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const { t } = useT();
  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream]);
  if (!stream) return <p className="self-view-empty">{t('props.camera.noSelfView')}</p>;
  return <video ref={video} className={mirrored ? 'self-view mirrored' : 'self-view'} muted playsInline autoPlay aria-label={t('props.camera.selfView', { name, mirrored: mirrored ? 'yes' : 'no' })} />;
}
