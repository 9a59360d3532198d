// Camera, microphone and screen: getUserMedia/getDisplayMedia with the errors turned into words a person can act on.

export type TMediaProblem = { kind: 'denied' | 'missing' | 'busy' | 'other'; message: string };

export function describeMediaError(err: unknown): TMediaProblem {
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return {
      kind: 'denied',
      message:
        'Your browser refused access to the camera and microphone. Allow them in the address bar’s site settings and try again, or join without video.',
    };
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return { kind: 'missing', message: 'No camera or microphone was found. Connect one and try again, or join without video.' };
  if (name === 'NotReadableError' || name === 'AbortError')
    return { kind: 'busy', message: 'The camera or microphone is in use by another app. Close it and try again, or join without video.' };
  return { kind: 'other', message: 'The camera and microphone could not be started. Try again, or join without video.' };
}

export async function openCamera(o: { cameraId?: string; micId?: string; video?: boolean; audio?: boolean } = {}): Promise<MediaStream> {
  const video = o.video === false ? false : o.cameraId ? { deviceId: { exact: o.cameraId } } : true;
  const audio = o.audio === false ? false : o.micId ? { deviceId: { exact: o.micId } } : true;
  return navigator.mediaDevices.getUserMedia({ video, audio });
}

export type TDevices = { cameras: MediaDeviceInfo[]; mics: MediaDeviceInfo[] };

export async function listDevices(): Promise<TDevices> {
  if (!navigator.mediaDevices?.enumerateDevices) return { cameras: [], mics: [] };
  const all = await navigator.mediaDevices.enumerateDevices();
  return { cameras: all.filter((d) => d.kind === 'videoinput'), mics: all.filter((d) => d.kind === 'audioinput') };
}
