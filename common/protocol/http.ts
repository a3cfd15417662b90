import { z } from 'zod';
import { AttachmentSchema, UserSchema } from './entities';
import { DISPLAY_NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, USERNAME_PATTERN } from './limits';

/** Usernames are compared and stored lower-case. */
export const UsernameSchema = z.string().trim().toLowerCase().regex(USERNAME_PATTERN, 'username must be 3-32 of a-z 0-9 _ . -');

export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `password must be at most ${PASSWORD_MAX} characters`);

export const DisplayNameSchema = z.string().trim().min(1).max(DISPLAY_NAME_MAX);

export const RegisterRequestSchema = z.object({
  username: UsernameSchema,
  password: PasswordSchema,
  displayName: DisplayNameSchema.optional(),
});

export const LoginRequestSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX),
});

/** v1.1 `POST /api/auth/logout`; extension: `{everywhere: true}` refuses every token of the user, this one included. No body: this token only. */
export const LogoutRequestSchema = z.object({ everywhere: z.boolean().optional() }).strict();

/** v1.1 `POST /api/auth/password`: answers `{token}`; the user's other tokens are refused from then on. */
export const ChangePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX),
  newPassword: PasswordSchema,
});
export const ChangePasswordResponseSchema = z.object({ token: z.string() });
export type ChangePasswordResponse = z.infer<typeof ChangePasswordResponseSchema>;

export const AuthResponseSchema = z.object({ user: UserSchema, token: z.string() });
export type AuthResponse = z.infer<typeof AuthResponseSchema>;

export const MeResponseSchema = z.object({ user: UserSchema });
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const UsersQuerySchema = z.object({ query: z.string().trim().max(64).default('') });
export const UsersResponseSchema = z.object({ users: z.array(UserSchema) });
export type UsersResponse = z.infer<typeof UsersResponseSchema>;

export const UploadResponseSchema = z.object({ attachment: AttachmentSchema });
export type UploadResponse = z.infer<typeof UploadResponseSchema>;

/** Extension: `GET /api/files/:id/link` returns a short-lived signed URL an `<img>` can load. */
export const SignedLinkResponseSchema = z.object({ url: z.string(), expiresAt: z.string() });
export type SignedLinkResponse = z.infer<typeof SignedLinkResponseSchema>;

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  storage: z.enum(['pglite', 'postgres']),
  cluster: z.enum(['single', 'redis']),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

export const API_PATHS = {
  health: '/api/health',
  register: '/api/auth/register',
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  password: '/api/auth/password',
  me: '/api/me',
  users: '/api/users',
  uploads: '/api/uploads',
  files: '/api/files',
  /** Extension: POST (multipart, field `file`) sets the caller's avatar, DELETE removes it; both answer `{user}`. */
  myAvatar: '/api/me/avatar',
} as const;

/** Extension: `GET` serves the user's avatar (image/webp, 404 when none); `/link` a signed URL for it. */
export const avatarPath = (userId: string): string => `${API_PATHS.users}/${userId}/avatar`;

/**
 * Extension: a server started with CLIENT_SECRET (the desktop app's local server) wants it in
 * this header on register and login, and as `auth.clientSecret` in the Socket.IO handshake.
 */
export const CLIENT_SECRET_HEADER = 'x-droplink-client-secret';
