import { useEffect, useId, useRef } from 'react';
import { MAX_AUDIO_GAIN } from '../../../contract/schemas/settings.std';
import type { AudioLevels, MicrophoneState, SendingState, SystemAudioState } from './audioSnapshot.std';
import { microphoneOptions } from './audioDevices.std';
import { describeGain, describeLevel, METER_FLOOR_DB } from './levels.std';
import { useAudioEngine, type AudioControls } from './useAudioEngine.dom';
import { useT } from '../../app/i18n/studioI18n.dom';
import { useStudio } from '../../app/studioContext.dom';
import { useAudioSettings, type GainField } from './useAudioSettings.dom';
import './audio.css';

/**
 * The audio mixer: microphone (device, volume, mute, echo cancellation, noise suppression), the
 * computer's sound where the platform can share it, level meters, and whether audio reaches the
 * studio. Mounting it starts the audio engine; unmounting stops it.
 */
export function AudioMixer() {
  const { audio, save, setGain } = useAudioSettings();
  const { snapshot, controls } = useAudioEngine(audio);
  const { engine, microphone, systemAudio, sending } = snapshot;
  const translator = useT();
  const { t } = translator;
  const options = microphoneOptions(snapshot.devices, audio.microphoneId, translator);
  const systemAudioNote = useId();
  const microphoneStatusChanged = useStudio((state) => state.microphoneStatusChanged);
  // The pre-flight reads the microphone from the store (devicesSlice); the engine stays here.
  useEffect(() => {
    microphoneStatusChanged(
      microphone.status === 'live'
        ? { state: 'live' }
        : microphone.status === 'starting'
          ? { state: 'starting' }
          : { state: 'error', message: microphone.message, ...(microphone.problem ? { problem: microphone.problem } : {}) },
    );
  }, [microphone, microphoneStatusChanged]);

  return (
    <section className="audio-mixer" aria-labelledby="audio-heading">
      <h2 id="audio-heading">{t('audio.heading')}</h2>
      {engine.status === 'failed' && <p role="alert" className="audio-problem">{engine.message}</p>}
      {engine.status === 'suspended' && (
        <p className="audio-problem">
          {t('audio.suspended')}{' '}
          <button type="button" className="audio-action" onClick={controls.resume}>
            {t('audio.start')}
          </button>
        </p>
      )}

      <label className="audio-field">
        <span>{t('audio.microphone')}</span>
        <select value={audio.microphoneId ?? ''} onChange={(event) => save({ microphoneId: event.target.value === '' ? null : event.target.value })}>
          {options.map((option) => (
            <option key={option.id ?? ''} value={option.id ?? ''}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <div className="audio-strip">
        <button
          type="button"
          className="audio-mute"
          aria-pressed={audio.microphoneMuted}
          aria-label={t('audio.muteLabel')}
          onClick={() => save({ microphoneMuted: !audio.microphoneMuted })}
        >
          {audio.microphoneMuted ? t('audio.muted') : t('audio.mute')}
        </button>
        <LevelMeter controls={controls} label={t('audio.micLevel')} level="microphoneDb" muted={audio.microphoneMuted} />
      </div>
      <GainSlider label={t('audio.micVolume')} field="microphoneGain" value={audio.microphoneGain} setGain={setGain} />
      <MicrophoneStatus state={microphone} onRetry={controls.retryMicrophone} />

      <label className="audio-check">
        <input type="checkbox" checked={audio.echoCancellation} onChange={(event) => save({ echoCancellation: event.target.checked })} />
        {t('audio.echo')}
      </label>
      <label className="audio-check">
        <input type="checkbox" checked={audio.noiseSuppression} onChange={(event) => save({ noiseSuppression: event.target.checked })} />
        {t('audio.noise')}
      </label>

      <label className="audio-check">
        <input
          type="checkbox"
          checked={audio.systemAudio && systemAudio.status !== 'unsupported'}
          disabled={systemAudio.status === 'unsupported'}
          aria-describedby={systemAudioNote}
          onChange={(event) => {
            // Inside the click: browsers share the screen's sound only on a user gesture.
            if (event.target.checked) controls.startSystemAudio();
            save({ systemAudio: event.target.checked });
          }}
        />
        {t('audio.system')}
      </label>
      <SystemAudioStatus id={systemAudioNote} state={systemAudio} onShare={controls.startSystemAudio} />
      {audio.systemAudio && systemAudio.status === 'live' && (
        <>
          <div className="audio-strip">
            <span className="audio-note" aria-hidden="true">
              {t('audio.level')}
            </span>
            <LevelMeter controls={controls} label={t('audio.systemLevel')} level="systemAudioDb" muted={false} />
          </div>
          <GainSlider label={t('audio.systemVolume')} field="systemAudioGain" value={audio.systemAudioGain} setGain={setGain} />
        </>
      )}

      <SendingStatus state={sending} />
    </section>
  );
}

/** A peak meter updated from the engine ~10 times a second by writing to the DOM, not by rendering. */
function LevelMeter({ controls, label, level, muted }: { controls: AudioControls; label: string; level: keyof AudioLevels; muted: boolean }) {
  const meter = useRef<HTMLDivElement>(null);
  const fill = useRef<HTMLDivElement>(null);
  const mutedRef = useRef(muted);
  const translator = useT();
  useEffect(() => {
    mutedRef.current = muted;
  }, [muted]);
  useEffect(() => {
    let shown = '';
    return controls.onLevels((levels) => {
      const db = Math.round(levels[level]);
      const text = mutedRef.current ? translator.t('audio.meter.muted') : describeLevel(db, translator);
      // Silence is most of the time: touch the DOM only when the reading changes.
      if (`${db} ${text}` === shown) return;
      shown = `${db} ${text}`;
      meter.current?.setAttribute('aria-valuenow', String(db));
      meter.current?.setAttribute('aria-valuetext', text);
      if (fill.current) fill.current.style.transform = `scaleX(${(db - METER_FLOOR_DB) / -METER_FLOOR_DB})`;
    });
  }, [controls, level, translator]);
  return (
    <div
      ref={meter}
      role="meter"
      aria-label={label}
      aria-valuemin={METER_FLOOR_DB}
      aria-valuemax={0}
      aria-valuenow={METER_FLOOR_DB}
      aria-valuetext={muted ? translator.t('audio.meter.muted') : translator.t('audio.meter.silent')}
      className="audio-meter"
    >
      <div ref={fill} className="audio-meter-fill" />
    </div>
  );
}

function GainSlider({ label, field, value, setGain }: { label: string; field: GainField; value: number; setGain: (field: GainField, value: number) => void }) {
  const translator = useT();
  return (
    <label className="audio-field">
      <span>
        {label}{' '}
        {/* Hidden from the name (it would change while dragging); the slider's value text says it. */}
        <span className="audio-figure" aria-hidden="true">
          {describeGain(value, translator)}
        </span>
      </span>
      <input
        type="range"
        min={0}
        max={MAX_AUDIO_GAIN}
        step={0.01}
        value={value}
        aria-valuetext={describeGain(value, translator)}
        onChange={(event) => setGain(field, Number(event.target.value))}
      />
    </label>
  );
}

function MicrophoneStatus({ state, onRetry }: { state: MicrophoneState; onRetry: () => void }) {
  const { t } = useT();
  switch (state.status) {
    case 'starting':
      return <p className="audio-note">{t('audio.micStarting')}</p>;
    case 'live':
      return (
        <>
          <p className="audio-note">{t('audio.using', { device: state.label })}</p>
          {state.note && <p className="audio-note audio-warning">{state.note}</p>}
        </>
      );
    case 'failed':
      return (
        <div role="alert" className="audio-problem">
          <p>{state.message}</p>
          <button type="button" className="audio-action" onClick={onRetry}>
            {t('audio.micRetry')}
          </button>
        </div>
      );
  }
}

function SystemAudioStatus({ id, state, onShare }: { id: string; state: SystemAudioState; onShare: () => void }) {
  const { t } = useT();
  const share = (
    <button type="button" className="audio-action" onClick={onShare}>
      {t('audio.share')}
    </button>
  );
  switch (state.status) {
    case 'off':
      return (
        <p id={id} className="audio-note">
          {t('audio.systemOff')}
        </p>
      );
    case 'unsupported':
      return (
        <p id={id} className="audio-note">
          {state.reason}
        </p>
      );
    case 'needs-click':
      return (
        <div id={id} className="audio-note">
          <p>{t('audio.asksAgain')}</p>
          {share}
        </div>
      );
    case 'starting':
      return (
        <p id={id} className="audio-note">
          {t('audio.choose')}
        </p>
      );
    case 'live':
      return (
        <p id={id} className="audio-note">
          {t('audio.mixing', { source: state.label })}
        </p>
      );
    case 'failed':
      return (
        <div id={id} role="alert" className="audio-problem">
          <p>{state.message}</p>
          {share}
        </div>
      );
  }
}

function SendingStatus({ state }: { state: SendingState }) {
  const { t } = useT();
  const text = (() => {
    switch (state.status) {
      case 'connecting':
        return t('audio.connecting');
      case 'sending':
        return t('audio.sending', { seconds: Math.floor(state.sentSeconds), dropped: state.droppedChunks });
      case 'held':
        return t('audio.held', { seconds: Math.floor(state.sentSeconds), dropped: state.droppedChunks });
      case 'not-sending':
        return state.message;
    }
  })();
  return (
    // aria-live off: a figure that changes every second would drown a screen reader.
    <output aria-label={t('audio.sendingLabel')} aria-live="off" className={`audio-sending audio-sending-${state.status}`}>
      {text}
    </output>
  );
}
