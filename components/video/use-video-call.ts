'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { VIDEO_NAMESPACE, type TChatAck, type TChatMessage, type TJoinAck, type TRoomRole, type TSignal } from '@/lib/video/protocol';
import { describeMediaError, listDevices, openCamera, type TDevices, type TMediaProblem } from './media';
import { PerfectPeer, type TPeerState } from './perfect-peer';

// The room's client state machine: camera → signalling socket → one PerfectPeer to the other participant.
// Reconnection: socket.io-client reconnects by itself and `connect` sends `join` again; the peer connection
// survives a signalling drop when its ICE is still up, and restarts ICE when its network path dropped.

export type TPhase = 'media' | 'media-error' | 'joining' | 'in-room' | 'refused' | 'replaced' | 'closed' | 'left';
export type TConnection = TPeerState | 'waiting' | 'offline';

export type TVideoCall = ReturnType<typeof useVideoCall>;

async function sendTracks(p: PerfectPeer, cam: MediaStream | null, scr: MediaStreamTrack | null) {
  await p.setTrack('audio', cam?.getAudioTracks()[0] ?? null, cam ?? undefined);
  await p.setTrack('video', scr ?? cam?.getVideoTracks()[0] ?? null, cam ?? undefined);
}

export function useVideoCall(o: { bookingId: string; iceServers: RTCIceServer[]; realtimeUrl: string | null }) {
  const [phase, setPhase] = useState<TPhase>('media');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [mediaProblem, setMediaProblem] = useState<TMediaProblem | null>(null);
  const [connection, setConnection] = useState<TConnection>('new');
  const [peerHere, setPeerHere] = useState(false);
  const [localStream, setLocalStream] = useState<MediaStream | null>(null);
  const [remoteStream, setRemoteStream] = useState<MediaStream | null>(null);
  const [camOn, setCamOn] = useState(true);
  const [micOn, setMicOn] = useState(true);
  const [sharing, setSharing] = useState(false);
  const [devices, setDevices] = useState<TDevices>({ cameras: [], mics: [] });
  const [cameraId, setCameraId] = useState<string>('');
  const [micId, setMicId] = useState<string>('');
  const [messages, setMessages] = useState<TChatMessage[]>([]);
  const [role, setRole] = useState<TRoomRole | null>(null);
  const [socket, setSocket] = useState<Socket | null>(null);
  const [hasCamera, setHasCamera] = useState(false);
  const [hasMic, setHasMic] = useState(false);
  const [detail, setDetail] = useState('');

  const instance = useRef<string>('');
  const gen = useRef(0);
  const peer = useRef<PerfectPeer | null>(null);
  const polite = useRef(false);
  const camera = useRef<MediaStream | null>(null); // camera + microphone tracks
  const screen = useRef<MediaStreamTrack | null>(null);
  const remoteTracks = useRef<MediaStreamTrack[]>([]);
  const socketRef = useRef<Socket | null>(null);
  const wantMedia = useRef<'camera' | 'none' | null>(null);

  const videoTrack = () => screen.current ?? camera.current?.getVideoTracks()[0] ?? null;
  const audioTrack = () => camera.current?.getAudioTracks()[0] ?? null;

  const showLocal = useCallback(() => {
    const tracks = [videoTrack(), audioTrack()].filter((t): t is MediaStreamTrack => !!t);
    setLocalStream(tracks.length ? new MediaStream(tracks) : null);
    setHasCamera(!!camera.current?.getVideoTracks().length);
    setHasMic(!!camera.current?.getAudioTracks().length);
  }, []);

  const closePeer = useCallback(() => {
    peer.current?.close();
    peer.current = null;
    remoteTracks.current = [];
    setRemoteStream(null);
  }, []);

  /** A fresh connection to the other side; adding the tracks makes it offer (perfect negotiation). */
  const newPeer = useCallback(
    (remoteInstance: string | null, o2: { answerFirst?: boolean } = {}) => {
      closePeer();
      gen.current += 1;
      const p = new PerfectPeer({
        polite: polite.current,
        iceServers: o.iceServers,
        key: `${instance.current}:${gen.current}`,
        send: (s) => socketRef.current?.emit('signal', s),
        onRemoteTrack: (track) => {
          if (peer.current !== p) return;
          remoteTracks.current = [...remoteTracks.current.filter((t) => t.kind !== track.kind), track];
          setRemoteStream(new MediaStream(remoteTracks.current));
        },
        onState: (s) => {
          if (peer.current !== p) return;
          setConnection(s);
          // For support and tests: the connection's own states, on the indicator's data-detail.
          setDetail(`${p.pc.signalingState}/${p.pc.iceConnectionState}/${p.pc.iceGatheringState}`);
        },
      });
      peer.current = p;
      p.remoteInstance = remoteInstance;
      setConnection('connecting');
      // Answering an offer first lets our tracks ride the transceivers the offer made (one m-line per kind).
      if (!o2.answerFirst) void sendTracks(p, camera.current, screen.current);
      return p;
    },
    [closePeer, o.iceServers],
  );

  const onSignal = useCallback(
    async (s: TSignal) => {
      const [fromInstance] = s.key.split(':');
      const p = peer.current;
      const stale = !p || (p.remoteInstance && p.remoteInstance !== fromInstance) || (p.remoteKey !== null && p.remoteKey !== s.key);
      if (stale) {
        // A new connection of the other side (a join, a reload, a reset): only its offer starts ours.
        if (s.description?.type !== 'offer') return;
        const fresh = newPeer(fromInstance, { answerFirst: true });
        fresh.remoteKey = s.key;
        await fresh.handle(s, () => sendTracks(fresh, camera.current, screen.current));
        return;
      }
      p.remoteKey ??= s.key;
      await p.handle(s);
    },
    [newPeer],
  );

  const join = useCallback(
    (s: Socket) => {
      setPhase((ph) => (ph === 'in-room' ? ph : 'joining'));
      s.emit('join', { bookingId: o.bookingId, instance: instance.current }, (ack: TJoinAck) => {
        if (!ack.ok) {
          setRefusal(ack.message);
          setPhase('refused');
          closePeer();
          s.disconnect();
          return;
        }
        polite.current = ack.polite;
        setRole(ack.role);
        setPhase('in-room');
        setPeerHere(ack.peerPresent);
        const p = peer.current;
        const current = p ? p.remoteInstance : null;
        if (!ack.peerPresent) {
          if (!p) setConnection('waiting');
        } else if (!p || current !== ack.peerInstance || p.pc.connectionState !== 'connected') newPeer(ack.peerInstance);
      });
    },
    [o.bookingId, closePeer, newPeer],
  );

  const connect = useCallback(async () => {
    const { io } = await import('socket.io-client');
    const base = o.realtimeUrl ? o.realtimeUrl.replace(/\/$/, '') : '';
    const s = io(`${base}${VIDEO_NAMESPACE}`, {
      path: '/socket.io/',
      withCredentials: true,
      transports: ['websocket', 'polling'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
    });
    socketRef.current = s;
    setSocket(s);
    s.on('connect', () => join(s));
    s.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      setConnection((c) => (c === 'connected' ? c : 'offline'));
      document.documentElement.dataset.videoSignalling = 'disconnected';
    });
    s.on('connect_error', () => setConnection((c) => (c === 'connected' ? c : 'offline')));
    s.on('peer-joined', (m: { instance: string }) => {
      setPeerHere(true);
      const p = peer.current;
      const current = p ? p.remoteInstance : null;
      // The same tab back after a signalling drop, media still flowing: keep the connection.
      if (p && current === m.instance && p.pc.connectionState === 'connected') return;
      // Otherwise the joiner offers (it learns we are here from its join's answer) and our connection is made for
      // that offer (onSignal): one offer, no glare on every (re)join. Later renegotiations may still collide;
      // perfect negotiation settles those.
      closePeer();
      setConnection('connecting');
    });
    s.on('peer-left', (m: { gone: boolean }) => {
      setPeerHere(false);
      if (m.gone) {
        closePeer();
        setConnection('waiting');
      }
    });
    s.on('signal', (sig: TSignal) => void onSignal(sig));
    s.on('chat', (m: TChatMessage) => setMessages((list) => [...list, m]));
    s.on('replaced', () => {
      setPhase('replaced');
      closePeer();
      s.disconnect();
    });
    s.on('room-closed', () => {
      setPhase('closed');
      closePeer();
      s.disconnect();
    });
  }, [o.realtimeUrl, join, onSignal, closePeer]);

  const startMedia = useCallback(
    async (mode: 'camera' | 'none') => {
      wantMedia.current = mode;
      setMediaProblem(null);
      if (mode === 'camera') {
        setPhase('media');
        try {
          camera.current = await openCamera();
        } catch (err) {
          setMediaProblem(describeMediaError(err));
          setPhase('media-error');
          return;
        }
        setCamOn(true);
        setMicOn(true);
        setDevices(await listDevices());
        setCameraId(camera.current.getVideoTracks()[0]?.getSettings().deviceId ?? '');
        setMicId(camera.current.getAudioTracks()[0]?.getSettings().deviceId ?? '');
      } else {
        camera.current = null;
        setCamOn(false);
        setMicOn(false);
      }
      showLocal();
      if (peer.current) void sendTracks(peer.current, camera.current, screen.current);
      if (!socketRef.current) await connect();
    },
    [connect, showLocal],
  );

  useEffect(() => {
    instance.current = Math.random().toString(36).slice(2, 12);
    // After this tick: under React's strict mode the first mount is undone at once, and its timer with it.
    const start = setTimeout(() => void startMedia('camera'), 0);
    const onDevices = () => void listDevices().then(setDevices);
    navigator.mediaDevices?.addEventListener?.('devicechange', onDevices);
    const onHide = () => socketRef.current?.emit('leave');
    window.addEventListener('pagehide', onHide);
    return () => {
      clearTimeout(start);
      navigator.mediaDevices?.removeEventListener?.('devicechange', onDevices);
      window.removeEventListener('pagehide', onHide);
      socketRef.current?.emit('leave');
      socketRef.current?.disconnect();
      socketRef.current = null;
      peer.current?.close();
      peer.current = null;
      camera.current?.getTracks().forEach((t) => t.stop());
      screen.current?.stop();
    };
    // Once per mount: the room's identity never changes while it is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const toggleCam = () => {
    const t = camera.current?.getVideoTracks()[0];
    if (!t) return;
    t.enabled = !t.enabled;
    setCamOn(t.enabled);
  };
  const toggleMic = () => {
    const t = camera.current?.getAudioTracks()[0];
    if (!t) return;
    t.enabled = !t.enabled;
    setMicOn(t.enabled);
  };

  /** Switches camera or microphone: a new track from that device replaces the old one on the same sender. */
  const chooseDevice = async (kind: 'video' | 'audio', deviceId: string) => {
    const old = kind === 'video' ? camera.current?.getVideoTracks()[0] : camera.current?.getAudioTracks()[0];
    try {
      const s = await openCamera(kind === 'video' ? { cameraId: deviceId, audio: false } : { micId: deviceId, video: false });
      const track = s.getTracks()[0];
      track.enabled = old?.enabled ?? true;
      if (old) {
        camera.current!.removeTrack(old);
        old.stop();
      }
      camera.current ??= new MediaStream();
      camera.current.addTrack(track);
      if (kind === 'video') setCameraId(deviceId);
      else setMicId(deviceId);
      if (peer.current && !(kind === 'video' && screen.current)) await peer.current.setTrack(kind, track, camera.current);
      showLocal();
    } catch (err) {
      setMediaProblem(describeMediaError(err));
    }
  };

  const stopShare = useCallback(() => {
    const t = screen.current;
    if (!t) return;
    screen.current = null;
    t.stop();
    setSharing(false);
    void peer.current?.setTrack('video', camera.current?.getVideoTracks()[0] ?? null, camera.current ?? undefined);
    showLocal();
  }, [showLocal]);

  const startShare = async () => {
    try {
      const s = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      const t = s.getVideoTracks()[0];
      screen.current = t;
      t.onended = () => stopShare(); // the browser's own "Stop sharing" button
      setSharing(true);
      void peer.current?.setTrack('video', t, s);
      showLocal();
    } catch {
      // the person closed the picker: nothing to do
    }
  };

  const sendChat = (text: string) =>
    new Promise<string | null>((resolve) => {
      const s = socketRef.current;
      if (!s?.connected) return resolve('Not connected; your message was not sent.');
      s.timeout(5000).emit('chat', { text }, (err: Error | null, ack: TChatAck) => {
        if (err) return resolve('No answer from the server; your message may not have been sent.');
        if (!ack.ok) return resolve(ack.error === 'too_fast' ? 'Slow down a little: too many messages.' : 'The message could not be sent.');
        setMessages((list) => [...list, ack.message]);
        resolve(null);
      });
    });

  const leave = () => {
    const s = socketRef.current;
    // Disconnect once the server has the leave (or after a second): the peer is told "left", not "dropped".
    s?.timeout(1000).emit('leave', () => s.disconnect());
    closePeer();
    camera.current?.getTracks().forEach((t) => t.stop());
    screen.current?.stop();
    setLocalStream(null);
    setPhase('left');
  };

  return {
    phase,
    refusal,
    mediaProblem,
    connection,
    detail,
    peerHere,
    role,
    localStream,
    remoteStream,
    camOn,
    micOn,
    sharing,
    hasCamera,
    hasMic,
    devices,
    cameraId,
    micId,
    messages,
    socket,
    joinWithoutVideo: () => void startMedia('none'),
    retryMedia: () => void startMedia('camera'),
    toggleCam,
    toggleMic,
    chooseDevice,
    startShare,
    stopShare,
    sendChat,
    leave,
  };
}
