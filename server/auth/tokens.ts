import { createHmac, timingSafeEqual } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

const ALGORITHM = 'HS256';

/** Issues and checks session tokens (JWT, HS256, `sub` = user id) and signed file links. */
export class TokenService {
  private readonly jwtKey: Uint8Array;
  private readonly linkKey: Buffer;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.jwtKey = new TextEncoder().encode(secret);
    // A separate key, so a file signature can never pass as anything else.
    this.linkKey = createHmac('sha256', secret).update('droplink file links').digest();
  }

  issue(userId: string): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + this.ttlSeconds)
      .sign(this.jwtKey);
  }

  /** The user id of a valid token, or null for a missing, forged, malformed or expired one. */
  async verify(token: unknown): Promise<string | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return null;
    try {
      const { payload } = await jwtVerify(token, this.jwtKey, { algorithms: [ALGORITHM] });
      return typeof payload.sub === 'string' ? payload.sub : null;
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof TypeError) return null;
      throw error;
    }
  }

  /** The signature of a file link valid until `expiresAt` (unix seconds). */
  signFileLink(attachmentId: string, expiresAt: number): string {
    return createHmac('sha256', this.linkKey).update(`${attachmentId}.${expiresAt}`).digest('base64url');
  }

  verifyFileLink(attachmentId: string, expiresAt: number, signature: string, now = Date.now()): boolean {
    if (!Number.isSafeInteger(expiresAt) || expiresAt * 1000 < now) return false;
    const expected = Buffer.from(this.signFileLink(attachmentId, expiresAt));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
