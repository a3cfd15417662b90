import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

const ALGORITHM = 'HS256';

/** What a valid session token says. */
export interface SessionClaims {
  userId: string;
  /** `jti`; for a token from before token ids, a digest of the token itself. */
  tokenId: string;
  /** The user's token generation when the token was issued (0 before generations existed). */
  generation: number;
  /** Unix seconds. */
  expiresAt: number;
}

/** Issues and checks session tokens (JWT, HS256, `sub` = user id, `jti`, `gen`) and signed file links. */
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

  issue(userId: string, generation: number): Promise<string> {
    return new SignJWT({ gen: generation })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(userId)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + this.ttlSeconds)
      .sign(this.jwtKey);
  }

  /** The claims of a valid token, or null for a missing, forged, malformed or expired one. Revocation is checked elsewhere. */
  async verify(token: unknown): Promise<SessionClaims | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return null;
    try {
      const { payload } = await jwtVerify(token, this.jwtKey, { algorithms: [ALGORITHM] });
      const { sub, jti, gen, exp } = payload;
      if (typeof sub !== 'string' || typeof exp !== 'number') return null;
      if (gen !== undefined && !(typeof gen === 'number' && Number.isSafeInteger(gen) && gen >= 0)) return null;
      return {
        userId: sub,
        tokenId: typeof jti === 'string' && jti !== '' ? jti : createHash('sha256').update(token).digest('base64url'),
        generation: gen ?? 0,
        expiresAt: exp,
      };
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
