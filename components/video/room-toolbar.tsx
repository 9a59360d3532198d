'use client';

import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import type { TVideoCall } from './use-video-call';

/** Camera, microphone, devices, screen sharing and leave; `extra` holds controls other features add (recording). */
export function RoomToolbar({ call, extra }: { call: TVideoCall; extra?: ReactNode }) {
  const inRoom = call.phase === 'in-room';
  return (
    <div role="toolbar" aria-label="Call controls" className="flex flex-wrap items-end gap-2">
      <Button variant={call.camOn ? 'secondary' : 'danger'} aria-pressed={!call.camOn} onClick={call.toggleCam} disabled={!call.hasCamera}>
        {call.camOn ? 'Turn camera off' : 'Turn camera on'}
      </Button>
      <Button variant={call.micOn ? 'secondary' : 'danger'} aria-pressed={!call.micOn} onClick={call.toggleMic} disabled={!call.hasMic}>
        {call.micOn ? 'Mute microphone' : 'Unmute microphone'}
      </Button>
      {typeof navigator !== 'undefined' && navigator.mediaDevices && 'getDisplayMedia' in navigator.mediaDevices ? (
        <Button
          variant="secondary"
          aria-pressed={call.sharing}
          onClick={call.sharing ? call.stopShare : call.startShare}
          disabled={!inRoom}
        >
          {call.sharing ? 'Stop sharing' : 'Share screen'}
        </Button>
      ) : null}
      {call.devices.cameras.length > 0 ? (
        <label className="flex flex-col text-xs font-medium">
          Camera
          <select
            className="mt-1 max-w-48 rounded-xl border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
            value={call.cameraId}
            onChange={(e) => void call.chooseDevice('video', e.target.value)}
          >
            {call.devices.cameras.map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {d.label || `Camera ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {call.devices.mics.length > 0 ? (
        <label className="flex flex-col text-xs font-medium">
          Microphone
          <select
            className="mt-1 max-w-48 rounded-xl border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
            value={call.micId}
            onChange={(e) => void call.chooseDevice('audio', e.target.value)}
          >
            {call.devices.mics.map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {d.label || `Microphone ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {extra}
      <Button variant="danger" onClick={call.leave} className="ml-auto">
        Leave
      </Button>
    </div>
  );
}
