// One RTCPeerConnection driven by the perfect negotiation pattern (W3C WebRTC, "Perfect negotiation example"):
// either side may offer at any time; on glare the polite side rolls back and takes the other's offer, the impolite
// side ignores it. No React here: use-video-call.ts owns one of these per connection to the other participant.
import type { TSignal } from '@/lib/video/protocol';

export type TPeerState = 'new' | 'connecting' | 'connected' | 'reconnecting' | 'failed';

export type TPeerOptions = {
  polite: boolean;
  iceServers: RTCIceServer[];
  /** This connection's key `<instance>:<generation>`, sent with every signal. */
  key: string;
  send(signal: TSignal): void;
  onRemoteTrack(track: MediaStreamTrack): void;
  onState(state: TPeerState): void;
};

/** How long a `disconnected` ICE connection may last before an ICE restart is asked for. */
const DISCONNECTED_GRACE_MS = 2500;

export class PerfectPeer {
  readonly pc: RTCPeerConnection;
  /** The other side's key, learned from its first signal to this connection. */
  remoteKey: string | null = null;
  /** The other side's page instance this connection was made for (null: not known yet). */
  remoteInstance: string | null = null;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  private queue: Promise<void> = Promise.resolve();
  private disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(private readonly o: TPeerOptions) {
    this.pc = new RTCPeerConnection({ iceServers: o.iceServers });
    this.pc.onnegotiationneeded = async () => {
      try {
        this.makingOffer = true;
        await this.pc.setLocalDescription();
        if (this.pc.localDescription) this.send({ description: this.pc.localDescription.toJSON() });
      } catch (err) {
        console.warn('video: could not make an offer', err);
      } finally {
        this.makingOffer = false;
      }
    };
    this.pc.onicecandidate = ({ candidate }) => {
      if (candidate) this.send({ candidate: candidate.toJSON() as TSignal['candidate'] });
    };
    this.pc.ontrack = ({ track }) => o.onRemoteTrack(track);
    this.pc.onconnectionstatechange = () => this.report();
    this.pc.oniceconnectionstatechange = () => {
      const s = this.pc.iceConnectionState;
      clearTimeout(this.disconnectedTimer);
      if (s === 'failed') this.pc.restartIce();
      // A network drop: give ICE a moment to recover by itself, then restart it.
      else if (s === 'disconnected') this.disconnectedTimer = setTimeout(() => this.restartIce(), DISCONNECTED_GRACE_MS);
      this.report();
    };
  }

  get key() {
    return this.o.key;
  }

  private send(s: Omit<TSignal, 'key'>) {
    if (!this.closed) this.o.send({ key: this.o.key, ...s } as TSignal);
  }

  private report() {
    if (this.closed) return;
    const c = this.pc.connectionState;
    const state: TPeerState =
      c === 'connected'
        ? 'connected'
        : c === 'failed'
          ? 'failed'
          : c === 'disconnected'
            ? 'reconnecting'
            : c === 'connecting'
              ? this.everConnected
                ? 'reconnecting'
                : 'connecting'
              : 'new';
    if (state === 'connected') this.everConnected = true;
    this.o.onState(state);
  }
  private everConnected = false;

  restartIce() {
    if (!this.closed && this.pc.iceConnectionState !== 'connected' && this.pc.iceConnectionState !== 'completed') this.pc.restartIce();
  }

  /**
   * Sends `track` for its kind: on a transceiver the other side offered (after an offer was taken), else a new one.
   * Null means "nothing of this kind to send": the transceiver then only receives, so an offer still asks for it.
   */
  async setTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null, stream?: MediaStream): Promise<void> {
    if (this.closed) return;
    const t = this.pc.getTransceivers().find((x) => x.currentDirection !== 'stopped' && x.receiver.track.kind === kind);
    if (t) {
      const direction: RTCRtpTransceiverDirection = track ? 'sendrecv' : 'recvonly';
      if (t.direction !== direction) t.direction = direction;
      if (stream && track) t.sender.setStreams?.(stream);
      await t.sender.replaceTrack(track);
    } else if (track) this.pc.addTrack(track, ...(stream ? [stream] : []));
    else this.pc.addTransceiver(kind, { direction: 'recvonly' });
  }

  /**
   * Handles one signal from the other side, in arrival order. `beforeAnswer` runs between taking an offer and
   * answering it: a connection made for an incoming offer puts its tracks on the offer's transceivers there, so
   * the answer already sends them.
   */
  handle(signal: TSignal, beforeAnswer?: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(() => this.handleNow(signal, beforeAnswer)).catch((err) => console.warn('video: signal failed', err));
    return this.queue;
  }

  private async handleNow({ description, candidate }: TSignal, beforeAnswer?: () => Promise<void>) {
    if (this.closed) return;
    if (description) {
      const readyForOffer = !this.makingOffer && (this.pc.signalingState === 'stable' || this.settingRemoteAnswer);
      const collision = description.type === 'offer' && !readyForOffer;
      this.ignoreOffer = !this.o.polite && collision;
      if (this.ignoreOffer) return;
      this.settingRemoteAnswer = description.type === 'answer';
      await this.pc.setRemoteDescription(description as RTCSessionDescriptionInit);
      this.settingRemoteAnswer = false;
      if (description.type === 'offer') {
        if (beforeAnswer) await beforeAnswer();
        await this.pc.setLocalDescription();
        if (this.pc.localDescription) this.send({ description: this.pc.localDescription.toJSON() });
      }
    } else if (candidate) {
      try {
        await this.pc.addIceCandidate(candidate as RTCIceCandidateInit);
      } catch (err) {
        if (!this.ignoreOffer) throw err;
      }
    }
  }

  close() {
    this.closed = true;
    clearTimeout(this.disconnectedTimer);
    this.pc.onnegotiationneeded = this.pc.onicecandidate = this.pc.ontrack = null;
    this.pc.onconnectionstatechange = this.pc.oniceconnectionstatechange = null;
    this.pc.close();
  }
}
