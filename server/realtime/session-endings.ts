import type { SessionEndReason } from '../../common/protocol';
import type { SessionGate } from '../auth/session-gate';
import type { Logger } from '../logger';
import { userChannel } from './channels';
import type { DroplinkServer, DroplinkSocket, SessionRevocation } from './types';

/** setTimeout's longest delay (about 24.8 days); a later expiry is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Tells the socket why, then disconnects it (the event goes out before the close). */
function endSession(socket: DroplinkSocket, reason: SessionEndReason): void {
  socket.emit('session:revoked', { reason });
  socket.disconnect(true);
}

function matches(socket: DroplinkSocket, revocation: SessionRevocation): boolean {
  if (revocation.tokenId !== undefined && socket.data.tokenId === revocation.tokenId) return true;
  return revocation.belowGeneration !== undefined && socket.data.generation < revocation.belowGeneration;
}

/** Ends sockets whose tokens were revoked (on every node) or have expired. */
export class SessionEndings {
  constructor(
    private readonly io: DroplinkServer,
    private readonly gate: SessionGate,
    private readonly logger: Logger,
    /** Several nodes (Redis adapter): revocations are announced to the others too. */
    private readonly clustered: boolean,
  ) {
    io.on('sessions:revoked', (revocation) => this.applyHere(revocation));
  }

  /** After the revocation is stored: every node forgets the user's cached state and ends the matching sockets. */
  revoked(revocation: SessionRevocation): void {
    this.applyHere(revocation);
    if (this.clustered) this.io.serverSideEmit('sessions:revoked', revocation);
  }

  /** Ends the socket when its token expires; returns the cancel for its disconnect. */
  expireAt(socket: DroplinkSocket): () => void {
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      const left = socket.data.expiresAt * 1000 - Date.now();
      if (left <= 0) return endSession(socket, 'expired');
      timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
      timer.unref();
    };
    arm();
    return () => clearTimeout(timer);
  }

  /**
   * A revocation announced between the handshake's check and the socket joining its user channel
   * missed it; checked again once joined (from the cache: no query as a rule). Which revocation it
   * was is not known here, hence the plain reason.
   */
  async recheck(socket: DroplinkSocket): Promise<void> {
    if (!(await this.gate.accepts(socket.data))) endSession(socket, 'logged_out');
  }

  private applyHere(revocation: SessionRevocation): void {
    this.gate.forget(revocation.userId);
    const ids = this.io.of('/').adapter.rooms.get(userChannel(revocation.userId));
    let ended = 0;
    for (const id of [...(ids ?? [])]) {
      const socket = this.io.of('/').sockets.get(id);
      if (socket && matches(socket, revocation)) {
        endSession(socket, revocation.reason);
        ended += 1;
      }
    }
    if (ended > 0) this.logger.info({ userId: revocation.userId, reason: revocation.reason, sockets: ended }, 'sessions ended');
  }
}
