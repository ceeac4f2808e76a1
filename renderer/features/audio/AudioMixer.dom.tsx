import { useEffect, useId, useRef } from 'react';
import { MAX_AUDIO_GAIN } from '../../../contract/schemas/settings.std';
import type { AudioLevels, MicrophoneState, SendingState, SystemAudioState } from './audioSnapshot.std';
import { microphoneOptions } from './audioDevices.std';
import { describeGain, describeLevel, METER_FLOOR_DB } from './levels.std';
import { useAudioEngine, type AudioControls } from './useAudioEngine.dom';
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
  const options = microphoneOptions(snapshot.devices, audio.microphoneId);
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
      <h2 id="audio-heading">Audio</h2>
      {engine.status === 'failed' && <p role="alert" className="audio-problem">{engine.message}</p>}
      {engine.status === 'suspended' && (
        <p className="audio-problem">
          The browser holds sound until you click.{' '}
          <button type="button" className="audio-action" onClick={controls.resume}>
            Start audio
          </button>
        </p>
      )}

      <label className="audio-field">
        <span>Microphone</span>
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
          aria-label="Mute microphone"
          onClick={() => save({ microphoneMuted: !audio.microphoneMuted })}
        >
          {audio.microphoneMuted ? 'Muted' : 'Mute'}
        </button>
        <LevelMeter controls={controls} label="Microphone level" level="microphoneDb" muted={audio.microphoneMuted} />
      </div>
      <GainSlider label="Microphone volume" field="microphoneGain" value={audio.microphoneGain} setGain={setGain} />
      <MicrophoneStatus state={microphone} onRetry={controls.retryMicrophone} />

      <label className="audio-check">
        <input type="checkbox" checked={audio.echoCancellation} onChange={(event) => save({ echoCancellation: event.target.checked })} />
        Echo cancellation
      </label>
      <label className="audio-check">
        <input type="checkbox" checked={audio.noiseSuppression} onChange={(event) => save({ noiseSuppression: event.target.checked })} />
        Noise suppression
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
        System audio
      </label>
      <SystemAudioStatus id={systemAudioNote} state={systemAudio} onShare={controls.startSystemAudio} />
      {audio.systemAudio && systemAudio.status === 'live' && (
        <>
          <div className="audio-strip">
            <span className="audio-note" aria-hidden="true">
              Level
            </span>
            <LevelMeter controls={controls} label="System audio level" level="systemAudioDb" muted={false} />
          </div>
          <GainSlider label="System audio volume" field="systemAudioGain" value={audio.systemAudioGain} setGain={setGain} />
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
  useEffect(() => {
    mutedRef.current = muted;
  }, [muted]);
  useEffect(() => {
    let shown = '';
    return controls.onLevels((levels) => {
      const db = Math.round(levels[level]);
      const text = mutedRef.current ? 'muted' : describeLevel(db);
      // Silence is most of the time: touch the DOM only when the reading changes.
      if (`${db} ${text}` === shown) return;
      shown = `${db} ${text}`;
      meter.current?.setAttribute('aria-valuenow', String(db));
      meter.current?.setAttribute('aria-valuetext', text);
      if (fill.current) fill.current.style.transform = `scaleX(${(db - METER_FLOOR_DB) / -METER_FLOOR_DB})`;
    });
  }, [controls, level]);
  return (
    <div
      ref={meter}
      role="meter"
      aria-label={label}
      aria-valuemin={METER_FLOOR_DB}
      aria-valuemax={0}
      aria-valuenow={METER_FLOOR_DB}
      aria-valuetext={muted ? 'muted' : 'silent'}
      className="audio-meter"
    >
      <div ref={fill} className="audio-meter-fill" />
    </div>
  );
}

function GainSlider({ label, field, value, setGain }: { label: string; field: GainField; value: number; setGain: (field: GainField, value: number) => void }) {
  return (
    <label className="audio-field">
      <span>
        {label}{' '}
        {/* Hidden from the name (it would change while dragging); the slider's value text says it. */}
        <span className="audio-figure" aria-hidden="true">
          {describeGain(value)}
        </span>
      </span>
      <input
        type="range"
        min={0}
        max={MAX_AUDIO_GAIN}
        step={0.01}
        value={value}
        aria-valuetext={describeGain(value)}
        onChange={(event) => setGain(field, Number(event.target.value))}
      />
    </label>
  );
}

function MicrophoneStatus({ state, onRetry }: { state: MicrophoneState; onRetry: () => void }) {
  switch (state.status) {
    case 'starting':
      return <p className="audio-note">Starting the microphone…</p>;
    case 'live':
      return (
        <>
          <p className="audio-note">Using {state.label}</p>
          {state.note && <p className="audio-note audio-warning">{state.note}</p>}
        </>
      );
    case 'failed':
      return (
        <div role="alert" className="audio-problem">
          <p>{state.message}</p>
          <button type="button" className="audio-action" onClick={onRetry}>
            Try the microphone again
          </button>
        </div>
      );
  }
}

function SystemAudioStatus({ id, state, onShare }: { id: string; state: SystemAudioState; onShare: () => void }) {
  const share = (
    <button type="button" className="audio-action" onClick={onShare}>
      Share system audio
    </button>
  );
  switch (state.status) {
    case 'off':
      return (
        <p id={id} className="audio-note">
          Mixes in what the computer plays.
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
          <p>The browser asks again each session.</p>
          {share}
        </div>
      );
    case 'starting':
      return (
        <p id={id} className="audio-note">
          Choose what to share, with its sound…
        </p>
      );
    case 'live':
      return (
        <p id={id} className="audio-note">
          Mixing {state.label}
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
  const figures = (sentSeconds: number, droppedChunks: number) => `${Math.floor(sentSeconds)} s${droppedChunks > 0 ? ` · ${droppedChunks} dropped` : ''}`;
  const text = (() => {
    switch (state.status) {
      case 'connecting':
        return 'Connecting…';
      case 'sending':
        return `Sending · ${figures(state.sentSeconds, state.droppedChunks)}`;
      case 'held':
        return `Held: the studio takes sound from one window at a time, and another one is sending it · ${figures(state.sentSeconds, state.droppedChunks)}`;
      case 'not-sending':
        return state.message;
    }
  })();
  return (
    // aria-live off: a figure that changes every second would drown a screen reader.
    <output aria-label="Audio to the studio" aria-live="off" className={`audio-sending audio-sending-${state.status}`}>
      {text}
    </output>
  );
}
